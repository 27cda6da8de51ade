import type { Brand } from '../types'

/** Harbin, after its "Carbon Ice City" (碳冰城) account: ice blues, and winter's walk-and-ride in the welcome. */
export const CITY_BRAND: Brand = {
  id: 'harbin',
  name: { 'zh-CN': '碳冰城', en: 'Carbon Ice City' },
  welcome: {
    'zh-CN': '冰城的每一次步行、骑行和回收，都在为松花江畔减碳。',
    en: 'Every walk, ride and recycled kilo in the Ice City cuts carbon along the Songhua.',
  },
  colors: { primary: '#1d4ed8', primaryDark: '#0e7490', surface: '#f1f5f9' },
  featuredStations: ['ST-PK02', 'ST-HQ01'],
}
