export default definePageConfig({ navigationBarTitleText: '低碳场景打卡' })
