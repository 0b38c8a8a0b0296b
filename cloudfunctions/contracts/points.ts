/**
 * 学法积分 and streaks: the rules (the server awards by them, 积分规则 shows them) and what the resident sees.
 * The actions are in the `resident` contract (contracts/resident.ts); this file stays free of zod because the
 * mini-program imports the rules at run time. Points are computed on the server from participation events only
 * (cloudfunctions/shared/participation/points.ts); the client never says how many it earned.
 */

/** At most this many points count per China day, whatever was earned. */
export const DAILY_POINTS_CAP = 30;

export type PointRule = 'read' | 'practice' | 'quiz_pass' | 'mastered' | 'checkin';

export interface PointRuleView {
  rule: PointRule;
  points: number;
  title: string;
  /** When it is awarded, in the resident's words. */
  note: string;
}

/** The rules, in the order 积分规则 lists them. */
export const POINT_RULES: readonly PointRuleView[] = [
  { rule: 'read', points: 1, title: '读完一篇课程', note: '每篇课程第一次读完时得分，再读不重复计分' },
  { rule: 'practice', points: 2, title: '完成每日一练', note: '每天一次' },
  { rule: 'quiz_pass', points: 5, title: '活动答题合格', note: '同一个活动每天最多计一次' },
  { rule: 'mastered', points: 1, title: '学会一道错题', note: '错题本里的题按时复习，最后一轮也答对' },
  { rule: 'checkin', points: 5, title: '线下活动扫码签到', note: '每场活动一次，计在活动举行那天' },
];

export const pointsOf = (rule: PointRule): number => POINT_RULES.find((r) => r.rule === rule)!.points;

/** Home and 我的: the resident's points and streak. */
export interface PointsSummary {
  /** China day the figures are for, 'YYYY-MM-DD'. */
  today: string;
  /** All points ever counted (each day at most DAILY_POINTS_CAP). */
  total: number;
  /** Points counted today. */
  todayPoints: number;
  cap: number;
  /** Consecutive China days with any learning up to today (or up to yesterday, when today has none yet). */
  streak: number;
  learnedToday: boolean;
}

/** One awarded item of 积分明细. */
export interface PointsLedgerItem {
  rule: PointRule;
  /** What it was for: 读完《…》, 「活动」答题合格 … */
  label: string;
  points: number;
}

/** One China day of 积分明细: what was earned, what counted (the cap cuts the rest). */
export interface PointsLedgerDay {
  day: string;
  earned: number;
  counted: number;
  items: PointsLedgerItem[];
}

export interface PointsLedger {
  summary: PointsSummary;
  /** Newest day first; only days with points. */
  days: PointsLedgerDay[];
  /** Pass as `before` for the older days; null when there are none. */
  nextBefore: string | null;
}

/** Days of 积分明细 per page. */
export const LEDGER_PAGE_DAYS = 20;
