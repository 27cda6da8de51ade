export default definePageConfig({ navigationBarTitleText: '提醒与消息' })
