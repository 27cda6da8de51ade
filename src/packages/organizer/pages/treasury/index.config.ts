export default definePageConfig({ navigationBarTitleText: '城市积分库' })
