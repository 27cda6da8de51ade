export default definePageConfig({ navigationBarTitleText: '方法学' })
