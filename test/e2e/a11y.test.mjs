// Every page a resident or an organizer opens, in both languages, checked by axe-core (WCAG 2.0/2.1 A and
// AA) in Debian's Chromium against npm start; and at twice the text size, nothing runs off the screen.
import assert from 'node:assert/strict'
import { after, afterEach, before, test } from 'node:test'
import { assertAccessible, assertNoProblems, axeViolations, launchBrowser, login, phoneContext, startApp, RESIDENT_PAGES } from './support.mjs'

let app
let browser

before(async () => {
  app = await startApp()
  browser = await launchBrowser()
})

after(async () => {
  await browser?.close()
  await app?.stop()
})

afterEach(assertNoProblems)

const ORGANIZER_PAGES = [
  ['verify', '/packages/organizer/pages/verify/index', '.page'],
  ['review', '/packages/organizer/pages/review/index', '.page'],
  ['stats', '/packages/organizer/pages/stats/index', '.page'],
  ['organizer rewards', '/packages/organizer/pages/rewards/index', '.page'],
  ['station display', '/packages/organizer/pages/display/index', '.page'],
  ['stations', '/packages/organizer/pages/stations/index', '.station-row'],
  ['station sign', '/packages/organizer/pages/station/index?code=ST-HQ01', '#station-sign-code'],
  ['projects', '/packages/organizer/pages/projects/index', '#project-pj-trees'],
  ['communities', '/packages/organizer/pages/communities/index', '.communities-admin'],
  ['organizer events', '/packages/organizer/pages/events/index', '.events-admin'],
  ['treasury', '/packages/organizer/pages/treasury/index', '#treasury-month'],
  ['partners', '/packages/organizer/pages/partners/index', '#partner-form'],
]

/** Opens a page by its route and waits until it has loaded what it shows. */
async function open(page, route, ready) {
  await page.goto(`${app.url}/#${route}`)
  await page.locator(`${ready}:visible`).first().waitFor()
  await page.waitForLoadState('networkidle')
  // Taro slides a pushed page in: let it settle so axe sees final colours.
  await page.waitForTimeout(350)
}

async function setLanguage(page, lang) {
  await page.evaluate((l) => localStorage.setItem('glp.lang.v1', JSON.stringify(l)), lang)
}

test('the first-run screens pass axe in both languages', async () => {
  const page = await (await phoneContext(browser)).newPage()
  await page.goto(`${app.url}/`)
  await page.locator('#intro-what').waitFor()
  await assertAccessible(page, 'intro step 1 (zh)')
  await page.getByRole('radio', { name: 'English' }).click()
  await page.getByText('Step 1 of 3').waitFor()
  await assertAccessible(page, 'intro step 1 (en)')
  await page.getByRole('button', { name: 'Next' }).click()
  await page.locator('#intro-how').waitFor()
  await assertAccessible(page, 'intro step 2 (en)')
  await page.getByRole('button', { name: 'Next' }).click()
  await page.getByRole('button', { name: 'Agree and continue' }).waitFor()
  await assertAccessible(page, 'privacy notice (en)')
  await page.getByRole('button', { name: 'Agree and continue' }).click()
  // the real <input> is tied to its label once Taro's wrapper has drawn it
  await page.waitForFunction(() => document.querySelector('#handle input')?.getAttribute('aria-labelledby') === 'handle-label')
  await assertAccessible(page, 'login (en)')
})

for (const lang of ['zh-CN', 'en']) {
  test(`every resident and organizer page passes axe (${lang})`, async () => {
    const page = await (await phoneContext(browser)).newPage()
    await login(page, app.url, 'organizer')
    await setLanguage(page, lang)
    const found = {}
    for (const [name, route, ready] of [...RESIDENT_PAGES, ...ORGANIZER_PAGES]) {
      await open(page, route, ready)
      const violations = await axeViolations(page)
      if (violations.length > 0) found[name] = violations
    }
    assert.deepEqual(found, {}, `axe found problems (${lang}):\n${JSON.stringify(found, null, 2)}`)
  })
}

for (const lang of ['zh-CN', 'en']) {
  test(`tapping every tab, by pointer and by keyboard, opens its page with no console error (${lang})`, async () => {
    const page = await (await phoneContext(browser, lang)).newPage()
    await login(page, app.url, 'organizer')
    await setLanguage(page, lang)
    await page.reload()
    const tabs = page.locator('.weui-tabbar__item')
    await tabs.first().waitFor()
    // Taro draws tabs as links; none may carry a javascript: URL, which the page's CSP refuses to run.
    assert.deepEqual(await tabs.evaluateAll((as) => as.map((a) => a.getAttribute('href'))), [null, null, null, null, null])
    const routes = ['home', 'wallet', 'challenges', 'rewards', 'me']
    for (const [i, route] of routes.entries()) {
      await tabs.nth(i).click()
      await page.waitForURL(new RegExp(`#/pages/${route}/index`))
    }
    await tabs.nth(1).focus()
    await page.keyboard.press('Enter')
    await page.waitForURL(/#\/pages\/wallet\/index/)
    // assertNoProblems (afterEach) fails the test on any console error, a CSP report included.
  })
}

test('at twice the text size no page is wider than the phone', async () => {
  const page = await (await phoneContext(browser)).newPage()
  await login(page, app.url, 'organizer')
  await page.goto(`${app.url}/#/pages/me/index`)
  await page.getByRole('radio', { name: '特大' }).click()
  for (const [name, route, ready] of [...RESIDENT_PAGES, ...ORGANIZER_PAGES]) {
    await page.goto(`${app.url}/#${route}`)
    await page.reload()
    await page.locator(`${ready}:visible`).first().waitFor()
    await page.waitForLoadState('networkidle')
    const found = await page.evaluate(() => {
      const width = document.documentElement.clientWidth
      const scale = getComputedStyle(document.documentElement).getPropertyValue('--text-scale').trim()
      const wide = []
      for (const el of document.querySelectorAll('.taro_page:not([style*="display: none"]) *')) {
        const box = el.getBoundingClientRect()
        if (box.width === 0 || box.height === 0) continue
        if (box.right > width + 1 || box.left < -1)
          wide.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ${Math.round(box.left)}–${Math.round(box.right)}`)
      }
      return { scale, scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 8) }
    })
    assert.equal(found.scale, '2', `${name}: the text scale is applied`)
    assert.deepEqual(found.wide, [], `${name}: elements run past the ${found.width}px screen`)
    assert.ok(found.scrollWidth <= found.width, `${name}: the page scrolls sideways (${found.scrollWidth} > ${found.width})`)
  }
})
