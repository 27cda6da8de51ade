export default definePageConfig({ navigationBarTitleText: '城市减排看板' })
