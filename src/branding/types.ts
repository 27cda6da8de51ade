/**
 * One city's branding: its name, welcome, colours and the stations shown first on the recycling page. Each city
 * has a file in ./cities; `CITY=<file name>` at build time chooses one (see docs/app.md, "Branding per city").
 * Colours are hex strings; featured stations are station codes.
 */
export interface Brand {
  /** the city's file name in ./cities, which also names its folder of selected tab icons (scripts/make-icons.mjs) */
  id: string
  name: { 'zh-CN': string; en: string }
  welcome: { 'zh-CN': string; en: string }
  colors: { primary: string; primaryDark: string; surface: string }
  featuredStations: string[]
}
