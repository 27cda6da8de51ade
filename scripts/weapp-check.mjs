#!/usr/bin/env node
// Launch check for the built weapp bundle, since WeChat DevTools cannot run here: loads dist/weapp under
// Node with stand-ins for the mini-program globals (App, Page, Component, wx), launches the app as a first
// launch (nothing stored), checks nothing is sent before the privacy notice is agreed, taps WeChat's agree
// button, logs in through a stubbed wx.login whose code the real cloud exchanges at a local code2Session
// stand-in (no dev handle: dev login is off), then loads every page listed in app.json, failing on any throw
// or on a page that renders nothing. wx.request goes to that cloud, so pages render real data.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { tsImport } from 'tsx/esm/api'
import { installMiniProgram, ok, textOf } from './weapp-stand-in.mjs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const DIST = join(ROOT, 'dist/weapp')
const failures = []
let passed = 0
const check = (ok, what) => {
  if (ok) passed++
  else failures.push(what)
  console.log(`${ok ? 'ok' : 'FAIL'} - ${what}`)
}

if (!existsSync(join(DIST, 'app.json'))) {
  console.error('dist/weapp is not built: run npm run build:weapp first')
  process.exit(1)
}
const appJson = JSON.parse(readFileSync(join(DIST, 'app.json'), 'utf8'))

// Launch hygiene WeChat's code quality panel asks for: components injected as pages need them, and a
// sitemap that keeps personal and organizer pages out of WeChat search.
check(appJson.lazyCodeLoading === 'requiredComponents', 'app.json injects components lazily (lazyCodeLoading: requiredComponents)')
const sitemapPath = join(DIST, appJson.sitemapLocation ?? 'sitemap.json')
const sitemap = existsSync(sitemapPath) ? JSON.parse(readFileSync(sitemapPath, 'utf8')) : { rules: [] }
const allowed = sitemap.rules.filter((r) => r.action === 'allow').map((r) => r.page)
const lastRule = sitemap.rules.at(-1)
check(
  allowed.length > 0 && allowed.every((page) => page.startsWith('packages/public/')) && lastRule?.action === 'disallow' && lastRule?.page === '*',
  `sitemap.json lets only the public pages be indexed (allowed: ${allowed.join(', ') || 'none'})`,
)

// --- a real mock cloud for wx.request, with WeChat login through a local code2Session stand-in ----------
const { startWeChatStandIn, STAND_IN_APPID, STAND_IN_SECRET } = await tsImport('../test/support/wechatStandIn.ts', import.meta.url)
const { PRIVACY_NOTICE_VERSION } = await tsImport('../src/contract/constants.ts', import.meta.url)
const wechat = await startWeChatStandIn()
const dir = mkdtempSync(join(tmpdir(), 'glp-weapp-'))
const server = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'mock/server.ts')], {
  cwd: ROOT,
  env: {
    ...process.env,
    PORT: '0',
    DB_PATH: join(dir, 'cloud.sqlite'),
    DEV_LOGIN: '0',
    WX_APPID: STAND_IN_APPID,
    WX_SECRET: STAND_IN_SECRET,
    WX_API_BASE: wechat.url,
  },
  stdio: ['ignore', 'pipe', 'inherit'],
})
const cloudUrl = await new Promise((resolve, reject) => {
  let out = ''
  server.stdout.on('data', (c) => {
    out += c
    const m = /http:\/\/[\d.]+:\d+/.exec(out)
    if (m) resolve(m[0])
  })
  server.once('exit', (code) => reject(new Error(`mock cloud exited ${code}: ${out}`)))
})
// The resident already has a week of history from another phone: two WeChat logins of the same person.
const cloudCall = (name, data, token) =>
  fetch(`${cloudUrl}/cloud/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ data }),
  }).then((r) => r.json())
const seeded = await cloudCall('login', { code: 'ok-weappuser-seed' })
for (const [i, trip] of [
  ['metro', 12.4, 28],
  ['bike', 3.2, 14],
  ['bus', 8, 30],
].entries()) {
  // three trips earlier today, an hour apart
  const occurredAt = new Date(Date.now() - (3 - i) * 3600_000).toISOString()
  await cloudCall(
    'checkIn',
    { requestId: `weapp-seed-${i}`, kind: 'travel', mode: trip[0], distanceKm: trip[1], durationMin: trip[2], occurredAt },
    seeded.result.token,
  )
}
const seededWallet = await cloudCall('getWallet', {}, seeded.result.token)

// --- the mini-program globals --------------------------------------------------------------------------
// A first launch: nothing stored on the phone.
const requests = []
let loginCodes = 0
const pending = new Set()
const phone = installMiniProgram(
  DIST,
  {
    // wx.login: a fresh one-time code for the person the seed used, as WeChat gives the same phone's owner.
    login(opts) {
      phone.wxCalls.push('login')
      return ok(opts, { errMsg: 'login:ok', code: `ok-weappuser-${++loginCodes}` })
    },
    request(opts) {
      // Taro bakes CLOUD_BASE_URL into the build; send the same path to the cloud started above.
      const url = new URL(opts.url)
      requests.push(url.pathname)
      const p = fetch(`${cloudUrl}${url.pathname}`, { method: opts.method, headers: opts.header, body: JSON.stringify(opts.data) })
        .then(async (r) => ok(opts, { statusCode: r.status, data: await r.json(), header: {} }))
        .catch((e) => {
          opts.fail?.({ errMsg: `request:fail ${e.message}` })
          opts.complete?.({})
        })
        .finally(() => pending.delete(p))
      pending.add(p)
      return { abort() {} }
    },
  },
  pending,
)
const { storage, wxCalls, settle } = phone

// --- launch ---------------------------------------------------------------------------------------------
try {
  check(typeof phone.launch(appJson.pages[0]) === 'object', 'app.js registers the App')
  check(true, 'App onLaunch and onShow run')
} catch (error) {
  check(false, `app launch threw: ${error.stack}`)
}

// English is not in the main package: it is packages/about/en.js, which the app fetches with require.async
// (src/i18n/loadEnglish.weapp.ts) when a resident chooses English. The stand-in's require has no .async, so the
// pieces are checked: the call names the file, the file is in the about subpackage and exports the table.
try {
  const subRoots = (appJson.subPackages ?? appJson.subpackages ?? []).map((p) => `${p.root}/`)
  const mainJs = (dir, rel = '') =>
    readdirSync(join(dir, rel)).flatMap((name) => {
      const path = rel ? `${rel}/${name}` : name
      if (subRoots.some((root) => `${path}/`.startsWith(root))) return []
      if (statSync(join(dir, path)).isDirectory()) return mainJs(dir, path)
      return path.endsWith('.js') ? [path] : []
    })
  const mainCode = mainJs(DIST).map((f) => readFileSync(join(DIST, f), 'utf8'))
  const { ENGLISH } = createRequire(import.meta.url)(join(DIST, 'packages/about/en.js'))
  check(
    mainCode.some((code) => code.includes('require.async("./packages/about/en.js")')) && subRoots.includes('packages/about/'),
    'the main package fetches English with require.async from the about subpackage',
  )
  check(ENGLISH?.['tab.home'] === 'Check in' && Object.keys(ENGLISH).length > 300, 'packages/about/en.js exports the English table')
  check(!mainCode.some((code) => code.includes(ENGLISH['checkin.queued'])), 'no English sentence of the table is in the main package')
} catch (error) {
  check(false, `English on demand threw: ${error.stack}`)
}

const EXPECTED_TEXT = {
  'pages/home/index': '绿色出行',
  'pages/wallet/index': '校验我的账本',
  'pages/me/index': '简体中文',
  'pages/login/index': '微信登录',
  'packages/about/pages/privacy/index': `你已同意第 ${PRIVACY_NOTICE_VERSION} 版隐私说明`,
  'pages/travel/index': '出行方式',
  'pages/recycling/index': '回收站编码',
  'pages/rewards/index': '我的兑换券',
  'packages/rewards/pages/voucher/index': '加载中',
  'packages/organizer/pages/verify/index': '兑换码',
  'packages/organizer/pages/review/index': '没有待审核的打卡',
  'packages/organizer/pages/stats/index': '导出 CSV',
  'packages/organizer/pages/rewards/index': '新建奖品',
  // no entryId given: the page must show the cloud's refusal, readably
  'packages/rewards/pages/certificate/index': '请检查输入的内容后再试',
  'packages/about/pages/methodology/index': '方法学 2026.3',
  'pages/challenges/index': '我的小组',
  'packages/community/pages/challenge/index': '请检查输入的内容后再试',
  'packages/about/pages/intro/index': '哪些行为算数',
  'packages/me/pages/reminders/index': '我想收到这些提醒',
  'packages/me/pages/community/index': '城市里还没有社区',
  'packages/me/pages/partners/index': '城市还没有可以关联的合作方',
  'packages/community/pages/events/index': '加入社区后',
  'packages/organizer/pages/events/index': '发布活动',
  // public pages: they answer without a session
  'packages/public/pages/city/index': '参与居民',
  'packages/public/pages/verify/index': '不显示是谁的记录',
  // a resident opening organizer tools is told who may act there
  'packages/organizer/pages/stations/index': '新建站点',
  'packages/organizer/pages/projects/index': '由全市组织者管理',
  'packages/organizer/pages/communities/index': '只有全市组织者',
  'packages/organizer/pages/partners/index': '只有全市组织者可以登记和管理城市合作方',
  // merchants: a resident on no merchant's staff is told so; a place opened without its query names no map to open
  'packages/merchant/pages/desk/index': '你还不是任何商家的店员',
  'packages/merchant/pages/place/index': '这里无法打开地图',
  'packages/merchant/pages/manage/index': '柜台信息',
}
const subPackagePages = (appJson.subPackages ?? appJson.subpackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))

/** Loads a page and answers the text it shows (its first render's setData traffic is kept for Home). */
const firstRenders = {}
async function openPage(route, act) {
  const { data, firstRender } = await phone.openPage(route, act)
  firstRenders[route] = firstRender
  return textOf(data).join(' ')
}

// --- first launch: the privacy notice before anything is sent, then WeChat login -------------------------
await settle()
check(requests.length === 0 && !wxCalls.includes('login'), 'a first launch sends nothing and asks WeChat for no login code before the privacy notice is agreed')
try {
  await openPage('packages/about/pages/privacy/index', async (inst) => {
    check(textOf(inst.data).join(' ').includes('同意并继续'), "packages/about/pages/privacy/index shows the notice with WeChat's agree button")
    // What WeChat's base library does when the agreePrivacyAuthorization button is tapped.
    const target = { id: 'agree-privacy', dataset: {} }
    inst.eh({ type: 'agreeprivacyauthorization', currentTarget: target, target, detail: {} })
    await settle()
  })
  check(storage.get('glp.privacy.v1') === PRIVACY_NOTICE_VERSION && wxCalls.includes('redirectTo'), 'agreeing stores the notice version and goes on to log in')
  await openPage('pages/login/index')
  const session = storage.get('glp.session.v1')
  check(
    wxCalls.filter((c) => c === 'login').length === 1 && requests[0] === '/cloud/login',
    'the login page logs in with one wx.login code, its first call to the cloud',
  )
  check(
    session?.openid === seeded.result.openid && session.token.length > 20,
    'the cloud exchanged the code with WeChat: same person as on the other phone, with a session token',
  )
  check(requests.includes('/cloud/agreePrivacy') && wxCalls.includes('switchTab'), 'the agreement is recorded in the cloud and the resident lands on Home')
} catch (error) {
  check(false, `first launch threw: ${error.stack}`)
}

for (const route of [...appJson.pages, ...subPackagePages]) {
  try {
    const text = await openPage(route)
    const expected = EXPECTED_TEXT[route]
    check(expected === undefined ? text.length > 0 : text.includes(expected), `${route} renders${expected ? ` "${expected}"` : ''}`)
    if (route === 'pages/home/index') {
      // the resident's balance, fetched by the page through wx.request from the real cloud
      const points = String(seededWallet.result.wallet.pointsBalance)
      check(Number(points) > 0 && text.split(' ').includes(points), `home shows the resident's balance ${points} from the cloud`)
    }
  } catch (error) {
    check(false, `${route} threw: ${error.stack}`)
  }
}
check(
  [...appJson.pages, ...subPackagePages].every((p) => existsSync(join(DIST, `${p}.js`)) && existsSync(join(DIST, `${p}.wxml`))),
  'every page in app.json has its .js and .wxml',
)
check(
  appJson.tabBar.list.every((t) => existsSync(join(DIST, t.iconPath)) && existsSync(join(DIST, t.selectedIconPath))),
  'every tab icon exists',
)

// Home's first render, for the bench (bench/weapp-render.ts sets it beside the empty Taro app's): written to
// test-results, never to a tracked file.
mkdirSync(join(ROOT, 'test-results'), { recursive: true })
writeFileSync(
  join(ROOT, 'test-results/weapp-first-render.json'),
  `${JSON.stringify({ route: 'pages/home/index', ...firstRenders['pages/home/index'] }, null, 2)}\n`,
)
console.log(`home's first render: ${firstRenders['pages/home/index']?.setDataCalls} setData calls, ${firstRenders['pages/home/index']?.setDataBytes} bytes`)

server.kill('SIGTERM')
await wechat.close()
console.log(`weapp launch check: ${passed} passed, ${failures.length} failed`)
process.exit(failures.length ? 1 : 0)
