export default definePageConfig({ navigationBarTitleText: '社区与组织者' })
