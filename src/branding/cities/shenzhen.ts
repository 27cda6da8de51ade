import type { Brand } from '../types'

/** Shenzhen, after its "Low Carbon Planet" (低碳星球) account. */
export const CITY_BRAND: Brand = {
  id: 'shenzhen',
  name: { 'zh-CN': '低碳星球', en: 'Low Carbon Planet' },
  welcome: {
    'zh-CN': '在鹏城，每一次地铁出行和垃圾分类都算数。',
    en: 'In Shenzhen, every metro ride and every sorted bin counts.',
  },
  colors: { primary: '#0f766e', primaryDark: '#1e3a8a', surface: '#f0fdfa' },
  featuredStations: ['ST-HQ01', 'ST-SC04'],
}
