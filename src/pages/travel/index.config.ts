export default definePageConfig({ navigationBarTitleText: '绿色出行' })
