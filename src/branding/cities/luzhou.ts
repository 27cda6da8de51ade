import type { Brand } from '../types'

/** Luzhou, after its "Green Bud Points" (绿芽积分) account. */
export const CITY_BRAND: Brand = {
  id: 'luzhou',
  name: { 'zh-CN': '绿芽积分', en: 'Green Bud Points' },
  welcome: {
    'zh-CN': '酒城的每一份低碳行动，都让你的绿芽长高一点。',
    en: 'Every low-carbon act in the Wine City helps your green bud grow.',
  },
  colors: { primary: '#4d7c0f', primaryDark: '#166534', surface: '#f7f7ee' },
  featuredStations: ['ST-MK03', 'ST-HQ01'],
}
