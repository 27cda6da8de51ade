import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

const ROOT = join(__dirname, '../..')
const CITIES = readdirSync(join(ROOT, 'src/branding/cities'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))

describe('branding per city', () => {
  it.each(CITIES)('%s: names itself by its file, has both languages, valid colours and its selected tab icons', async (city) => {
    const { CITY_BRAND } = await import(`../../src/branding/cities/${city}`)
    expect(CITY_BRAND.id).toBe(city)
    for (const text of [CITY_BRAND.name, CITY_BRAND.welcome]) {
      expect(text['zh-CN'].length).toBeGreaterThan(0)
      expect(text.en.length).toBeGreaterThan(0)
    }
    for (const colour of Object.values(CITY_BRAND.colors)) expect(colour).toMatch(/^#[0-9a-f]{6}$/i)
    for (const tab of ['home', 'wallet', 'challenges', 'rewards', 'me']) expect(existsSync(join(ROOT, 'src/assets/tab', city, `${tab}-active.png`))).toBe(true)
    expect(CITY_BRAND.featuredStations.length).toBeGreaterThan(0)
  })
})
