import { syncStepsSchema, weRunPlainSchema } from '../../src/contract/schemas'
import { DAY_TOTAL_KEY } from '../../src/core/farming'
import { capKeyOf } from '../../src/core/kinds'
import { gramsFor, pointsFor } from '../../src/core/credit'
import { STEPS_FACTOR } from '../../src/core/methodology'
import { STEPS_VERIFIED_KEY, stepsCeiling, stepsDays, UNVERIFIABLE_WERUN } from '../../src/core/steps'
import { shanghaiDayStartMs, toShanghaiIso } from '../../src/core/time'
import { applyToChallenges } from '../challenges/challenges'
import { CloudError } from '../errors'
import { defineFunction, inTransaction, type Services } from '../function'
import { lockCaller } from '../idempotency'
import { appendEntry, publicWallet } from './ledger'
import { decryptOpenData, OpenDataError } from './werun'
import { remindAfterCheckIn } from '../reminders/reminders'
import { findUser, getWeChatSessionKey } from '../identity/queries'
import { openidOfWeChat } from '../identity/users'
import { dayCounterRows, addCreditedGrams } from './queries'

const DAY_MS = 24 * 3600 * 1000

/**
 * Verified steps: `wx.getWeRunData()`'s { encryptedData, iv }, decrypted with the caller's own session_key from
 * their WeChat login, or under WeChat Cloud Run its { cloudID }, traded for the data by WeChat's open-data
 * exchange (mock/platform/openData.ts). Credits, for each of the last 7 Asia/Shanghai days, only what the day's
 * steps add to its walking (src/core/steps): a second sync of the same data credits nothing. Data under another
 * person's key or cloudID, another mini-program's, a stale watermark or garbage → INVALID_ARGUMENT, nothing credited.
 */
export const syncSteps = defineFunction({
  name: 'syncSteps',
  schema: syncStepsSchema,
  auth: 'session',
  // The cloudID exchange is a network call: made before the transaction, never while holding the person's lock.
  transaction: 'none',
  async handle(req, { openid }, services) {
    const appid = services.wechatAppid
    if (!appid) throw new CloudError('UNAVAILABLE', 'WeRun steps cannot be verified on this server (no WX_APPID).', { reason: 'steps.notSetUp' })
    const exchanged = 'cloudID' in req ? await redeemCloudID(services, openid, req.cloudID) : undefined
    return inTransaction(services, async (services) => {
      const { store } = services
      await lockCaller(store, openid)
      const plain = 'cloudID' in req ? exchanged : await decrypted(services, openid, req)
      const parsed = weRunPlainSchema.safeParse(plain)
      if (!parsed.success) throw new CloudError('INVALID_ARGUMENT', UNVERIFIABLE_WERUN, { reason: 'steps.unverifiable' })
      const days = stepsDays(parsed.data, appid, services.now())
      if (!days.ok) throw new CloudError(days.violation.code, days.violation.message, { reason: days.violation.reason, params: days.violation.params })
      const factor = services.methodology.factors.find((f) => f.id === STEPS_FACTOR.id)
      if (!factor) throw new Error('the methodology in force has no steps factor')
      const out: { day: string; steps: number; gramsCo2e: number; points: number; entryId?: string }[] = []
      for (const { day, steps } of days.value) {
        const capKey = capKeyOf(factor.id)
        const counters = await dayCounterRows(store, openid, day, [capKey, DAY_TOTAL_KEY, STEPS_VERIFIED_KEY])
        const verifiedGrams = gramsFor(factor.gramsPerUnit, steps / 10_000)
        const verifiedBefore = counters(STEPS_VERIFIED_KEY)
        if (verifiedGrams > verifiedBefore) {
          await addCreditedGrams(store, openid, STEPS_VERIFIED_KEY, day, verifiedGrams - verifiedBefore)
        }
        const ceiling = stepsCeiling({
          capGrams: factor.dailyCapGrams,
          verifiedGrams: Math.max(verifiedGrams, verifiedBefore),
          creditedGrams: counters(capKey),
        })
        const gramsCo2e = Math.min(ceiling, Math.max(0, services.rules.dailyTotalGrams - counters(DAY_TOTAL_KEY)))
        if (gramsCo2e === 0) {
          out.push({ day, steps, gramsCo2e: 0, points: 0 })
          continue
        }
        // The steps of a past day happened on that day: the entry says so, up to now for today.
        const occurredMs = Math.min(services.now(), shanghaiDayStartMs(day) + DAY_MS - 1000)
        const { entry } = await appendEntry(services, openid, {
          type: 'checkin',
          gramsCo2e,
          points: pointsFor(gramsCo2e, services.methodology.gramsPerPoint),
          factorId: factor.id,
          sourceVersion: factor.sourceVersion,
          methodologyVersion: services.methodology.version,
          day,
          occurredAt: toShanghaiIso(occurredMs),
          steps,
        })
        await applyToChallenges(services, openid, entry, 'credit')
        await remindAfterCheckIn(services, openid, day)
        out.push({ day, steps, gramsCo2e, points: entry.points, entryId: entry.id })
      }
      return { days: out, wallet: await publicWallet(services, openid) }
    })
  },
})

/** Bad padding, not JSON, another person's key: one answer (as for a bad shape or appid), so none is an oracle. */
async function decrypted(services: Services, openid: string, req: { encryptedData: string; iv: string }): Promise<unknown> {
  const sessionKey = await getWeChatSessionKey(services.store, openid)
  if (!sessionKey)
    throw new CloudError('INVALID_ARGUMENT', 'There is no WeChat session to verify steps with: log in with WeChat first.', { reason: 'steps.noSession' })
  try {
    return decryptOpenData(req.encryptedData, req.iv, sessionKey)
  } catch (error) {
    if (error instanceof OpenDataError) throw new CloudError('INVALID_ARGUMENT', UNVERIFIABLE_WERUN, { reason: 'steps.unverifiable' })
    throw error
  }
}

/** The caller's own WeRun data for a cloudID, redeemed under their WeChat openid (Cloud Run's header gave it). */
async function redeemCloudID(services: Services, openid: string, cloudID: string): Promise<unknown> {
  if (!services.openData)
    throw new CloudError('INVALID_ARGUMENT', 'This server verifies steps from { encryptedData, iv }; a cloudID is redeemed only under WeChat Cloud Run.', {
      reason: 'steps.cloudIdNeedsCloudRun',
    })
  const wechatOpenid = openidOfWeChat((await findUser(services.store, openid))?.handle)
  if (!wechatOpenid)
    throw new CloudError('INVALID_ARGUMENT', 'Steps by cloudID are verified for a WeChat identity only.', { reason: 'steps.cloudIdNeedsWeChat' })
  const data = await services.openData.redeem(cloudID, wechatOpenid)
  if (data === undefined) throw new CloudError('INVALID_ARGUMENT', UNVERIFIABLE_WERUN, { reason: 'steps.unverifiable' })
  return data
}
