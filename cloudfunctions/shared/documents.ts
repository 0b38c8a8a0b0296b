/**
 * Shapes of the documents the functions read and write (content synced from content/, and user data): the one
 * home of every `*Doc` type. `CollectionDocs` maps each collection name to its document type, so the typed
 * reads of shared/database.ts need no casts.
 */
import type { Citation, AttemptResult, GradedItem, StudyResult } from '../contracts/resident';
import type { DrawnQuestion, StoredQuestion } from './quiz/quizEngine';
import type { OfflineEventTypeOption, PushAudience, StaffRole } from '../contracts/staff';
import type { ParticipationKind } from '../contracts/reports';
import type { PointRule } from '../contracts/points';
import type { SubscribeMessage } from './openapi';
import type { CertificateGrade } from '../contracts/certificates';

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
  /** An edition of a standing campaign (shared/campaignEditions.ts): its template and the year it runs in. */
  templateId?: string;
  year?: number;
}

export interface TownDoc {
  _id: 'town';
  name: string;
  /** population: residents (常住人口) set by staff in 镇情设置, for per-head figures. */
  villages: { id: string; name: string; placeholder?: boolean; population?: number | null }[];
  hotlines: { name: string; number: string }[];
  station: { name: string; address: string | null; phone: string | null; note: string | null };
  advisers: string[];
  /** The unit the town counts 标语 in for its annual report (content/town.yaml `reporting`, or 镇情设置; default 副). */
  bannerUnit?: string;
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
  /** Start time 'HH:mm' (China time); absent on events saved before times were kept. */
  time?: string | null;
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
  /** When staff first made the check-in code (the page shows it again from then on). */
  codeMadeAt?: string | null;
}

/**
 * 镇情设置 (collection `town_settings`, one document `_id: 'town'`): what staff set over the content profile.
 * Content sync writes only `settings/town`, never this, so nothing staff set is overwritten; readers merge the
 * two with shared/town.ts.
 */
export interface TownSettingsDoc {
  _id: 'town';
  villages: { id: string; name: string; population: number | null }[];
  station: { address: string; phones: string[]; hours: string };
  advisers: string[];
  /** The unit 标语 are counted in; empty or missing = the content profile's. */
  bannerUnit?: string;
  updatedAt: string;
  updatedBy: string;
  updatedByName: string;
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

export interface PushJobDoc {
  _id: string;
  campaignId: string;
  campaignTitle: string;
  audience: PushAudience;
  note: string;
  /** The message every recipient gets (fixed when the job is made). */
  message: { page: string; data: SubscribeMessage['data'] };
  status: 'pending' | 'running' | 'done';
  cursor: string;
  runId: string | null;
  /** Epoch ms until which runId holds the job. */
  leaseUntil: number;
  runs: number;
  createdAt: string;
  createdBy: string;
  createdByName: string;
  finishedAt: string | null;
}

export interface PushDeliveryDoc {
  _id: string;
  key: string;
  jobId: string;
  personKey: string;
  subscriptionId: string;
  templateId: string;
  status: 'sending' | 'sent' | 'failed' | 'unknown';
  errCode: number | null;
  errMsg: string | null;
  runId: string;
  createdAt: string;
  doneAt: string | null;
}

export interface InvitationDoc {
  _id: string;
  /** sha256 of the normalised code (unique index). */
  code: string;
  hint: string;
  role: StaffRole;
  name: string;
  status: 'open' | 'used' | 'revoked';
  createdAt: string;
  createdBy: string;
  createdByName: string;
  expiresAt: string;
  usedBy: string | null;
  usedByName: string | null;
  usedAt: string | null;
}

export interface AuditDoc {
  _id: string;
  actorOpenId: string;
  actorName: string;
  actorRole: string;
  action: string;
  target: string;
  details: Record<string, unknown>;
  at: Date | string;
}

export interface StaffDoc {
  _id: string;
  openId: string;
  role: StaffRole;
  name: string;
  createdAt: Date;
  createdBy: string;
}

/** Quiz attempts one person took in one campaign on one China day (`_id` = `${personKey}|${campaignId}|${day}`). */
export interface QuizQuotaDoc {
  _id: string;
  count: number;
  attemptIds: string[];
}

/** A resident's first read of a lesson (`_id` = `${personKey}:${lessonId}`). */
export interface LessonReadDoc {
  _id: string;
  personKey: string;
  lessonId: string;
  at: Date | string;
}

/** Wrong invitation codes one person entered on one China day (`_id` = `redeem|${day}|${personKey}`). */
export interface RedeemFailureDoc {
  _id: string;
  count: number;
  [field: string]: unknown;
}

/** One participation (collection `events`); see shared/participation/events.ts. */
export interface ParticipationEventDoc {
  _id: string;
  kind: ParticipationKind;
  personKey: string;
  campaignId: string;
  villageId: string;
  laws: string[];
  /** Codes that group several laws (民法典) touched by this event, from laws.code when it was recorded. */
  codes: string[];
  at: Date;
  day: string;
  month: string;
  year: string;
  score?: number;
  passed?: boolean;
  durationMs?: number;
  /**
   * pending: stored, effects maybe partly applied (a retry or the sweep completes them); applied: every effect
   * applied; settled: its id removed from the targets' `unsettled` lists. Absent on events recorded before
   * this field existed (they are settled).
   */
  state?: 'pending' | 'applied' | 'settled';
  recordedAt?: Date;
  appliedAt?: Date;
  /** A quiz attempt's graded items: their question statistics are effects of the event. */
  questionItems?: { questionId: string; points: number }[];
  /** The lesson of a lesson_read, the offline event of a checkin (what 积分明细 names). */
  lessonId?: string;
  offlineEventId?: string;
  /** 错题本 items a practice or review session mastered (each worth points, shared/participation/points.ts). */
  masteredQuestionIds?: string[];
}

/**
 * One awarded 学法积分 item (collection `points_items`, `_id` = `${personKey}|${key}`): stored once per person and
 * key whichever event claims it first (a retry or a second event with the same key adds nothing);
 * shared/participation/points.ts builds the keys.
 */
export interface PointsItemDoc {
  _id: string;
  personKey: string;
  key: string;
  day: string;
  rule: PointRule;
  points: number;
  /** The lesson, campaign, question or offline event it was for (null for 每日一练). */
  subject: string | null;
  /** The event that stored it: that event adds its points to the day. */
  eventId: string;
}

/**
 * One person's learning on one China day (collection `points_days`, `_id` = `${personKey}|${day}`): exists once
 * any learning event of that day is applied (the streak), `earned` sums the day's items; the day counts
 * min(earned, DAILY_POINTS_CAP).
 */
export interface PointsDayDoc {
  _id: string;
  personKey: string;
  day: string;
  earned: number;
  /** Learning events applied to this day. */
  events: number;
  unsettled?: string[];
}

export type RollupType = 'dim' | 'dim-month' | 'law' | 'law-month' | 'code' | 'code-month' | 'people';

/** A counter document of `rollups` (keys in shared/participation/keys.ts). */
export interface RollupDoc {
  _id: string;
  type: RollupType;
  count: number;
  kind?: ParticipationKind;
  day?: string;
  month?: string;
  campaignId?: string;
  villageId?: string;
  law?: string;
  code?: string;
  scope?: string;
  scoreSum?: number;
  passed?: number;
  durationSum?: number;
  /** Events applied here and not yet settled (shared/participation/record.ts). */
  unsettled?: string[];
}

/** One person in one unique-people scope (`_id` = `${scope}|${personKey}`). */
export interface UniquePersonDoc {
  _id: string;
  scope: string;
  firstDay: string;
  /** The event that added the person to the scope, and whether the scope's counter has counted them. */
  by?: string;
  counted?: boolean;
}

/** Item statistics of one question, cumulative (shared/participation/questionStats.ts). */
export interface QuestionStatDoc {
  _id: string;
  questionId?: string;
  answered?: number;
  points?: number;
  topAnswered?: number;
  topPoints?: number;
  middleAnswered?: number;
  middlePoints?: number;
  bottomAnswered?: number;
  bottomPoints?: number;
  unsettled?: string[];
}

/** Collection name → document type: what a typed read of shared/database.ts returns. */
/** Standing campaigns: yearly templates (shared/campaignEditions.ts makes each year's edition in `campaigns`). */
export interface Recurrence {
  /** `MM-DD`, first day (00:00 China time). */
  start: string;
  /** `MM-DD`, last day (to 23:59:59.999 China time); earlier than `start` = in the next year. */
  end: string;
  /** Days before the window's start when the edition is created (staff can adjust it from then). */
  createDaysAhead: number;
}

export interface CampaignQuizSettings {
  questionsPerQuiz: number;
  passMark: number;
  attemptsPerDay: number;
  pool: { laws: string[]; tags: string[] };
}

/** A standing campaign as content/ describes it (collection `campaign_templates`). */
export interface CampaignTemplateDoc {
  _id: string;
  /** May contain `{year}`, like bannerText and summary. */
  title: string;
  recurrence: Recurrence;
  /** No edition before this year. */
  firstYear: number;
  /** Year → id, for editions that keep an id from before templates; otherwise `<template id>-<year>`. */
  editionIds: Record<string, string>;
  themeLaws: string[];
  lessonIds: string[];
  quiz: CampaignQuizSettings;
  bannerText: string;
  summary: string;
  archived?: boolean;
}

export interface CollectionDocs {
  residents: ResidentDoc;
  attempts: AttemptDoc;
  lesson_reads: LessonReadDoc;
  events: ParticipationEventDoc;
  rollups: RollupDoc;
  campaigns: CampaignDoc;
  campaign_templates: CampaignTemplateDoc;
  lessons: LessonDoc;
  questions: QuestionDoc;
  staff: StaffDoc;
  audit_log: AuditDoc;
  offline_events: OfflineEventDoc;
  checkins: CheckInDoc;
  subscriptions: SubscriptionDoc;
  push_jobs: PushJobDoc;
  push_deliveries: PushDeliveryDoc;
  notices: NoticeDoc;
  invitations: InvitationDoc;
  redeem_failures: RedeemFailureDoc;
  unique_people: UniquePersonDoc;
  laws: LawDoc;
  quiz_quota: QuizQuotaDoc;
  settings: TownDoc;
  question_stats: QuestionStatDoc;
  town_settings: TownSettingsDoc;
  review_items: ReviewItemDoc;
  study_sessions: StudySessionDoc;
  open_attempts: OpenAttemptDoc;
  points_items: PointsItemDoc;
  points_days: PointsDayDoc;
  certificates: CertificateDoc;
}
export type CollectionName = keyof CollectionDocs;

/**
 * 电子证书 (collection `certificates`): one per resident and campaign edition, `_id` = `${personKey}|${campaignId}`
 * (a retry or a concurrent submit cannot make a second). `number` is unique and is all a verifier sends.
 * Holds the pseudonymous key only, never an OPENID; nothing here leaves the function except the certificate's face.
 */
export interface CertificateDoc {
  _id: string;
  number: string;
  personKey: string;
  campaignId: string;
  campaignTitle: string;
  townName: string;
  grade: CertificateGrade;
  /** The best score so far and the attempt and China day it came from. */
  score: number;
  attemptId: string;
  day: string;
  /** China day of the first pass. */
  issuedDay: string;
  issuedAt: Date;
  /** The stored mini-program code that verifies it (made once, when the holder first opens it in WeChat). */
  wxacodeFileId?: string | null;
}

/** The one unfinished quiz attempt of a resident in a campaign (`_id` = `${personKey}|${campaignId}`). */
export interface OpenAttemptDoc {
  _id: string;
  attemptId: string;
  /** Epoch ms of the claim. */
  at: number;
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
  /** 错题本 items this session mastered (its participation event awards 学法积分 for them). */
  masteredQuestionIds?: string[];
}
