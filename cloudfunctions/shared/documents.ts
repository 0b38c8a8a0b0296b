/** Shapes of the documents the functions read and write (content synced from content/, and user data). */
import type { CampaignState, Citation, AttemptResult, GradedItem, StudyResult } from '../contracts/resident';
import type { DrawnQuestion, StoredQuestion } from './quiz/quizEngine';
import type { OfflineEventTypeOption } from '../contracts/staff';

export interface LawDoc {
  _id: string;
  shortName: string;
  code: string;
  title: string;
  /** Date of the law text's latest adoption/amendment (content/laws.yaml `version`). */
  textVersion: string;
  /** Revision of this document, bumped by content sync when it changes. */
  version: number;
}

export interface LessonDoc {
  _id: string;
  title: string;
  law: string;
  articles: string[];
  tags: string[];
  campaigns: string[];
  readingMinutes: number;
  body: string;
  citations: Citation[];
  version: number;
  archived: boolean;
}

export type QuestionDoc = StoredQuestion & { tags: string[]; campaigns: string[]; difficulty: number; archived: boolean };

export type CampaignStatus = 'draft' | 'published' | 'archived';
export interface CampaignDoc {
  _id: string;
  title: string;
  bannerText: string;
  summary: string;
  bannerImage?: string | null;
  /** ISO instants. */
  start: string;
  end: string;
  themeLaws: string[];
  lessonIds: string[];
  quiz: { questionsPerQuiz: number; passMark: number; attemptsPerDay: number; pool: { laws: string[]; tags: string[]; questionIds?: string[] } };
  status: CampaignStatus;
  pinned: boolean;
  source: 'content' | 'staff';
  version: number;
  updatedAt: string;
}

export function campaignState(c: Pick<CampaignDoc, 'status' | 'start' | 'end'>, now: Date): CampaignState {
  if (c.status === 'archived') return 'archived';
  if (c.status === 'draft') return 'draft';
  const t = now.getTime();
  if (t < Date.parse(c.start)) return 'scheduled';
  if (t > Date.parse(c.end)) return 'ended';
  return 'live';
}

export interface TownDoc {
  _id: 'town';
  name: string;
  villages: { id: string; name: string; placeholder?: boolean }[];
  hotlines: { name: string; number: string }[];
  station: { name: string; address: string | null; phone: string | null; note: string | null };
  advisers: string[];
}

export interface ResidentDoc {
  _id: string;
  openId: string;
  villageId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface AttemptDoc {
  _id: string;
  openId: string;
  personKey: string;
  campaignId: string;
  campaignTitle: string;
  passMark: number;
  drawn: (DrawnQuestion & { snapshot: StoredQuestion })[];
  status: 'started' | 'submitted';
  startedAt: Date;
  day: string;
  /** The day's attempt was taken when it started (attempts stored before starts counted take it on submit). */
  quotaTaken?: boolean;
  submittedAt?: Date;
  result?: AttemptResult;
}

/** 通知公告: short staff-written announcements shown on the resident home page (newest date first). */
export type NoticeStatus = 'draft' | 'published' | 'archived';
export interface NoticeDoc {
  _id: string;
  title: string;
  body: string;
  /** 'YYYY-MM-DD' (China day). */
  date: string;
  status: NoticeStatus;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** 院坝会 / 社员会 / 宣传摊位 / 法治讲座 / 入户走访 / 其他 (OFFLINE_EVENT_TYPE_OPTIONS in contracts/staff.ts). */
export type OfflineEventType = OfflineEventTypeOption;

/** An offline outreach event (院坝会 …): residents check in by scanning its code (scene `e=<code>`). */
export interface OfflineEventDoc {
  _id: string;
  /** Short id for the QR scene (`e=<code>`), unique. */
  code: string;
  type: OfflineEventType;
  title: string;
  /** 'YYYY-MM-DD' (China day). */
  date: string;
  villageId: string;
  place: string;
  themeLaws: string[];
  campaignId: string | null;
  lessonId: string | null;
  /** People who attended without scanning, entered by staff afterwards. */
  attendees: number;
  leaflets: number;
  banners: number;
  notes: string;
  /** Residents who checked in by scanning (incremented once per person). */
  checkIns: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  /** fileID of the generated mini-program code, once made. */
  wxacodeFileId?: string | null;
}

/** One resident's check-in at one offline event; `key` = `${eventId}|${personKey}` is unique. */
export interface CheckInDoc {
  _id: string;
  key: string;
  eventId: string;
  personKey: string;
  checkInId: string;
  campaignId: string | null;
  villageId: string | null;
  at: string;
}

/**
 * One accepted one-time subscribe message (Taro.requestSubscribeMessage): WeChat lets the function send
 * exactly one message per acceptance, so each document is used at most once (status leaves 'available'
 * before anything is sent). `_id` = `${personKey}:${requestId}:${templateId}`.
 */
export type SubscriptionStatus = 'available' | 'claimed' | 'used' | 'failed';
export interface SubscriptionDoc {
  _id: string;
  /** Needed to send the message; never copied into participation data. */
  openId: string;
  personKey: string;
  campaignId: string;
  templateId: string;
  source: 'campaign' | 'quiz';
  status: SubscriptionStatus;
  /** The push job (and run) that claimed it. */
  jobId: string | null;
  runId: string | null;
  createdAt: string;
  usedAt: string | null;
  errCode: number | null;
}

/**
 * One resident's history with one question (collection `review_items`, `_id` = `${personKey}|${questionId}`):
 * whether it is in their 错题本 and when it is due again. Only a pseudonymous key, never an OPENID; exports
 * read none of it.
 *   learning  in the 错题本, due on `dueDay` (stage 0–4 = intervals 1, 3, 7, 14, 30 China days)
 *   mastered  answered right at the longest interval: left the book
 *   removed   the resident took it out of the book
 *   known     answered, never wrong
 */
export type ReviewStatus = 'learning' | 'mastered' | 'removed' | 'known';
export interface ReviewItemDoc {
  _id: string;
  personKey: string;
  questionId: string;
  law: string;
  status: ReviewStatus;
  /** Answered right at least once (smart campaign draws avoid these while others remain). */
  everRight: boolean;
  stage: number;
  /** China day the item is due for review ('' when not in the book). */
  dueDay: string;
  wrongCount: number;
  /** The last wrong (or half-right) answer, as graded, in that session's option letters. */
  lastWrong: Omit<GradedItem, 'points'> | null;
  /** Sessions (quiz attempts, reviews, practice) already applied: a retry applies nothing twice. */
  appliedSessions: string[];
  /** Optimistic-concurrency revision. */
  rev: number;
  updatedAt: Date;
}

/** A 每日一练 or 错题复习 session (collection `study_sessions`), graded against the stored snapshot. */
export interface StudySessionDoc {
  _id: string;
  kind: 'practice' | 'review';
  openId: string;
  personKey: string;
  day: string;
  drawn: (DrawnQuestion & { snapshot: StoredQuestion })[];
  status: 'started' | 'submitted';
  startedAt: Date;
  submittedAt?: Date;
  result?: StudyResult;
}
