import { emptySchema } from '../../src/contract/schemas'
import type { CityDashboard } from '../../src/contract/types'
import { NO_COMMUNITY, shownAlone, weekRanges } from '../../src/core/community'
import { monthsEnding, shanghaiMonth } from '../../src/core/treasury'
import { shanghaiDay, toShanghaiIso } from '../../src/core/time'
import { defineFunction, type Services } from '../function'
import { communityTotals, communityDayGrams, listCommunities, publicCommunity } from '../communities/queries'
import { listProjects, projectTotals } from './queries'
import { issuanceByMonth } from '../treasury/queries'
import { evidenceGrams } from '../wallet/queries'
import { gramsByEvidence } from '../../src/core/evidence'

/** A public page is read far more often than the city changes: one answer serves every reader for this long. */
export const DASHBOARD_CACHE_MS = 10_000

const cache = new WeakMap<Services['storage'], { atMs: number; value: CityDashboard }>()

/**
 * The city's figures for anyone, without logging in: from counters kept in per-person slots in each entry's own
 * transaction (communities × slots rows, and × days for the two weeks), never from the ledger.
 */
export const getCityDashboard = defineFunction({
  name: 'getCityDashboard',
  schema: emptySchema,
  auth: 'none',
  transaction: 'read',
  async handle(_req, _caller, services) {
    const nowMs = services.now()
    const cached = cache.get(services.storage)
    if (cached && nowMs - cached.atMs < DASHBOARD_CACHE_MS && nowMs >= cached.atMs) return cached.value
    const value = await dashboard(services, nowMs)
    cache.set(services.storage, { atMs: nowMs, value })
    return value
  },
})

async function dashboard(services: Services, nowMs: number): Promise<CityDashboard> {
  const { store } = services
  const today = shanghaiDay(nowMs)
  const { thisWeek, lastWeek } = weekRanges(today)
  const months = monthsEnding(shanghaiMonth(nowMs), 12)
  const [totals, days, communities, projects, raised, issued, byEvidence] = await Promise.all([
    communityTotals(store),
    communityDayGrams(store, lastWeek.fromDay, today),
    listCommunities(store),
    listProjects(store, false),
    projectTotals(store),
    issuanceByMonth(store, months[0]),
    evidenceGrams(store),
  ])
  const inRange = (day: string, range: { fromDay: string; toDay: string }) => day >= range.fromDay && day <= range.toDay
  const weekGrams = (range: { fromDay: string; toDay: string }, communityId?: string) =>
    days.filter((d) => inRange(d.day, range) && (communityId === undefined || d.communityId === communityId)).reduce((sum, d) => sum + d.gramsCo2e, 0)
  const totalOf = (communityId: string) => totals.find((t) => t.communityId === communityId)
  const all = communities
    .filter((c) => c.id !== NO_COMMUNITY)
    .map((c) => ({
      ...publicCommunity(c),
      residents: totalOf(c.id)?.residents ?? 0,
      gramsCo2eTotal: totalOf(c.id)?.gramsCo2e ?? 0,
      thisWeekGrams: weekGrams(thisWeek, c.id),
    }))
  const small = all.filter((c) => !shownAlone(c.residents))
  return {
    asOf: toShanghaiIso(nowMs),
    residents: totals.reduce((sum, t) => sum + t.residents, 0),
    gramsCo2eTotal: totals.reduce((sum, t) => sum + t.gramsCo2e, 0),
    thisWeek: { ...thisWeek, gramsCo2e: weekGrams(thisWeek) },
    lastWeek: { ...lastWeek, gramsCo2e: weekGrams(lastWeek) },
    communities: all.filter((c) => shownAlone(c.residents)),
    ...(small.length > 0
      ? {
          otherCommunities: {
            communities: small.length,
            residents: small.reduce((sum, c) => sum + c.residents, 0),
            gramsCo2eTotal: small.reduce((sum, c) => sum + c.gramsCo2eTotal, 0),
            thisWeekGrams: small.reduce((sum, c) => sum + c.thisWeekGrams, 0),
          },
        }
      : {}),
    issuance: months.map((month) => ({ month, points: issued.find((i) => i.month === month)?.points ?? 0 })),
    evidence: gramsByEvidence(byEvidence),
    projects: projects.map((p) => ({
      id: p.id,
      title: p.title,
      ...(p.titleEn ? { titleEn: p.titleEn } : {}),
      goalPoints: p.goalPoints,
      raisedPoints: raised.get(p.id)?.raisedPoints ?? 0,
      donors: raised.get(p.id)?.donors ?? 0,
      active: p.active,
    })),
  }
}
