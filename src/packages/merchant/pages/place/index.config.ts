export default definePageConfig({ navigationBarTitleText: '商家位置' })
