export default definePageConfig({ navigationBarTitleText: '合作方关联' })
