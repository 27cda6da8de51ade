export default definePageConfig({ navigationBarTitleText: '回收站点' })
