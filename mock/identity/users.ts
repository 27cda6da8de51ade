/** People as the platform knows them: found by their login handle, created on first sight. */
import { toShanghaiIso } from '../../src/core/time'
import type { Services } from '../function'
import { restoreDeparted } from './departure'
import type { UserRecord } from './queries'
import { findUserByHandle, insertUser } from './queries'

/** WeChat identities are kept as the handle `wx:<openid>`; a dev handle can never contain a colon. */
export const wechatHandle = (wechatOpenid: string) => `wx:${wechatOpenid}`
const WECHAT_PREFIX = 'wx:'
/** The WeChat openid behind a handle, or undefined for a dev handle. */
export const openidOfWeChat = (handle: string | undefined) => (handle?.startsWith(WECHAT_PREFIX) ? handle.slice(WECHAT_PREFIX.length) : undefined)

/** The nickname a WeChat user starts with (WeChat no longer hands out real names); they can change it in Me. */
export const WECHAT_DEFAULT_NICKNAME = '微信用户'

/**
 * The live user behind `handle`, created when there is none. The app's openid is our own random id, never
 * WeChat's: an account that is deleted frees its handle, and the same person comes back to a fresh ledger, with
 * the limits the deleted one left (mock/departure).
 * Must run inside a transaction.
 */
export async function findOrCreateUser(services: Services, handle: string, nickname: string): Promise<UserRecord> {
  const existing = await findUserByHandle(services.store, handle)
  if (existing) return existing
  const created: UserRecord = {
    openid: services.newId('o'),
    handle,
    nickname,
    roles: ['resident'],
    createdAt: toShanghaiIso(services.now()),
  }
  await insertUser(services.store, created)
  // The same identity deleted an account before: the new one starts with the limits that one left.
  await restoreDeparted(services, created.openid, handle)
  return created
}
