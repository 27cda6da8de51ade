import { BRAND } from '../../branding/brand'

export default definePageConfig({ navigationBarTitleText: BRAND.name['zh-CN'] })
