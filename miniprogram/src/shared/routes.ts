/** Every route of the app in one place (subpackage pages live under packages/). */
export const routes = {
  home: '/pages/home/index',
  learn: '/pages/learn/index',
  me: '/pages/me/index',
  lesson: (lessonId: string, campaignId?: string) => `/packages/lesson/pages/reader/index?id=${encodeURIComponent(lessonId)}${campaignId ? `&campaignId=${encodeURIComponent(campaignId)}` : ''}`,
  /** 活动详情 (push messages and shared cards open home with ?campaign=<id>, which opens this). */
  campaign: (campaignId: string) => `/packages/campaign/pages/detail/index?id=${encodeURIComponent(campaignId)}`,
  quiz: (campaignId: string) => `/packages/quiz/pages/take/index?campaignId=${encodeURIComponent(campaignId)}`,
  result: (attemptId: string) => `/packages/quiz/pages/result/index?attemptId=${encodeURIComponent(attemptId)}`,
  reviewBook: '/packages/review/pages/book/index',
  /** 我的证书, one certificate (its holder), and 证书查验 (anyone; a scanned code opens it with scene c=<number>). */
  certificates: '/packages/certificate/pages/mine/index',
  certificate: (number: string) => `/packages/certificate/pages/view/index?no=${encodeURIComponent(number)}`,
  verifyCertificate: (number: string) => `/packages/certificate/pages/verify/index?no=${encodeURIComponent(number)}`,
  /** 村村比拼: this year, or one campaign's board. */
  villageBoard: (campaignId?: string) => `/packages/villages/pages/board/index${campaignId ? `?campaignId=${encodeURIComponent(campaignId)}` : ''}`,
  /** 每日一练 (kind=practice) or 错题复习 (kind=review). */
  study: (kind: 'practice' | 'review') => `/packages/review/pages/session/index?kind=${kind}`,
  pointsRules: '/packages/points/pages/rules/index',
  /** 积分明细: the resident's own points, day by day. */
  pointsHistory: '/packages/points/pages/history/index',
} as const;
