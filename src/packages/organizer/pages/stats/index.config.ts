export default definePageConfig({ navigationBarTitleText: '减排统计' })
