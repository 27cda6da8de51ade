export default definePageConfig({ navigationBarTitleText: '绿色生活积分' })
