export default definePageConfig({ navigationBarTitleText: '回收投递' })
