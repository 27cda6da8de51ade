export default definePageConfig({ navigationBarTitleText: '碳钱包', enablePullDownRefresh: true, onReachBottomDistance: 100 })
