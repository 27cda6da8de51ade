export default definePageConfig({ navigationBarTitleText: '管理商家' })
