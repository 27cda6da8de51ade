export default definePageConfig({ navigationBarTitleText: '站点屏幕码' })
