export default defineAppConfig({
  pages: ['pages/home/index', 'pages/learn/index', 'pages/me/index'],
  subPackages: [
    { root: 'packages/lesson', pages: ['pages/reader/index'] },
    { root: 'packages/quiz', pages: ['pages/take/index', 'pages/result/index'] },
    { root: 'packages/campaign', pages: ['pages/detail/index'] },
    {
      root: 'packages/staff',
      pages: ['pages/home/index', 'pages/redeem/index', 'pages/campaigns/index', 'pages/campaign/index', 'pages/preview/index', 'pages/notices/index', 'pages/events/index', 'pages/event/index', 'pages/members/index', 'pages/audit/index', 'pages/push/index', 'pages/dashboard/index', 'pages/town/index'],
    },
    { root: 'packages/checkin', pages: ['pages/index/index'] },
    { root: 'packages/review', pages: ['pages/book/index', 'pages/session/index'] },
    { root: 'packages/certificate', pages: ['pages/mine/index', 'pages/view/index', 'pages/verify/index'] },
    { root: 'packages/villages', pages: ['pages/board/index'] },
    { root: 'packages/points', pages: ['pages/rules/index', 'pages/history/index'] },
  ],
  tabBar: {
    color: '#5c544a',
    selectedColor: '#b3261e',
    backgroundColor: '#fffdf9',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/home/index', text: '首页' },
      { pagePath: 'pages/learn/index', text: '学法' },
      { pagePath: 'pages/me/index', text: '我的' },
    ],
  },
  window: {
    navigationBarTitleText: '普法学堂',
    navigationBarBackgroundColor: '#b3261e',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f6f3ee',
  },
  // Download the lesson, campaign and quiz subpackages (small) while the resident looks at the home page,
  // so opening a lesson, a campaign or a quiz on a slow network does not wait for a package download.
  preloadRule: { 'pages/home/index': { network: 'all', packages: ['packages/lesson', 'packages/campaign', 'packages/quiz'] } },
  lazyCodeLoading: 'requiredComponents',
  // H5: no page-slide animation (slow phones, and calmer for elderly readers).
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
  __usePrivacyCheck__: true,
});
