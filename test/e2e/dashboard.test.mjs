// The public city dashboard with 100,000 entries behind it (1,000 residents in 4 communities, written through
// the cloud's own append path): a visitor without a session sees the right figures. How long it takes is
// printed here and measured by `npm run bench city`, not asserted (this machine is shared).
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { after, afterEach, before, test } from 'node:test'
import { assertNoProblems, launchBrowser, phoneContext, ROOT, startApp } from './support.mjs'

const RESIDENTS = 1_000
const ENTRIES_EACH = 100
const COMMUNITIES = 4

let app
let browser
let city

before(async () => {
  app = await startApp({}, async (dbPath) => {
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'test/support/seedCity.ts'), dbPath, String(RESIDENTS), String(ENTRIES_EACH), String(COMMUNITIES)],
      { cwd: ROOT },
    )
    city = JSON.parse(out.toString())
  })
  browser = await launchBrowser()
})

after(async () => {
  await browser?.close()
  await app?.stop()
})

afterEach(assertNoProblems)

/** formatKg's rule (src/i18n): two decimals below 100 kg, whole kilograms above. */
const kg = (grams) => (grams / 1000).toFixed(grams >= 100_000 ? 0 : 2)

test('a visitor sees the city figures of 100,000 entries, summed from counters, without logging in', async () => {
  assert.equal(city.entries, RESIDENTS * ENTRIES_EACH)
  const page = await (await phoneContext(browser)).newPage()
  const started = Date.now()
  await page.goto(`${app.url}/#/packages/public/pages/city/index`)
  await page.locator('#city-residents .city__value').waitFor()
  const shownMs = Date.now() - started
  assert.equal((await page.locator('#city-residents .city__value').innerText()).trim(), String(RESIDENTS))
  assert.equal((await page.locator('#city-total .city__value').innerText()).trim(), `${kg(city.gramsCo2e)} kg`)
  for (const c of city.communities) {
    const card = page.locator(`#city-community-${c.id}`)
    await card.getByText(c.name).waitFor()
    assert.match(await card.innerText(), new RegExp(`${c.residents} 位居民 · 累计 ${kg(c.gramsCo2e)} kg`))
  }
  console.log(`# city dashboard over ${city.entries.toLocaleString('en')} entries: shown ${shownMs} ms after navigation (measured, not asserted)`)
})
