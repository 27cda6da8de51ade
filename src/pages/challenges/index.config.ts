export default definePageConfig({ navigationBarTitleText: '社区挑战', enableShareAppMessage: true })
