/** Contract of the `resident` cloud function: everything a resident does. */
import { z } from 'zod';
import { action, returns, clientId, entityId, dayInput, type ApiOf } from './common';
import { checkInAction, checkInPreviewAction, subscribeRemindersAction } from './checkin';
import type { VillageBoard } from './reports';
import type { PointsLedger, PointsSummary } from './points';
import { certificateActions } from './certificates';

export type QuestionType = 'single' | 'multiple' | 'judge';
export type CampaignState = 'draft' | 'scheduled' | 'live' | 'ended' | 'archived';

export interface Citation {
  law: string;
  lawShortName: string;
  article: string;
  /** Verbatim text of the article (or the cited part of it). */
  quote: string[];
}

export interface CampaignCard {
  id: string;
  title: string;
  bannerText: string;
  summary: string;
  state: CampaignState;
  start: string;
  end: string;
  themeLaws: { id: string; shortName: string }[];
  questionsPerQuiz: number;
  attemptsPerDay: number;
  passMark: number;
  hasBanner: boolean;
  /** Cloud fileID of the banner image (staff upload), shown in WeChat. */
  bannerImage: string | null;
}

export interface LessonSummary {
  id: string;
  title: string;
  law: string;
  readingMinutes: number;
  read: boolean;
  /** Topic words (e.g. 彩礼, 反诈) searched by 学法 along with the title. */
  tags?: string[];
}

export interface LawGroup {
  law: string;
  shortName: string;
  lessons: LessonSummary[];
}

export interface Notice {
  id: string;
  title: string;
  body: string;
  date: string;
}

export interface LegalHelp {
  townName: string;
  hotline: { name: string; number: string }[];
  station: { name: string; address: string | null; phone: string | null; note: string | null };
  advisers: string[];
}

/** The resident's own standing in a campaign's quiz, today and overall. */
export interface CampaignProgress {
  /** Attempts started today (China day); an attempt started and not handed in counts. */
  attemptsToday: number;
  attemptsLeftToday: number;
  /** Best score of the attempts handed in; null before the first. */
  bestScore: number | null;
  passed: boolean;
  attempts: number;
}

/** 活动详情: a campaign as a resident sees it, with its linked lessons and their own standing. */
export interface CampaignPage {
  card: CampaignCard;
  lessons: LessonSummary[];
  progress: CampaignProgress;
}

export interface HomeView {
  campaigns: CampaignCard[];
  /** Per live campaign id: attempts left today and the best score (home card). */
  progress: Record<string, CampaignProgress>;
  notices: Notice[];
  lawGroups: LawGroup[];
  legalHelp: LegalHelp;
  profile: ProfileView;
}

export interface LessonView {
  id: string;
  title: string;
  law: string;
  lawShortName: string;
  lawTitle: string;
  body: string;
  readingMinutes: number;
  citations: Citation[];
  campaignIds: string[];
  read: boolean;
}

export interface QuizOption {
  /** Letter as displayed (A, B, C …) — the answer is sent back in these letters. */
  key: string;
  text: string;
}
export interface QuizQuestion {
  id: string;
  type: QuestionType;
  stem: string;
  options: QuizOption[];
}
export interface QuizView {
  attemptId: string;
  campaignId: string;
  campaignTitle: string;
  passMark: number;
  questions: QuizQuestion[];
  attemptsLeftToday: number;
  /** Set when this attempt was already submitted (a reload after submitting). */
  result: AttemptResult | null;
}

export type AnswerValue = string[] | boolean;
export interface GradedItem {
  questionId: string;
  stem: string;
  type: QuestionType;
  options: QuizOption[];
  yourAnswer: AnswerValue | null;
  correctAnswer: AnswerValue;
  outcome: 'correct' | 'partial' | 'wrong';
  points: number;
  explanation: string;
  citation: Citation;
}
export interface AttemptResult {
  attemptId: string;
  campaignId: string;
  campaignTitle: string;
  score: number;
  passed: boolean;
  passMark: number;
  correctCount: number;
  total: number;
  submittedAt: string;
  items: GradedItem[];
}

export interface AttemptSummary {
  attemptId: string;
  campaignId: string;
  campaignTitle: string;
  score: number;
  passed: boolean;
  submittedAt: string;
}

export interface Village {
  id: string;
  name: string;
}
export interface ProfileView {
  villageId: string | null;
  villageName: string | null;
  villages: Village[];
  lessonsRead: number;
  attempts: number;
  isStaff: boolean;
}


/** 每日一练 (practice, once per China day) or 错题复习 (review of due 错题本 items). */
export type StudyKind = 'practice' | 'review';
/** A practice or review session as the resident sees it before submitting: no answer key. */
export interface StudyView {
  sessionId: string;
  kind: StudyKind;
  title: string;
  questions: QuizQuestion[];
  /** Set when this session was already submitted (a reload, or today's 每日一练 already done). */
  result: StudyResult | null;
}
export interface StudyResult {
  sessionId: string;
  kind: StudyKind;
  title: string;
  score: number;
  correctCount: number;
  total: number;
  /** Items of the 错题本 answered right at the longest interval in this session: they left the book. */
  mastered: number;
  submittedAt: string;
  items: GradedItem[];
}

/** One question in the resident's 错题本, with the answer they gave the last time they got it wrong. */
export interface ReviewItemView {
  questionId: string;
  law: string;
  stem: string;
  type: QuestionType;
  options: QuizOption[];
  yourAnswer: AnswerValue | null;
  correctAnswer: AnswerValue;
  outcome: 'partial' | 'wrong';
  explanation: string;
  citation: Citation;
  /** 0–4: which interval of the schedule (1, 3, 7, 14, 30 China days) the item is on. */
  stage: number;
  /** China day the item is due for review, 'YYYY-MM-DD'. */
  dueDay: string;
  due: boolean;
  wrongCount: number;
}
export interface ReviewBookView {
  today: string;
  dueCount: number;
  total: number;
  groups: { law: string; shortName: string; items: ReviewItemView[] }[];
}
/** What home shows: 今日复习 N 题 and whether today's 每日一练 is done. */
export interface LearningSummary {
  today: string;
  dueCount: number;
  bookCount: number;
  practice: { done: boolean; score: number | null; sessionId: string | null };
}


const answerValue = z.union([z.array(z.string().regex(/^[A-F]$/)).max(6), z.boolean()]);

/** One leaderboard a resident can pick on 村村比拼: this year, or one of this year's campaigns. */
export interface VillageBoardChoice {
  /** null: the whole year. */
  campaignId: string | null;
  label: string;
}

/** 村村比拼 as a resident sees it: counts per village only, their own village to highlight. */
export interface VillageBoardView {
  /** `2026 年全年` or the campaign's title (an edition names its year). */
  title: string;
  campaignId: string | null;
  /** China day the figures run to. */
  today: string;
  choices: VillageBoardChoice[];
  /** The resident's own village (null before they chose one in 我的). */
  myVillageId: string | null;
  board: VillageBoard;
}

export const residentContract = {
  getHome: action(z.object({}).strict(), returns<HomeView>()),
  getLesson: action(z.object({ lessonId: entityId }).strict(), returns<LessonView>()),
  /** 活动详情 (scheduled, live or ended campaigns; drafts and archived ones are not found). */
  getCampaign: action(z.object({ campaignId: entityId }).strict(), returns<CampaignPage>()),
  markLessonRead: action(
    z.object({ lessonId: entityId, campaignId: entityId.optional() }).strict(),
    returns<{ lessonId: string; firstRead: boolean }>(),
  ),
  startQuiz: action(z.object({ campaignId: entityId, attemptId: clientId }).strict(), returns<QuizView>()),
  submitAttempt: action(
    z
      .object({
        attemptId: clientId,
        answers: z
          .array(z.object({ questionId: entityId, answer: answerValue }).strict())
          .max(50),
        durationMs: z.number().int().min(0).max(24 * 3600 * 1000).optional(),
      })
      .strict(),
    returns<AttemptResult>(),
  ),
  getAttempt: action(z.object({ attemptId: clientId }).strict(), returns<AttemptResult>()),
  getProfile: action(z.object({}).strict(), returns<ProfileView>()),
  listMyAttempts: action(z.object({ limit: z.number().int().min(1).max(50).optional() }).strict(), returns<AttemptSummary[]>()),
  setVillage: action(z.object({ villageId: entityId }).strict(), returns<ProfileView>()),
  /** 村村比拼: the villages per head, for this year (no campaignId) or one campaign of this year. */
  getVillageBoard: action(z.object({ campaignId: entityId.optional() }).strict(), returns<VillageBoardView>()),
  /** The resident tapped 转发 on a lesson or campaign: one share per person, item and China day. */
  recordShare: action(
    z.object({ target: z.enum(['lesson', 'campaign']), targetId: entityId }).strict(),
    returns<{ counted: boolean }>(),
  ),
  /** Home's 今日复习 / 每日一练 card. */
  getLearning: action(z.object({}).strict(), returns<LearningSummary>()),
  /** 错题本: the items still in the book, grouped by law. */
  getReviewBook: action(z.object({}).strict(), returns<ReviewBookView>()),
  /** The resident takes a question out of their 错题本 (idempotent). */
  removeReviewItem: action(z.object({ questionId: entityId }).strict(), returns<{ removed: boolean }>()),
  /** A review session over the items due today (up to 10); the same session for the same id. */
  startReview: action(z.object({ sessionId: clientId }).strict(), returns<StudyView>()),
  /** Today's 每日一练: one session per resident and China day, whatever id or how often it is asked for. */
  startPractice: action(z.object({}).strict(), returns<StudyView>()),
  submitStudy: action(
    z
      .object({
        sessionId: clientId,
        answers: z.array(z.object({ questionId: entityId, answer: answerValue }).strict()).max(20),
        durationMs: z.number().int().min(0).max(24 * 3600 * 1000).optional(),
      })
      .strict(),
    returns<StudyResult>(),
  ),
  getStudy: action(z.object({ sessionId: clientId }).strict(), returns<StudyView>()),
  /** The check-in page before 签到: the event's name, date and place, and whether this person is in already. */
  getCheckIn: checkInPreviewAction,
  checkIn: checkInAction,
  subscribeReminders: subscribeRemindersAction,
  /** 学法积分 on home and 我的: total, today's points (at most DAILY_POINTS_CAP) and the streak. */
  getPoints: action(z.object({}).strict(), returns<PointsSummary>()),
  /** 积分明细: the resident's own days with points, newest first, LEDGER_PAGE_DAYS at a time (older: `before` a day). */
  getPointsLedger: action(z.object({ before: dayInput.optional() }).strict(), returns<PointsLedger>()),
  ...certificateActions,
};

export type ResidentApi = ApiOf<typeof residentContract>;
