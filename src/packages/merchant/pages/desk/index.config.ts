export default definePageConfig({ navigationBarTitleText: '商家柜台' })
