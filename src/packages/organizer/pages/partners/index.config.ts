export default definePageConfig({ navigationBarTitleText: '城市合作方' })
