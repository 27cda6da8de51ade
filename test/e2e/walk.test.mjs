// Issue 23's browser walk: a resident walks every tab and the pages reached from them in Chinese, then switches
// to English (fetched on demand: src/i18n/english.ts) and walks them again, in Debian's Chromium against
// `npm start`. No console error and no CSP violation anywhere (assertNoProblems after each test, plus the
// page's own securitypolicyviolation events), and no Chinese screen shows an English sentence: a run of three or
// more Latin words, outside the brand and unit tokens below, in the text or the accessible labels.
import assert from 'node:assert/strict'
import { after, afterEach, before, test } from 'node:test'
import { assertNoProblems, launchBrowser, login, phoneContext, shot, startApp, RESIDENT_PAGES } from './support.mjs'

let app
let browser
let page

/** Every tab, and the resident's pages reached from them; each with what shows when it has loaded. */
const PAGES = [...RESIDENT_PAGES, ['intro', '/packages/about/pages/intro/index', '#intro-what']]

/**
 * Latin words a Chinese screen may show: brand and unit tokens, and the names of the two languages in the
 * language switch. Anything with a digit (a code, a figure, "ST-HQ01") is not a word to begin with.
 */
const ALLOWED_WORDS = new Set(['km', 'kg', 'g', 't', 'co₂e', 'co2e', 'co₂', 'werun', 'english', 'qr', 'csv', 'id', 'ios', 'wechat', 'h', 'min', 'ai'])

/**
 * The runs of three or more Latin words (letters, with ' or - inside) that a text holds, each word separated from
 * the next by spaces and at most one mark of punctuation; allowed tokens break a run. Exported for the test below.
 */
export function englishRuns(text) {
  const runs = []
  // words and the gaps between them, in order
  for (const line of text.split(/\n+/)) {
    let run = []
    const flush = () => {
      if (run.length >= 3) runs.push(run.join(' '))
      run = []
    }
    for (const m of line.matchAll(/[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]|[^A-Za-z\s]+|\s+/g)) {
      const token = m[0]
      if (/^\s+$/.test(token)) continue
      if (/^[A-Za-z]/.test(token)) {
        if (ALLOWED_WORDS.has(token.toLowerCase())) flush()
        else run.push(token)
      } else if (/^[,.:;!?'"“”()]$/.test(token) && run.length > 0) {
        // an English sentence keeps its commas and full stops: they do not end a run
        continue
      } else flush()
    }
    flush()
  }
  return runs
}

/** What a screen says: its visible text and the labels a screen reader reads out. */
async function screenText(page) {
  return page.evaluate(() => {
    const visible = (el) => el.getClientRects().length > 0
    const labels = [...document.querySelectorAll('[aria-label], [placeholder], [title], [alt]')]
      .filter(visible)
      .flatMap((el) => ['aria-label', 'placeholder', 'title', 'alt'].map((a) => el.getAttribute(a)).filter(Boolean))
    const active = document.querySelector('.taro_page:not([style*="display: none"])') ?? document.body
    return [active.innerText, ...labels].join('\n')
  })
}

async function open(route, ready) {
  await page.goto(`${app.url}/#${route}`)
  await page.locator(`${ready}:visible`).first().waitFor()
  await page.waitForLoadState('networkidle')
  await page.waitForTimeout(300)
}

/**
 * What organizers wrote (station names, rewards, projects, communities), as the cloud holds it: shown as written in
 * either language, so it is taken out of a screen's text before the screen is judged. The app's own words stay.
 */
let organizerData = []
async function loadOrganizerData() {
  const token = await page.evaluate(() => JSON.parse(localStorage.getItem('glp.session.v1'))?.data?.token)
  const call = async (name) => {
    const r = await page.request.post(`${app.url}/cloud/${name}`, { data: { data: {} }, headers: { Authorization: `Bearer ${token}` } })
    assert.equal(r.status(), 200, `${name} answered ${r.status()}`)
    return (await r.json()).result
  }
  const [{ stations }, { rewards }, { projects }, { communities }] = await Promise.all(
    ['listStations', 'listRewards', 'listProjects', 'listCommunities'].map(call),
  )
  organizerData = [
    ...stations.flatMap((s) => [s.name, s.address, s.hours]),
    ...rewards.flatMap((r) => [r.title, r.description]),
    ...projects.flatMap((p) => [p.title, p.description]),
    ...communities.map((c) => c.name),
  ]
    .filter((text) => typeof text === 'string' && text.length > 0)
    // longest first, so a name inside a longer text is not cut out of it first
    .sort((x, y) => y.length - x.length)
  assert.ok(organizerData.length > 5, 'the seeded stations, rewards and projects were read')
}

/** A screen's text without what organizers wrote. */
const withoutOrganizerData = (text) => organizerData.reduce((left, data) => left.split(data).join('\n'), text)

async function cspViolations() {
  return page.evaluate(() => window.__cspViolations ?? [])
}

before(async () => {
  app = await startApp()
  browser = await launchBrowser()
  const context = await phoneContext(browser)
  // A CSP violation also logs a console error; this names the directive and what it blocked.
  await context.addInitScript(() => {
    window.__cspViolations = []
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI}`))
  })
  page = await context.newPage()
  await login(page, app.url, 'e2e-walker')
  // something in the wallet, the ledger and today's progress to show
  await open('/pages/travel/index', '#distance')
  await page.getByRole('radio', { name: '骑行' }).click()
  await page.locator('#distance input').fill('5')
  await page.locator('#duration input').fill('20')
  await page.getByRole('button', { name: '提交打卡' }).click()
  await page.getByText('已记入 165 克 CO₂e，获得 16 积分').waitFor()
  await loadOrganizerData()
})

after(async () => {
  await browser?.close()
  await app?.stop()
})

afterEach(assertNoProblems)

test('the rule finds an English sentence and lets brand, unit and code tokens be', () => {
  assert.deepEqual(englishRuns('已记入 165 克 CO₂e，获得 16 积分'), [])
  assert.deepEqual(englishRuns('同步 WeRun 步数 · 站点 ST-HQ01 · 5 km · 2.5 kg'), [])
  assert.deepEqual(englishRuns('语言 简体中文 English'), [])
  assert.deepEqual(englishRuns('已离线：This check-in is saved on this phone.'), ['This check-in is saved on this phone'])
  assert.deepEqual(englishRuns('Green travel'), [])
  assert.deepEqual(englishRuns('积分余额\nGreen travel log'), ['Green travel log'])
})

for (const [name, route, ready] of PAGES) {
  test(`zh: ${name} shows no English sentence`, async () => {
    await open(route, ready)
    const runs = englishRuns(withoutOrganizerData(await screenText(page)))
    if (runs.length > 0) await page.screenshot({ path: shot(`walk-zh-${name.replace(/\W+/g, '-')}.png`) })
    assert.deepEqual(runs, [], `${name} (${route}) shows English on a Chinese screen`)
    assert.deepEqual(await cspViolations(), [])
  })
}

test('switching to English on the Me tab fetches English and shows it', async () => {
  await open('/pages/me/index', '#me-nickname')
  await page.getByRole('radio', { name: 'English' }).click()
  await page.getByRole('radio', { name: 'English', checked: true }).waitFor()
  await page.getByText('Check in', { exact: true }).first().waitFor()
  assert.equal(await page.evaluate(() => JSON.parse(localStorage.getItem('glp.lang.v1'))?.data), 'en')
})

for (const [name, route, ready] of PAGES) {
  test(`en: ${name} shows English`, async () => {
    await open(route, ready)
    const text = withoutOrganizerData(await screenText(page))
    // the page's own words are English: no run of Chinese characters, but for the language switch's own name
    const chinese = (text.match(/[\u4e00-\u9fff]{2,}/g) ?? []).filter((run) => run !== '简体中文')
    if (chinese.length > 0) await page.screenshot({ path: shot(`walk-en-${name.replace(/\W+/g, '-')}.png`) })
    assert.deepEqual(chinese, [], `${name} (${route}) shows Chinese on an English screen`)
    assert.deepEqual(await cspViolations(), [])
  })
}
