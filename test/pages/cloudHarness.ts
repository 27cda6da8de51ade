/** Pages talk to a real mock cloud over SQLite :memory:, in-process: the same functions as over HTTP. */
import Taro from '@tarojs/taro'
import { createCloud, type Cloud } from '../../mock/cloud'
import { openSqlite } from '../../mock/storage/sqlitePort'
import { PRIVACY_NOTICE_VERSION } from '../../src/contract/constants'
import { setTransport, type CloudBody } from '../../src/services/cloud'
import { PRIVACY_KEY } from '../../src/store/consent'
import { resetAppStore } from '../../src/store'
import TestUtils from '@tarojs/test-utils-react'

/**
 * A cloud for the next resetAppStore(): by default this device agreed to the privacy notice earlier (the
 * consent tests start from a device that has not).
 */
export async function inProcessCloud(now?: () => number, { consented = true } = {}): Promise<Cloud> {
  if (lateCalls.length > 0) throw new Error(`calls reached a cloud after its test ended: ${lateCalls.splice(0).join('; ')}`)
  if (consented) Taro.setStorageSync(PRIVACY_KEY, PRIVACY_NOTICE_VERSION)
  const cloud = await createCloud({ storage: openSqlite({ path: ':memory:' }), rateLimit: { burst: 0, perSecond: 1 }, now, devLogin: true })
  // Every call is counted, whichever transport a test installs over it, so closing waits for the last answer.
  const inFlight = new Set<Promise<unknown>>()
  let closed = false
  const { call, close } = cloud
  Object.assign(cloud, {
    call: (...args: Parameters<Cloud['call']>) => {
      if (closed) {
        // Something of a finished test still runs (a timer, a load, a subscription): the next test fails on it.
        lateCalls.push(`${String(args[0])} after "${expect.getState().currentTestName}"`)
        return Promise.resolve({ status: 503, body: { error: { code: 'UNAVAILABLE', message: 'this test has ended' } } })
      }
      const answer = call(...args)
      inFlight.add(answer)
      answer.finally(() => inFlight.delete(answer)).catch(() => undefined)
      return answer
    },
    close: async () => {
      await settled(inFlight)
      closed = true
      await close()
    },
  })
  setTransport(async (name, data, token) => (await cloud.call(name, data, token ? `Bearer ${token}` : undefined)).body as CloudBody)
  return cloud
}

/** Calls that reached a closed cloud, reported by the next test that makes one. */
const lateCalls: string[] = []

/**
 * Waits until no call the app sent is unanswered, and none follows within a tick (a load's next call starts
 * once the one before is answered). A test ends when its assertions pass, which can be while a page's load is
 * still on its way: closing the database under it was the "database connection is not open" after the test.
 */
async function settled(inFlight: Set<Promise<unknown>>) {
  do {
    await Promise.allSettled([...inFlight])
    await new Promise((r) => setTimeout(r, 0))
  } while (inFlight.size > 0)
}

/** Logs `handle` in on the cloud directly (as another device would) and returns a caller giving each result. */
export async function devCaller(cloud: Cloud, handle: string) {
  const token = ((await cloud.call('login', { code: `dev:${handle}` })).body as any).result.token as string
  return async (name: string, data: unknown = {}) => ((await cloud.call(name, data, `Bearer ${token}`)).body as any).result
}

/** Waits (in real time, as a resident would) until `done` holds, failing after `timeoutMs`. */
export async function waitUntil(done: () => boolean, timeoutMs = 3000): Promise<void> {
  const giveUp = performance.now() + timeoutMs
  while (!done()) {
    if (performance.now() > giveUp) throw new Error(`not done within ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 5))
  }
}

/** A transport that fails like a phone with no signal, and counts the calls it swallowed. */
export function offlineTransport() {
  const calls: string[] = []
  setTransport(async (name) => {
    calls.push(name)
    const { CloudCallError } = await import('../../src/services/cloud')
    throw new CloudCallError('NETWORK', 'request:fail')
  })
  return calls
}

/**
 * mount() renders a page without a page instance, so Taro's page hooks register on the app-level id;
 * this runs what a real page show would (useDidShow callbacks), then lets the updates settle.
 */
export async function showPage(act: (cb: () => Promise<void>) => Promise<void>) {
  const { getPageInstance } = await import('@tarojs/runtime')
  const { HOOKS_APP_ID } = await import('@tarojs/runtime')
  const inst = getPageInstance(HOOKS_APP_ID) as { componentDidShow?: (() => void) | (() => void)[] } | undefined
  const callbacks = ([] as (() => void)[]).concat(inst?.componentDidShow ?? [])
  if (callbacks.length === 0) throw new Error('the page registered no useDidShow callback')
  await act(async () => {
    callbacks.forEach((cb) => cb())
    await new Promise((r) => setTimeout(r, 0))
  })
}

type Utils = {
  act: (cb: () => Promise<void>) => Promise<void>
  fireEvent: { click(el: Element): void; input(el: Element, init: unknown): void }
  queries: { waitForQuerySelector(selector: string): Promise<Element | null>; querySelector(selector: string): Element | null }
}

/** Taps the control whose accessible name is `label`, as a screen-reader user would find it. */
export async function tapLabel(utils: Utils, label: string) {
  const el = await utils.queries.waitForQuerySelector(`[aria-label="${label}"]`)
  await utils.act(async () => {
    utils.fireEvent.click(el as Element)
  })
}

/** Types into the real <input> inside a Taro Input (selector: the Field's id). */
export async function typeInto(utils: Utils, selector: string, value: string) {
  const input = ((await utils.queries.waitForQuerySelector(`${selector} input`)) ?? utils.queries.querySelector(selector)) as HTMLInputElement
  await utils.act(async () => {
    input.value = value
    utils.fireEvent.input(input, { target: { value }, detail: { value } })
  })
}

/**
 * What every page test with a cloud starts from: cleared device storage, a fresh in-process cloud, a reset store, a
 * new mount at `path`. `before` runs after the cloud exists and before the store is reset (a test's own transport).
 */
export async function freshPage(path = '/', before?: (cloud: Cloud) => void): Promise<{ cloud: Cloud; testUtils: TestUtils }> {
  Taro.clearStorageSync()
  const cloud = await inProcessCloud()
  before?.(cloud)
  resetAppStore()
  const { Current } = await import('@tarojs/runtime')
  Current.router = { params: {}, path } as any
  return { cloud, testUtils: new TestUtils() }
}

/** Unmounts what the test mounted (if it did), clears the document and closes its cloud. */
export async function closePage(testUtils: TestUtils, cloud: Cloud): Promise<void> {
  try {
    testUtils.unmout()
  } catch {
    // nothing was mounted
  }
  document.body.innerHTML = ''
  await cloud.close()
}

/** `page` mounted anew and shown, whatever was mounted before unmounted first: answers the new mount. */
export async function remountPage(testUtils: TestUtils, page: any): Promise<TestUtils> {
  try {
    testUtils.unmout()
  } catch {
    // nothing was mounted
  }
  document.body.innerHTML = ''
  const fresh = new TestUtils()
  await fresh.mount(page, {})
  await showPage(fresh.act)
  return fresh
}
