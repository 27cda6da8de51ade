// The mini-program globals a built weapp bundle expects (App, Page, Component, wx), for running it under Node:
// the launch check (scripts/weapp-check.mjs) and the first-render bench (bench/weapp-render.mjs) share them.
// Each page's setData calls are counted with the bytes of their JSON, which is what crosses from the logic
// layer to the view layer on a phone: the cost WeChat's performance panel reports for a first render.
import { createRequire } from 'node:module'
import { join } from 'node:path'

const require = createRequire(import.meta.url)

// Taro copies wx's own keys onto Taro.* at start-up, so the stand-in is a plain object of named APIs.
// The ones not given answer success asynchronously and are recorded; an API the app uses that is missing
// here makes Taro throw "not supported", and the launch check fails until it is listed.
const RECORDED_APIS = [
  'navigateTo',
  'redirectTo',
  'switchTab',
  'navigateBack',
  'reLaunch',
  'showToast',
  'showModal',
  'showLoading',
  'hideLoading',
  'hideToast',
  'stopPullDownRefresh',
  'startPullDownRefresh',
  'onNetworkStatusChange',
  'offNetworkStatusChange',
  'getNetworkType',
  'scanCode',
  'setClipboardData',
  'setNavigationBarTitle',
  'pageScrollTo',
  'vibrateShort',
  'onAppShow',
  'onAppHide',
  'offAppShow',
  'offAppHide',
  'createSelectorQuery',
  'getUpdateManager',
  'nextTick',
  'onNeedPrivacyAuthorization',
  'setTabBarItem',
  'getWeRunData',
  'requestSubscribeMessage',
]

export const ok = (opts, res) => {
  opts?.success?.(res)
  opts?.complete?.(res)
  return Promise.resolve(res)
}

/**
 * Installs the globals for the bundle in `dist`. `wxImpl` holds the APIs with behaviour (storage, login,
 * request); `pending` is the set of requests in flight, which `settle` waits for.
 */
export function installMiniProgram(dist, wxImpl, pending = new Set()) {
  const wxCalls = []
  const storage = new Map()
  const wx = {
    getSystemInfoSync: () => ({
      platform: 'devtools',
      model: 'iPhone 12',
      pixelRatio: 3,
      windowWidth: 390,
      windowHeight: 844,
      screenWidth: 390,
      screenHeight: 844,
      language: 'zh_CN',
      version: '8.0.50',
      SDKVersion: '3.5.0',
      statusBarHeight: 47,
      safeArea: { top: 47, bottom: 810, left: 0, right: 390, width: 390, height: 763 },
    }),
    getStorageSync: (key) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key, value) => void storage.set(key, value),
    removeStorageSync: (key) => void storage.delete(key),
    clearStorageSync: () => storage.clear(),
    ...wxImpl,
  }
  for (const name of RECORDED_APIS) {
    if (!(name in wx)) {
      wx[name] = (opts) => {
        wxCalls.push(name)
        return ok(typeof opts === 'object' ? opts : undefined, { errMsg: `${name}:ok` })
      }
    }
  }
  globalThis.wx = wx
  let appConfig
  let currentRoute = ''
  const pageConfigs = new Map()
  const livePages = []
  globalThis.App = (config) => {
    appConfig = config
  }
  globalThis.Page = (config) => {
    pageConfigs.set(currentRoute, config)
  }
  globalThis.Component = () => {}
  globalThis.Behavior = (b) => b
  globalThis.getApp = () => appConfig
  globalThis.getCurrentPages = () => livePages
  globalThis.requirePlugin = () => ({})

  const settle = async () => {
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 20))
      if (pending.size) await Promise.all([...pending])
    }
  }

  return {
    wx,
    wxCalls,
    storage,
    pending,
    settle,
    app: () => appConfig,
    launch(path) {
      require(join(dist, 'app.js'))
      appConfig.onLaunch?.call(appConfig, { path, query: {}, scene: 1001 })
      appConfig.onShow?.call(appConfig, { path, query: {}, scene: 1001 })
      return appConfig
    },
    /**
     * Loads a page as the base library would and shows it; `act(inst)` runs while it is live. Answers the
     * page's data and its first render's setData traffic (calls and JSON bytes until the page settled).
     */
    async openPage(route, act) {
      currentRoute = route
      require(join(dist, `${route}.js`))
      const config = pageConfigs.get(route)
      if (!config) throw new Error('the page did not call Page()')
      const inst = Object.create(config)
      Object.assign(inst, { route, __route__: route, data: structuredClone(config.data ?? {}), options: {} })
      const render = { setDataCalls: 0, setDataBytes: 0 }
      inst.setData = (patch, cb) => {
        render.setDataCalls++
        render.setDataBytes += Buffer.byteLength(JSON.stringify(patch))
        for (const [path, value] of Object.entries(patch)) inst.data[path] = value
        cb?.()
      }
      livePages.push(inst)
      config.onLoad.call(inst, {})
      config.onShow?.call(inst)
      config.onReady?.call(inst)
      await settle()
      const firstRender = { ...render }
      try {
        await act?.(inst)
      } finally {
        config.onHide?.call(inst)
        config.onUnload?.call(inst)
        livePages.pop()
      }
      return { data: inst.data, firstRender }
    },
  }
}

export function textOf(value, out = []) {
  if (typeof value === 'string') out.push(value)
  else if (Array.isArray(value)) value.forEach((v) => textOf(v, out))
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => textOf(v, out))
  return out
}
