/**
 * Contract of the `reports` cloud function: participation figures for staff (viewer and up). Everything is
 * counted per village, campaign, month and law; no resident identifier ever leaves the function.
 */
import { z } from 'zod';
import { action, dayInput, returns, type ApiOf } from './common';
import type { CampaignState } from './resident';

const day = dayInput;

/**
 * How a 参与人数 figure was counted (people are kept per natural year, month and campaign):
 * - exact: the distinct people of exactly this range;
 * - year-to-date: the range starts after 1 January (or after the 1st of its month), so the figure counts from
 *   the start of that year (month) up to the end of the range;
 * - summed-years: the range spans several years; each year is counted on its own and the years are added.
 */
export type PeopleBasis = 'exact' | 'year-to-date' | 'summed-years';

/** One row of figures. 人次 are exact for any range; 参与人数 follows `peopleBasis` of the report. */
export interface Metrics {
  /** 参与人数: distinct residents (online, and those who scanned at an offline event). */
  people: number;
  /** 参与人次: every participation (reads, quiz attempts, 每日一练, 错题复习, shares, check-ins) plus offline attendees who did not scan. */
  times: number;
  /** 答题人次 */
  quiz: number;
  /** 平均分 (0–100) of the quiz attempts, null without attempts. */
  avgScore: number | null;
  /** 合格率 (0–1), null without attempts. */
  passRate: number | null;
  /** 阅读人次 (first read of a lesson by a resident) */
  read: number;
  share: number;
  /** 每日一练人次 (at most one per resident and China day) */
  practice: number;
  /** 错题复习人次 (review sessions of a resident's 错题本) */
  review: number;
  /** 扫码签到人次 at offline events */
  checkin: number;
  /** 线下活动场次 */
  offlineEvents: number;
  /** offline attendees who did not scan */
  unscanned: number;
  /** 线下参与人次 = checkin + unscanned */
  offlineTimes: number;
  leaflets: number;
  banners: number;
}

export interface CampaignFigures extends Metrics {
  id: string;
  /** An edition of a standing campaign names its year (`2027年 三月普法月`), so each year's row stands apart. */
  title: string;
  /** 'none' for participation not tied to a campaign. */
  state: CampaignState | 'none';
  start: string | null;
  end: string | null;
  /** The standing campaign (template) this row is a year's edition of, and that year; null for other campaigns. */
  templateId: string | null;
  year: number | null;
  /** The same standing campaign's edition of the year before, counted over the same days one year earlier. */
  previousEdition: PreviousEdition | null;
  /** 电子证书 issued in the range (a resident's first pass of this campaign's quiz falls inside it). */
  certificates: number;
}

/** Last year's edition of a standing campaign, beside this year's row. */
export interface PreviousEdition {
  id: string;
  title: string;
  year: number | null;
  people: number;
  times: number;
  quiz: number;
  offlineEvents: number;
  /** 参与人次 of this year's row against this edition's, rounded once (null when this edition had none). */
  timesChangeRate: number | null;
}

/** One 同比 figure: this range and the same days one year earlier. */
export interface YearOnYearRow {
  key: 'people' | 'times' | 'quiz' | 'offlineEvents';
  /** 参与人数 / 参与人次 / 答题人次 / 线下活动场次 */
  label: string;
  /** 人 / 人次 / 场 */
  unit: string;
  current: number;
  previous: number;
  /** current − previous */
  change: number;
  /** (current − previous) / previous rounded once to 0.1 % (like every rate), null when the previous year had none. */
  changeRate: number | null;
}

/** 同比: the report beside the same days one year earlier (null when that year has no figures). */
export interface YearOnYear {
  /** The previous year's range. */
  from: string;
  to: string;
  rows: YearOnYearRow[];
}

export interface VillageFigures extends Metrics {
  id: string;
  name: string;
  /** 常住人口 set in 镇情设置 (null when not set): for per-head figures. */
  population: number | null;
}

/**
 * 村村比拼: one village's row of a leaderboard (the year, a date range or one campaign). Counts only: no name,
 * OPENID or pseudonym of anyone.
 */
export interface VillageBoardRow {
  villageId: string;
  name: string;
  /** 常住人口 from 镇情设置; null when not set (the row shows counts and is not ranked). */
  population: number | null;
  /** Distinct participants (online and scanned check-ins). */
  people: number;
  /** 参与率 = people ÷ population, rounded once (rateOf); null without a population. */
  rate: number | null;
  /** 参与人次, unscanned offline attendees of the village's events included. */
  times: number;
  /** 每百人参与人次 = times × 100 ÷ population, rounded once (averageOf); null without a population. */
  timesPer100: number | null;
  quiz: number;
  avgScore: number | null;
  /** 1 = highest 参与率 (equal rates share a rank); null when the village has no population. */
  rank: number | null;
  /** Among the villages furthest behind (the lowest quarter of the ranked ones, at least one). */
  behind: boolean;
}

export interface VillageBoard {
  /** The town's villages: ranked ones by 参与率, then those without a population (by 参与人数). */
  rows: VillageBoardRow[];
  /** Participation of residents who chose no village, or a village no longer listed (never ranked). */
  others: VillageBoardRow[];
  /** How many rows are ranked (have a population). */
  ranked: number;
  /** 口径说明 of this board, one sentence each. */
  notes: string[];
}

/** The leaderboard of one campaign (edition) in a report, beside its 按活动 row. */
export interface CampaignVillageBoard {
  campaignId: string;
  title: string;
  board: VillageBoard;
}

export interface MonthFigures extends Metrics {
  month: string;
}

export interface LawFigures {
  /** Law id, or the code for a group row (民法典). */
  id: string;
  name: string;
  /** The full title as the annual report writes it (中华人民共和国民法典 for the 民法典 group). */
  title: string;
  /** 'group': a code grouping several laws (its row counts an event once); 'member': a law inside a group. */
  level: 'group' | 'member' | 'law';
  group: string;
  people: number;
  /** 学习答题等人次 touching this law */
  times: number;
  quiz: number;
  read: number;
  checkin: number;
  share: number;
  offlineEvents: number;
}

/** What a participation event is (shared/participation records one per resident action); practice = 每日一练, review = 错题复习. */
export const PARTICIPATION_KINDS = ['lesson_read', 'quiz_attempt', 'checkin', 'share', 'practice', 'review'] as const;
export type ParticipationKind = (typeof PARTICIPATION_KINDS)[number];

export type QuestionFlag = 'too_easy' | 'too_hard' | 'negative_discrimination' | 'low_discrimination';

export interface QuestionFigures {
  questionId: string;
  stem: string;
  law: string;
  lawName: string;
  answered: number;
  /** Share of the credit earned (a half-right multiple choice counts half), 0–1. */
  shareCorrect: number | null;
  /** Share correct among attempts scoring ≥ 80 / < 60. */
  pTop: number | null;
  pBottom: number | null;
  /** p_top − p_bottom, null when either group is too small. */
  discrimination: number | null;
  flags: QuestionFlag[];
  archived: boolean;
}

export interface OfflineRow {
  date: string;
  type: string;
  title: string;
  village: string;
  place: string;
  laws: string;
  campaign: string;
  checkIns: number;
  attendees: number;
  total: number;
  leaflets: number;
  banners: number;
  notes: string;
}

export interface ReportView {
  townName: string;
  /** The unit 标语 are counted in (副 unless the town sets another). */
  bannerUnit: string;
  from: string;
  to: string;
  generatedAt: string;
  peopleBasis: PeopleBasis;
  /** People whose first participation of the year falls inside the range (given when the range starts after 1 January). */
  newPeople: number | null;
  totals: Metrics & { quizPeople: number; readPeople: number; /** 电子证书 issued in the range (the sum of the campaigns'). */ certificates: number };
  /** Campaigns with quiz attempts in the range (the "N 期" of the paragraph). */
  onlineCampaigns: number;
  offlineByType: { type: string; events: number }[];
  campaigns: CampaignFigures[];
  villages: VillageFigures[];
  /** 村村比拼 over the whole range (its rows are 按村社区's, with 参与率 and rank). */
  villageBoard: VillageBoard;
  /** 村村比拼 of each campaign in the range (日常学习 has none). */
  campaignVillageBoards: CampaignVillageBoard[];
  months: MonthFigures[];
  laws: LawFigures[];
  questions: QuestionFigures[];
  offline: OfflineRow[];
  /** 口径说明, one sentence each. */
  notes: string[];
  /** 同比 with the same days one year earlier; null when that year has no figures. */
  comparison: YearOnYear | null;
  /** Draft paragraph for the annual report (plain Chinese). */
  paragraph: string;
}

export interface DayPoint {
  day: string;
  times: number;
  quiz: number;
}

export interface DashboardView {
  townName: string;
  /** The unit 标语 are counted in (ReportView.bannerUnit). */
  bannerUnit: string;
  today: string;
  year: string;
  /** This year from 1 January to today. */
  yearTotals: ReportView['totals'];
  /** This year so far beside the same days of last year (null when last year has no figures). */
  comparison?: YearOnYear | null;
  /** Live campaigns; when none is live, the latest one that ended. */
  campaigns: CampaignFigures[];
  /** The last 30 days, oldest first. */
  days: DayPoint[];
  villages: VillageFigures[];
  /** 村村比拼 of this year so far, the villages furthest behind marked. */
  villageBoard: VillageBoard;
  flagged: QuestionFigures[];
  paragraph: string;
  notes: string[];
}

export interface ExportFile {
  fileID: string;
  /** Temporary download URL (Taro.downloadFile + Taro.openDocument). */
  url: string;
  fileName: string;
  format: 'xlsx' | 'csv';
  bytes: number;
  paragraph: string;
}

export const MAX_EXPORT_DAYS = 3 * 366;

export const reportsContract = {
  dashboard: action(z.object({}).strict(), returns<DashboardView>()),
  buildExport: action(z.object({ from: day, to: day, format: z.enum(['xlsx', 'csv']) }).strict(), returns<ExportFile>()),
};

export type ReportsApi = ApiOf<typeof reportsContract>;
