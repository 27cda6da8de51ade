export default definePageConfig({ navigationBarTitleText: '站点二维码' })
