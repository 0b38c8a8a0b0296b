/** What a page shares: the card (title, picture words, the path a friend opens) and what the tap counts as. */
export interface ShareSpec {
  title: string;
  /** The line above the title on the card picture (e.g. 一分钟学法, 电子证书). */
  kicker: string;
  /** The route a friend opens from the chat card (e.g. routes.lesson(id)). */
  path: string;
  /** 朋友圈: the query of this same page that opens the same item (朋友圈 reopens the current page). */
  timelineQuery: string;
  /** Counted as participation (转发) on the server: a lesson or a campaign. */
  record?: { target: 'lesson' | 'campaign'; targetId: string };
}
