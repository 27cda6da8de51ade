import Taro from '@tarojs/taro'
import TestUtils from '@tarojs/test-utils-react'
import type { Cloud } from '../../mock/cloud'
import { PRIVACY_NOTICE_VERSION } from '../../src/contract/constants'
import HomePage from '../../src/pages/home'
import { MESSAGES as ABOUT } from '../../src/packages/about/messages'
import IntroPage from '../../src/packages/about/pages/intro'
import { GRAMS_PER_POINT } from '../../src/core/points'
import PrivacyPage from '../../src/packages/about/pages/privacy'
import { CloudCallError, callCloud, setTransport, type CloudBody } from '../../src/services/cloud'
import { resetAppStore, useAppStore } from '../../src/store'
import { PRIVACY_KEY } from '../../src/store/consent'
import { inProcessCloud, showPage, tapLabel } from './cloudHarness'
import { getPrivacyVersion } from '../../mock/identity/queries'

let cloud: Cloud
let testUtils: TestUtils
let sent: string[]

/** A first launch: this device never agreed; every call that reaches the transport is counted. */
beforeEach(async () => {
  Taro.clearStorageSync()
  cloud = await inProcessCloud(undefined, { consented: false })
  sent = []
  setTransport(async (name, data, token) => {
    sent.push(name)
    return (await cloud.call(name, data, token ? `Bearer ${token}` : undefined)).body as CloudBody
  })
  resetAppStore()
  testUtils = new TestUtils()
})

afterEach(async () => {
  try {
    testUtils.unmout()
  } catch {
    // nothing mounted
  }
  document.body.innerHTML = ''
  jest.restoreAllMocks()
  await cloud.close()
})

describe('privacy consent at first launch', () => {
  it('sends a new resident from Home to the notice before anything is sent', async () => {
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    await testUtils.mount(HomePage, {})
    await showPage(testUtils.act)
    // a first launch walks through the intro first; once it was seen, straight to the notice
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/about/pages/intro/index' })
    await expect(callCloud('getMethodology', {})).rejects.toMatchObject({ code: 'CONSENT_REQUIRED' })
    await expect(useAppStore.getState().loginWithHandle('early')).rejects.toBeInstanceOf(CloudCallError)
    expect(sent).toEqual([])
    useAppStore.getState().finishIntro()
    await showPage(testUtils.act)
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/about/pages/privacy/index' })
  })

  it('the intro: what counts, how it is computed, then the notice (step 3 of 3); nothing is sent', async () => {
    const redirect = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' })
    await testUtils.mount(IntroPage, {})
    expect(await testUtils.queries.waitForQueryByText('第 1 / 3 步')).toBeTruthy()
    expect(testUtils.queries.queryByText(ABOUT['zh-CN']['intro.what.title'])).toBeTruthy()
    // switching language on the first screen changes it at once
    await tapLabel(testUtils, 'English')
    expect(await testUtils.queries.waitForQueryByText('Step 1 of 3')).toBeTruthy()
    expect(testUtils.queries.queryByText(ABOUT.en['intro.what.title'])).toBeTruthy()
    await tapLabel(testUtils, 'Next')
    expect(await testUtils.queries.waitForQueryByText('Step 2 of 3')).toBeTruthy()
    // the figure on the screen is the rules core's, not a copy in the text
    expect(testUtils.queries.queryByText(ABOUT.en['intro.how.body'].replace('{gramsPerPoint}', String(GRAMS_PER_POINT)))).toBeTruthy()
    expect(useAppStore.getState().introSeen).toBe(false)
    await tapLabel(testUtils, 'Next')
    expect(redirect).toHaveBeenCalledWith({ url: '/packages/about/pages/privacy/index' })
    expect(useAppStore.getState().introSeen).toBe(true)
    resetAppStore()
    expect(useAppStore.getState().introSeen).toBe(true) // kept on the device
    expect(useAppStore.getState().lang).toBe('en')
    expect(sent).toEqual([])
  })

  it('shows what is collected, why, for how long and how to export and delete; agreeing leads to login', async () => {
    const redirect = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' })
    await testUtils.mount(PrivacyPage, {})
    for (const title of ['我们收集什么', '为什么收集', '保存多久', '谁能看到', '导出与删除']) {
      expect(await testUtils.queries.waitForQueryByText(title)).toBeTruthy()
    }
    expect(testUtils.queries.queryByText(ABOUT['zh-CN']['privacy.keep'])).toBeTruthy()
    await tapLabel(testUtils, '同意并继续')
    expect(redirect).toHaveBeenCalledWith({ url: '/pages/login/index' })
    expect(Taro.getStorageSync(PRIVACY_KEY)).toBe(PRIVACY_NOTICE_VERSION)
    expect(useAppStore.getState().privacyAgreedVersion).toBe(PRIVACY_NOTICE_VERSION)
    expect(sent).toEqual([])
    expect(await testUtils.queries.waitForQueryByText(`你已同意第 ${PRIVACY_NOTICE_VERSION} 版隐私说明。`)).toBeTruthy()

    // The first login then records the agreement in the cloud.
    await useAppStore.getState().loginWithHandle('nia')
    expect(sent).toEqual(['login', 'agreePrivacy'])
    expect(await getPrivacyVersion(cloud.store, useAppStore.getState().session!.openid)).toBe(PRIVACY_NOTICE_VERSION)
    await useAppStore.getState().loginWithHandle('nia')
    expect(sent).toEqual(['login', 'agreePrivacy', 'login'])
  })

  it('keeps nothing when the resident declines, and says why the app cannot go on', async () => {
    await testUtils.mount(PrivacyPage, {})
    await tapLabel(testUtils, '不同意')
    expect(await testUtils.queries.waitForQueryByText(ABOUT['zh-CN']['privacy.declined'])).toBeTruthy()
    expect(Taro.getStorageSync(PRIVACY_KEY)).toBe('')
    expect(useAppStore.getState().privacyAgreedVersion).toBe(0)
    expect(sent).toEqual([])
  })

  it('asks again when the device agreed to an older notice', async () => {
    Taro.setStorageSync(PRIVACY_KEY, PRIVACY_NOTICE_VERSION - 1 || 0)
    resetAppStore()
    expect(useAppStore.getState().privacyAgreedVersion).toBeLessThan(PRIVACY_NOTICE_VERSION)
    await expect(callCloud('getMethodology', {})).rejects.toMatchObject({ code: 'CONSENT_REQUIRED' })
  })

  it('reads in English when the resident switched language', async () => {
    useAppStore.getState().setLang('en')
    await testUtils.mount(PrivacyPage, {})
    expect(await testUtils.queries.waitForQueryByText('What we collect')).toBeTruthy()
    expect(testUtils.queries.querySelector('[aria-label="Agree and continue"]')).toBeTruthy()
  })
})
