import { devWeRunDataSchema } from '../../src/contract/schemas'
import { shanghaiDay, shanghaiDayStartMs, addDays } from '../../src/core/time'
import { CloudError } from '../errors'
import { defineFunction } from '../function'
import { encryptOpenData, newSessionKey } from './werun'
import { getWeChatSessionKey, saveWeChatSessionKey } from '../identity/queries'

/**
 * DEVELOPMENT ONLY (DEV_LOGIN=1): a stand-in for the phone's wx.getWeRunData(), so H5 and the browser tests
 * run the very decryption syncSteps runs in production. It encrypts the given steps, with a watermark for this
 * server's appid, under the caller's session key (made now for a dev account, which has none from WeChat).
 */
export const devWeRunData = defineFunction({
  name: 'devWeRunData',
  schema: devWeRunDataSchema,
  auth: 'session',
  transaction: 'write',
  async handle(req, { openid }, services) {
    if (!services.devLogin || !services.wechatAppid) {
      throw new CloudError('PERMISSION_DENIED', 'The dev WeRun source exists only on a development server (DEV_LOGIN=1).', { reason: 'werun.devOnly' })
    }
    const appid = services.wechatAppid
    const { store } = services
    let sessionKey = await getWeChatSessionKey(store, openid)
    if (!sessionKey) {
      sessionKey = newSessionKey()
      await saveWeChatSessionKey(store, openid, sessionKey, new Date(services.now()).toISOString())
    }
    const today = shanghaiDay(services.now())
    const stepInfoList = req.days.map(({ daysAgo, steps }) => ({ timestamp: shanghaiDayStartMs(addDays(today, -daysAgo)) / 1000, step: steps }))
    return encryptOpenData({ stepInfoList, watermark: { appid, timestamp: Math.floor(services.now() / 1000) } }, sessionKey)
  },
})
