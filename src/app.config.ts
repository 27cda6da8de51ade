import { BRAND } from './branding/brand'

export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/wallet/index',
    'pages/me/index',
    'pages/login/index',
    'pages/travel/index',
    'pages/recycling/index',
    'pages/rewards/index',
    'pages/challenges/index',
  ],
  // Organizer tools load only for organizers, and the voucher (with its QR encoder) and donation certificate
  // only after a redemption or donation, so the main package that every resident downloads stays small.
  subPackages: [
    { root: 'packages/rewards', pages: ['pages/voucher/index', 'pages/certificate/index'] },
    // Read less often than the tabs: the first-run screens, the privacy notice and the methodology; a
    // challenge's detail and board.
    { root: 'packages/about', pages: ['pages/methodology/index', 'pages/privacy/index', 'pages/intro/index'] },
    { root: 'packages/community', pages: ['pages/challenge/index', 'pages/events/index'] },
    { root: 'packages/me', pages: ['pages/reminders/index', 'pages/community/index', 'pages/partners/index', 'pages/scene/index'] },
    {
      root: 'packages/organizer',
      pages: [
        'pages/verify/index',
        'pages/review/index',
        'pages/stats/index',
        'pages/rewards/index',
        'pages/display/index',
        'pages/stations/index',
        'pages/station/index',
        'pages/projects/index',
        'pages/communities/index',
        'pages/events/index',
        'pages/treasury/index',
        'pages/partners/index',
      ],
    },
    // Merchants (issue 24): where an offer is handed out (the map), the staff's counter desk, an organizer's merchant.
    { root: 'packages/merchant', pages: ['pages/place/index', 'pages/desk/index', 'pages/manage/index'] },
    // For anyone, without logging in: the city dashboard and verifying a certificate.
    { root: 'packages/public', pages: ['pages/city/index', 'pages/verify/index'] },
  ],
  // A challenge card opens the community subpackage: fetch it while the Challenges tab is on screen.
  preloadRule: { 'pages/challenges/index': { network: 'all', packages: ['packages/community'] } },
  // Only the components a page really renders are injected at launch, not every one the package declares.
  lazyCodeLoading: 'requiredComponents',
  // Personal and organizer pages stay out of WeChat search; src/weapp/sitemap.json allows only the public ones.
  sitemapLocation: 'sitemap.json',
  // WeChat's privacy flow: privacy APIs wait until the person agrees (the app shows its own notice page).
  __usePrivacyCheck__: true,
  // Events that check attendance on site ask for the phone's position once, when the person taps for it.
  requiredPrivateInfos: ['getLocation'],
  permission: {
    'scope.userLocation': { desc: '你的位置仅用于核对公益活动签到时你是否在现场' },
  },
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: BRAND.colors.primary,
    navigationBarTitleText: BRAND.name['zh-CN'],
    navigationBarTextStyle: 'white',
    backgroundColor: BRAND.colors.surface,
  },
  tabBar: {
    color: '#6b7280',
    selectedColor: BRAND.colors.primary,
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/home/index', iconPath: 'assets/tab/home.png', selectedIconPath: `assets/tab/${BRAND.id}/home-active.png`, text: '打卡' },
      { pagePath: 'pages/wallet/index', iconPath: 'assets/tab/wallet.png', selectedIconPath: `assets/tab/${BRAND.id}/wallet-active.png`, text: '钱包' },
      {
        pagePath: 'pages/challenges/index',
        iconPath: 'assets/tab/challenges.png',
        selectedIconPath: `assets/tab/${BRAND.id}/challenges-active.png`,
        text: '挑战',
      },
      { pagePath: 'pages/rewards/index', iconPath: 'assets/tab/rewards.png', selectedIconPath: `assets/tab/${BRAND.id}/rewards-active.png`, text: '兑换' },
      { pagePath: 'pages/me/index', iconPath: 'assets/tab/me.png', selectedIconPath: `assets/tab/${BRAND.id}/me-active.png`, text: '我的' },
    ],
  },
})
