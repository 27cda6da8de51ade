/**
 * The treasury's moves, each inside the caller's transaction and each a checked move on its counter row: an
 * issuance (city organizers, capped per month), an allocation to a purse, a draw from a purse into a challenge's
 * or an event's budget, and a budget's unspent points given back when it closes. The rules are src/core/treasury.
 */
import type { TreasuryView } from '../../src/contract/types'
import { isCityScope } from '../../src/core/community'
import { CITY_PURSE, purseOf, purseLeft, shanghaiMonth, unspentBudget } from '../../src/core/treasury'
import { shanghaiDay, toShanghaiIso } from '../../src/core/time'
import { CloudError } from '../errors'
import { inTransaction, scopeOf, type CallerContext, type Services } from '../function'
import { conflict, move, mustMove, transition } from '../transitions'
import type { OpenBudget } from './queries'
import {
  ensureTreasuryRows,
  monthIssued,
  insertIssuance,
  treasuryTotals,
  insertAllocation,
  getPurse,
  insertFunding,
  fundingsOf,
  insertBudgetReturn,
  budgetsToClose,
  listPurses,
  recentIssuances,
  recentAllocations,
} from './queries'
import { getEvent } from '../events/queries'
import { getChallenge } from '../challenges/queries'
import { listCommunities } from '../communities/queries'

const TREASURY = { table: 'treasury', key: { id: 'city' } }

/** A city organizer issues points into the treasury: refused past the month's cap. */
export async function issue(services: Services, who: CallerContext, points: number, reason: string): Promise<string> {
  const { store } = services
  const nowMs = services.now()
  const month = shanghaiMonth(nowMs)
  await ensureTreasuryRows(store, month, CITY_PURSE)
  const cap = services.treasuryMonthlyCapPoints
  await move(store, { table: 'treasury_months', key: { month }, column: 'issued', delta: points, max: cap }, async () => {
    const issued = await monthIssued(store, month)
    const left = Math.max(0, cap - issued)
    return new CloudError('CONFLICT', `This month's issuance cap is ${cap} points and ${issued} are already issued: at most ${left} more until next month.`, {
      reason: 'treasury.monthlyCap',
      params: { cap, issued, left },
    })
  })
  await mustMove(store, { ...TREASURY, column: 'issued', delta: points })
  const id = services.newId('ti')
  await insertIssuance(store, { id, openid: who.openid, points, reason, month, createdAt: toShanghaiIso(nowMs) })
  return id
}

/** Moves unallocated treasury points into a purse (a community's allowance, or the city's own). */
export async function allocate(services: Services, who: CallerContext, purse: string, points: number, reason: string): Promise<string> {
  const { store } = services
  await ensureTreasuryRows(store, shanghaiMonth(services.now()), purse)
  await move(store, { ...TREASURY, column: 'allocated', delta: points, max: 'issued' }, async () => {
    const t = await treasuryTotals(store)
    const unallocated = t.issuedPoints - t.allocatedPoints
    return new CloudError('INSUFFICIENT_POINTS', `The treasury holds ${unallocated} points not yet allocated; issue more before allocating ${points}.`, {
      reason: 'treasury.notEnoughUnallocated',
      params: { unallocated, points },
    })
  })
  await mustMove(store, { table: 'allowances', key: { purse }, column: 'granted', delta: points })
  const id = services.newId('ag')
  await insertAllocation(store, { id, purse, openid: who.openid, points, reason, createdAt: toShanghaiIso(services.now()) })
  return id
}

/**
 * Funds a challenge's or an event's budget from the organizer's purse: a community organizer's from their
 * community's allowance; a city organizer's from the city's purse, what it lacks allocated from the treasury in the
 * same step (so it too traces to an allocation and an issuance). Refused when the purse (or the treasury) cannot pay.
 */
export async function fundBudget(
  services: Services,
  who: CallerContext,
  budget: { table: 'challenges' | 'events'; id: string },
  points: number,
  what: string,
): Promise<void> {
  const { store } = services
  const purse = purseOf(scopeOf(who))
  await ensureTreasuryRows(store, shanghaiMonth(services.now()), purse)
  if (purse === CITY_PURSE) {
    // The city's purse first (what was allocated to it ahead), the rest allocated from the treasury in the same step.
    const short = points - purseLeft((await getPurse(store, CITY_PURSE)) ?? { grantedPoints: 0, spentPoints: 0 })
    if (short > 0) await allocate(services, who, CITY_PURSE, short, what)
  }
  await move(store, { table: 'allowances', key: { purse }, column: 'spent', delta: points, max: 'granted' }, async () => {
    const left = purseLeft((await getPurse(store, purse)) ?? { grantedPoints: 0, spentPoints: 0 })
    return new CloudError(
      'INSUFFICIENT_POINTS',
      `Your community's allowance has ${left} points left and this budget needs ${points}: ask a city organizer to allocate more.`,
      {
        reason: 'treasury.allowanceShort',
        params: { left, points },
      },
    )
  })
  await insertFunding(store, { id: services.newId('bf'), budgetId: budget.id, purse, openid: who.openid, points, createdAt: toShanghaiIso(services.now()) })
  await mustMove(store, { table: budget.table, key: { id: budget.id }, column: 'budget_points', delta: points })
}

/**
 * Closes a budget once (an event called off or over, a challenge past its last credit): what nobody was paid goes
 * back to the purses it came from, newest funding first. The close is a checked claim on the budget's row, taken
 * before the budget is read again, so an attendance racing it either paid first or finds the budget closed.
 */
export async function closeBudget(services: Services, budget: OpenBudget): Promise<number> {
  const { store } = services
  const at = toShanghaiIso(services.now())
  await transition(
    store,
    { table: budget.table, key: { id: budget.id }, column: 'budget_closed_at', from: [null], to: at },
    conflict('This budget was closed a moment ago.', { reason: 'budget.closedMeanwhile' }),
  )
  const now = budget.table === 'events' ? await getEvent(store, budget.id) : await getChallenge(store, budget.id)
  if (!now) throw new Error(`budget ${budget.id} vanished inside its transaction`)
  let left = unspentBudget(now)
  const fundings = await fundingsOf(store, budget.id)
  for (const f of [...fundings].reverse()) {
    const back = Math.min(left, f.points)
    if (back <= 0) break
    await mustMove(store, { table: budget.table, key: { id: budget.id }, column: 'budget_points', delta: -back, min: 'budget_spent' })
    await mustMove(store, { table: 'allowances', key: { purse: f.purse }, column: 'spent', delta: -back, min: 0 })
    await insertBudgetReturn(store, { id: services.newId('br'), budgetId: budget.id, purse: f.purse, openid: f.openid, points: back, createdAt: at })
    left -= back
  }
  return unspentBudget(now) - left
}

/**
 * The sweep's part: closes every budget whose event is over or called off, and every challenge's once no credit
 * can reach it any more (its last day is further back than the back-dating window), each in its own transaction.
 * A budget another worker closed first is skipped. Returns the points given back.
 */
export async function closeEndedBudgets(services: Services, batch = 100): Promise<number> {
  const nowMs = services.now()
  const lastCreditableDay = shanghaiDay(nowMs - services.rules.maxBackdateHours * 3_600_000 - 24 * 3_600_000)
  let returned = 0
  for (;;) {
    const due = await budgetsToClose(services.store, nowMs, lastCreditableDay, batch)
    for (const budget of due) {
      try {
        returned += await inTransaction(services, (services) => closeBudget(services, budget))
      } catch (error) {
        if (!(error instanceof CloudError && error.code === 'CONFLICT')) throw error
      }
    }
    if (due.length < batch) return returned
  }
}

const RECENT = 20

/** The treasury as this organizer may see it: a city organizer, all of it; a community organizer, their purse. */
export async function treasuryView(services: Services, who: CallerContext): Promise<TreasuryView> {
  const { store } = services
  const scope = scopeOf(who)
  const month = shanghaiMonth(services.now())
  const [totals, monthIssuedPoints, communities] = await Promise.all([treasuryTotals(store), monthIssued(store, month), listCommunities(store)])
  const names = new Map(communities.map((c) => [c.id, c.name]))
  const city = isCityScope(scope)
  const mine = purseOf(scope)
  const purses = city ? await listPurses(store) : [(await getPurse(store, mine)) ?? { purse: mine, grantedPoints: 0, spentPoints: 0 }]
  return {
    month,
    monthlyCapPoints: services.treasuryMonthlyCapPoints,
    monthIssuedPoints,
    issuedPoints: totals.issuedPoints,
    allocatedPoints: totals.allocatedPoints,
    unallocatedPoints: totals.issuedPoints - totals.allocatedPoints,
    purses: purses.map((p) => ({
      communityId: p.purse,
      name: p.purse === CITY_PURSE ? '' : (names.get(p.purse) ?? p.purse),
      grantedPoints: p.grantedPoints,
      spentPoints: p.spentPoints,
      leftPoints: purseLeft(p),
    })),
    issuances: city
      ? (await recentIssuances(store, RECENT)).map((r) => ({
          id: r.id,
          points: r.points,
          reason: r.reason,
          month: r.month,
          createdAt: r.createdAt,
          by: r.openid,
        }))
      : [],
    allocations: (await recentAllocations(store, city ? undefined : mine, RECENT)).map((a) => ({
      id: a.id,
      communityId: a.purse,
      points: a.points,
      reason: a.reason,
      createdAt: a.createdAt,
    })),
  }
}
