import type { Brand } from '../types'

/** The project's own branding: what `npm start` shows. */
export const CITY_BRAND: Brand = {
  id: 'default',
  name: { 'zh-CN': '绿色生活积分', en: 'Green-life points' },
  welcome: {
    'zh-CN': '每一次绿色出行和回收，都记入你的碳钱包。',
    en: 'Every green trip and every recycled kilo goes into your carbon wallet.',
  },
  colors: { primary: '#15803d', primaryDark: '#0f766e', surface: '#f3f4f6' },
  featuredStations: ['ST-HQ01'],
}
