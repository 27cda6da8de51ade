/**
 * One city or community's branding. Ship the same app as Harbin's "Carbon Ice City" or Luzhou's
 * "Green Bud Points" by editing this file only (see README, "Branding"). Colours are hex strings;
 * featured stations are station codes shown first on the recycling page.
 */
export interface Brand {
  name: { 'zh-CN': string; en: string }
  welcome: { 'zh-CN': string; en: string }
  colors: { primary: string; primaryDark: string; surface: string }
  featuredStations: string[]
}

export const BRAND: Brand = {
  name: { 'zh-CN': '绿色生活积分', en: 'Green-life points' },
  welcome: {
    'zh-CN': '每一次绿色出行和回收，都记入你的碳钱包。',
    en: 'Every green trip and every recycled kilo goes into your carbon wallet.',
  },
  colors: { primary: '#15803d', primaryDark: '#0f766e', surface: '#f3f4f6' },
  featuredStations: ['ST-HQ01'],
}
