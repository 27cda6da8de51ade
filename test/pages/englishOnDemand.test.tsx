/**
 * English is not in the weapp main package: it arrives when a resident chooses it (src/i18n/english.ts). Until
 * it has arrived the app shows Chinese, never keys or half a page; the choice is kept on the device at once.
 * And Home's load applies its answers in one store update (one re-render, one setData on weapp).
 */
import Taro from '@tarojs/taro'
import type { Cloud } from '../../mock/cloud'
import type { MessageKey } from '../../src/i18n/messages'
import { resetAppStore, useAppStore } from '../../src/store'
import { inProcessCloud } from './cloudHarness'

type Table = Record<MessageKey, string>
const flush = () => new Promise((r) => setTimeout(r, 0))

describe('English on demand', () => {
  let arrive: ((table: Table) => void) | undefined
  let fail: ((error: Error) => void) | undefined
  let asked = 0

  beforeEach(() => {
    Taro.clearStorageSync()
    asked = 0
    jest.resetModules()
    // As on weapp and H5: nothing preloaded, the table comes when asked for.
    jest.doMock('../../src/i18n/loadEnglish', () => ({
      preloadedEnglish: undefined,
      loadEnglishTable: () => {
        asked++
        return new Promise<Table>((resolve, reject) => {
          arrive = resolve
          fail = reject
        })
      },
    }))
  })
  afterEach(() => jest.dontMock('../../src/i18n/loadEnglish'))

  it('keeps Chinese on screen until the table has arrived, then shows English', async () => {
    const { useAppStore: store } = await import('../../src/store')
    const { translator } = await import('../../src/i18n')
    const { ENGLISH } = jest.requireActual('../../src/i18n/en') as { ENGLISH: Table }
    store.getState().setLang('en')
    expect(asked).toBe(1)
    expect(store.getState().lang).toBe('zh-CN')
    expect(Taro.getStorageSync('glp.lang.v1')).toBe('en')
    expect(translator('en')('tab.home')).toBe('打卡')
    arrive!(ENGLISH)
    await flush()
    expect(store.getState().lang).toBe('en')
    expect(translator('en')('tab.home')).toBe('Check in')
    expect(translator('en')('refusal.call.tooMany')).toBe(ENGLISH['refusal.call.tooMany'])
  })

  it('stays in Chinese when the table cannot be fetched, and tries again on the next choice', async () => {
    const { useAppStore: store } = await import('../../src/store')
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
    store.getState().setLang('en')
    fail!(new Error('offline'))
    await flush()
    expect(store.getState().lang).toBe('zh-CN')
    expect(warn).toHaveBeenCalledTimes(1)
    warn.mockRestore()
    store.getState().setLang('en')
    expect(asked).toBe(2)
  })

  it('does not turn to English when the resident chose Chinese again before it arrived', async () => {
    const { useAppStore: store } = await import('../../src/store')
    const { ENGLISH } = jest.requireActual('../../src/i18n/en') as { ENGLISH: Table }
    store.getState().setLang('en')
    store.getState().setLang('zh-CN')
    arrive!(ENGLISH)
    await flush()
    expect(store.getState().lang).toBe('zh-CN')
  })

  it('a launch with English chosen starts in Chinese and fetches English at once', async () => {
    Taro.setStorageSync('glp.lang.v1', 'en')
    const { useAppStore: store } = await import('../../src/store')
    const { ENGLISH } = jest.requireActual('../../src/i18n/en') as { ENGLISH: Table }
    expect(asked).toBe(1)
    expect(store.getState().lang).toBe('zh-CN')
    arrive!(ENGLISH)
    await flush()
    expect(store.getState().lang).toBe('en')
  })
})

describe("Home's load", () => {
  let cloud: Cloud
  beforeEach(async () => {
    Taro.clearStorageSync()
    // the store and services this file imported, which the in-process cloud is wired to
    cloud = await inProcessCloud()
  })
  afterEach(() => cloud.close())

  it('applies the wallet, the catalogue, the community and the communities in one store update', async () => {
    resetAppStore()
    await useAppStore.getState().loginWithHandle('alice')
    const changed: string[][] = []
    const unsubscribe = useAppStore.subscribe((next, prev) => {
      const keys = (['walletView', 'methodology', 'stations', 'myCommunity', 'communities'] as const).filter((k) => next[k] !== prev[k])
      if (keys.length > 0) changed.push([...keys])
    })
    expect(await useAppStore.getState().loadHome()).toBe(true)
    unsubscribe()
    expect(changed).toEqual([['walletView', 'methodology', 'stations', 'myCommunity', 'communities']])
    expect(useAppStore.getState().walletFresh).toBe(true)
  })
})
