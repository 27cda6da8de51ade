export default definePageConfig({ navigationBarTitleText: '捐赠证书' })
