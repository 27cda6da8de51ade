export default definePageConfig({ navigationBarTitleText: '公益活动' })
