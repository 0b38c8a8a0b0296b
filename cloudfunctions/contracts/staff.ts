/**
 * Contract of the `staff` cloud function: staff members and invitations, the audit log, campaigns,
 * notices (通知公告), offline events with their check-in codes, and pushes to residents who opted in.
 *
 * Every action has a minimum role (STAFF_ACTION_ROLES); the server checks it before doing anything, so a
 * resident or a too-low role gets FORBIDDEN and nothing changes. Every write is recorded in the audit log.
 */
import { z } from 'zod';
import { action, dayInput, returns, entityId, type ApiOf } from './common';
import type { CampaignCard, CampaignState, QuizQuestion } from './resident';

export type StaffRole = 'admin' | 'editor' | 'viewer';
export const STAFF_ROLES = ['admin', 'editor', 'viewer'] as const;
export { STAFF_ROLE_LABEL } from './labels';

export const OFFLINE_EVENT_TYPE_OPTIONS = ['院坝会', '社员会', '宣传摊位', '法治讲座', '入户走访', '其他'] as const;
export type OfflineEventTypeOption = (typeof OFFLINE_EVENT_TYPE_OPTIONS)[number];

// ---------------------------------------------------------------------------------------------------------
// Views

export interface StaffMe {
  openIdTail: string;
  name: string;
  role: StaffRole;
  roleLabel: string;
  canEdit: boolean;
  isAdmin: boolean;
}

export interface WhoAmI {
  /** The caller's own OPENID (shown to them for `npm run staff -- add --openid …`). */
  openId: string;
  staff: StaffMe | null;
}

export interface StaffMember {
  id: string;
  name: string;
  role: StaffRole;
  /** Last characters of the OPENID, enough to tell two people apart. */
  openIdTail: string;
  createdAt: string;
  createdBy: string;
  isMe: boolean;
}

export type InvitationStatus = 'open' | 'used' | 'revoked' | 'expired';
export interface InvitationView {
  id: string;
  name: string;
  role: StaffRole;
  status: InvitationStatus;
  /** Last two characters of the code (the code itself is shown once, when made). */
  hint: string;
  createdAt: string;
  createdByName: string;
  expiresAt: string;
  usedByName: string | null;
  usedAt: string | null;
}
export interface NewInvitation extends InvitationView {
  /** Shown once: `ABCD-EFGH`. Only a hash is stored. */
  code: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorName: string;
  actorRole: string;
  /** 管理员 / 编辑 / 查看员 */
  actorRoleLabel: string;
  action: string;
  /** The action in words (生成签到码 …). */
  actionLabel: string;
  /** What it was about and what changed, in Chinese, without raw ids (contracts/labels.ts describeAudit). */
  summary: string;
  target: string;
  details: Record<string, unknown>;
}

export interface LawOption {
  id: string;
  shortName: string;
  title: string;
}
export interface EditorOptions {
  laws: LawOption[];
  lessons: { id: string; title: string; law: string }[];
  /** Question tags with how many active questions carry each. */
  tags: { tag: string; count: number }[];
  /** Active questions per law id. */
  questionsByLaw: Record<string, number>;
  villages: { id: string; name: string }[];
  campaigns: { id: string; title: string; state: CampaignState }[];
  eventTypes: OfflineEventTypeOption[];
}

export interface CampaignListItem {
  id: string;
  title: string;
  state: CampaignState;
  start: string;
  end: string;
  pinned: boolean;
  source: 'content' | 'staff';
  themeLaws: { id: string; shortName: string }[];
  updatedAt: string;
}

export interface QuizSettings {
  questionsPerQuiz: number;
  passMark: number;
  attemptsPerDay: number;
  pool: { laws: string[]; tags: string[]; questionIds: string[] };
}

export interface CampaignDetail {
  id: string;
  title: string;
  summary: string;
  bannerText: string;
  bannerImage: string | null;
  /** A displayable URL of the banner image (temporary), when there is one. */
  bannerImageUrl: string | null;
  start: string;
  end: string;
  themeLaws: string[];
  lessonIds: string[];
  quiz: QuizSettings;
  status: 'draft' | 'published' | 'archived';
  state: CampaignState;
  pinned: boolean;
  source: 'content' | 'staff';
  version: number;
  updatedAt: string;
  /** Active questions the quiz pool draws from. */
  poolSize: number;
}

export interface CampaignPreview {
  card: CampaignCard;
  bannerImageUrl: string | null;
  summary: string;
  lessons: { id: string; title: string; law: string }[];
  /** A sample draw, as a resident would see it (no answers). */
  sampleQuestions: QuizQuestion[];
  poolSize: number;
  /** What would stop residents from taking part (too few questions, window ended …). */
  warnings: string[];
}

export interface NoticeView {
  id: string;
  title: string;
  body: string;
  date: string;
  status: 'draft' | 'published' | 'archived';
  updatedAt: string;
}

export interface OfflineEventView {
  id: string;
  code: string;
  type: OfflineEventTypeOption;
  title: string;
  date: string;
  /** Start time 'HH:mm' (China time), null for events saved before times were kept. */
  time: string | null;
  villageId: string;
  villageName: string;
  place: string;
  themeLaws: string[];
  campaignId: string | null;
  campaignTitle: string | null;
  lessonId: string | null;
  lessonTitle: string | null;
  attendees: number;
  leaflets: number;
  banners: number;
  notes: string;
  checkIns: number;
  /** checkIns + attendees. */
  reached: number;
  archived: boolean;
  /** The check-in code was made once (生成签到码): the page shows it again when it opens. */
  codeMade: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface EventCodeView {
  eventId: string;
  scene: string;
  page: string;
  /** The mini-program code (wxacode.getUnlimited), a temporary URL of the stored PNG. */
  wxacodeUrl: string | null;
  wxacodeFileId: string | null;
  /** Why the mini-program code could not be made (shown to staff), if it could not. */
  wxacodeError: string | null;
  /** The H5 check-in URL with the same scene, and a QR PNG of it (data URL), when an H5 base URL was given. */
  h5Url: string | null;
  h5QrDataUrl: string | null;
}

/** 镇情设置: what staff set over the content profile (content/town.yaml); content sync never changes it. */
export interface TownSettingsView {
  townName: string;
  villages: { id: string; name: string; population: number | null; /** still the 待填写 name of the content profile */ placeholder: boolean }[];
  station: { name: string; address: string; phones: string[]; hours: string };
  advisers: string[];
  /** The unit 标语 are counted in by the export and its draft paragraph: staff's, else the content profile's, else 副. */
  bannerUnit: string;
  /** What the content profile (content/town.yaml `reporting.bannerUnit`) says: used when staff leave it empty. */
  contentBannerUnit: string;
  updatedAt: string | null;
  updatedByName: string | null;
}

export type PushAudience = 'campaign' | 'all';
export type PushJobStatus = 'pending' | 'running' | 'done';
export interface PushTotals {
  sent: number;
  failed: number;
  /** Interrupted mid-send: maybe delivered, never sent again. */
  unknown: number;
  /** Opt-ins still available for this job's audience (not yet reached). */
  remaining: number;
}
export interface PushJobView {
  id: string;
  campaignId: string;
  campaignTitle: string;
  audience: PushAudience;
  note: string;
  status: PushJobStatus;
  totals: PushTotals;
  /** Failures by WeChat error code. */
  errors: { errCode: number; count: number }[];
  createdAt: string;
  createdByName: string;
  finishedAt: string | null;
  runs: number;
}
export interface PushOverview {
  campaignId: string;
  campaignTitle: string;
  /** Residents with an unused opt-in for this campaign / for any campaign. */
  optedInCampaign: number;
  optedInAll: number;
  jobs: PushJobView[];
}
/** One message of the local app server's development-only GET /dev/outbox (not a function action). */
export interface OutboxEntry {
  id: number;
  at: string;
  api: string;
  touserTail: string;
  templateId: string;
  page: string;
  data: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------------------
// Inputs

const text = (max: number) => z.string().trim().min(1, '不能为空').max(max);
const optionalText = (max: number) => z.string().trim().max(max);
const isoInstant = z.string().datetime({ offset: true, message: '时间格式不正确' });
const day = dayInput;
const tag = z.string().trim().min(1).max(20);
const fileId = z.string().regex(/^cloud:\/\/[A-Za-z0-9_.-]+\/banners\/[A-Za-z0-9_./-]{1,120}$/, '图片需先上传到云存储 banners/ 目录');
const role = z.enum(STAFF_ROLES);
const count = z.number().int().min(0).max(100000);
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '请选择开始时间，例如 09:30');
const phone = z.string().trim().regex(/^[0-9+\-（）() ]{3,20}$/, '电话只能有数字、空格、括号和连字符，3–20 位');

export const campaignInput = z
  .object({
    title: text(40),
    summary: optionalText(200),
    bannerText: text(40),
    bannerImage: fileId.nullable(),
    start: isoInstant,
    end: isoInstant,
    themeLaws: z.array(entityId).min(1, '至少选择一部主题法律').max(10),
    lessonIds: z.array(entityId).max(30),
    quiz: z
      .object({
        questionsPerQuiz: z.number().int().min(1).max(30),
        passMark: z.number().int().min(0).max(100),
        attemptsPerDay: z.number().int().min(1).max(20),
        pool: z
          .object({
            laws: z.array(entityId).max(20),
            tags: z.array(tag).max(20),
            questionIds: z.array(entityId).max(200),
          })
          .strict(),
      })
      .strict(),
  })
  .strict();
export type CampaignInput = z.input<typeof campaignInput>;

export const noticeInput = z
  .object({ title: text(30), body: text(300), date: day, status: z.enum(['draft', 'published']) })
  .strict();
export type NoticeInput = z.input<typeof noticeInput>;

export const offlineEventInput = z
  .object({
    type: z.enum(OFFLINE_EVENT_TYPE_OPTIONS),
    title: text(30),
    date: day,
    /** Start time (China time); optional for callers that predate it. */
    time: clockTime.nullable().optional(),
    villageId: entityId,
    place: optionalText(40),
    themeLaws: z.array(entityId).max(10),
    campaignId: entityId.nullable(),
    lessonId: entityId.nullable(),
    notes: optionalText(300),
  })
  .strict();
export type OfflineEventInput = z.input<typeof offlineEventInput>;

export const townSettingsInput = z
  .object({
    villages: z
      .array(
        z
          .object({
            /** An existing id keeps its participation figures; a new village gets an id from the server. */
            id: entityId.nullable(),
            name: text(20),
            population: z.number().int().min(1).max(200000).nullable(),
          })
          .strict(),
      )
      .min(1)
      .max(60),
    station: z.object({ address: optionalText(60), phones: z.array(phone).max(5), hours: optionalText(40) }).strict(),
    advisers: z.array(text(30)).max(10),
    /** The unit 标语 are counted in (副、条、幅…); empty = the content profile's. */
    bannerUnit: z.string().trim().max(2).regex(/^[\u4e00-\u9fff]*$/, '请填一个量词，例如 副、条、幅').optional(),
  })
  .strict();
export type TownSettingsInput = z.input<typeof townSettingsInput>;

const empty = z.object({}).strict();
const byId = z.object({ id: entityId }).strict();

export const staffContract = {
  // who am I: anyone signed in (the staff home decides what to show), and staff only
  whoami: action(empty, returns<WhoAmI>()),
  me: action(empty, returns<StaffMe>()),
  // invitations and members (admin), redeeming (anyone signed in)
  redeemInvitation: action(z.object({ code: z.string().trim().min(4).max(20) }).strict(), returns<StaffMe>()),
  createInvitation: action(z.object({ role, name: text(20) }).strict(), returns<NewInvitation>()),
  listInvitations: action(empty, returns<InvitationView[]>()),
  revokeInvitation: action(byId, returns<InvitationView>()),
  listStaff: action(empty, returns<StaffMember[]>()),
  changeRole: action(z.object({ id: entityId, role }).strict(), returns<StaffMember>()),
  removeStaff: action(byId, returns<{ id: string; removed: true }>()),
  listAudit: action(z.object({ limit: z.number().int().min(1).max(100).optional(), before: isoInstant.optional() }).strict(), returns<AuditEntry[]>()),
  // campaigns (editor)
  getEditorOptions: action(empty, returns<EditorOptions>()),
  listCampaigns: action(z.object({ state: z.enum(['draft', 'scheduled', 'live', 'ended', 'archived']).optional() }).strict(), returns<CampaignListItem[]>()),
  getCampaign: action(byId, returns<CampaignDetail>()),
  saveCampaign: action(z.object({ id: entityId.optional(), expectedVersion: z.number().int().min(0).optional(), campaign: campaignInput }).strict(), returns<CampaignDetail>()),
  setCampaignStatus: action(z.object({ id: entityId, op: z.enum(['schedule', 'publish', 'unpublish', 'archive']) }).strict(), returns<CampaignDetail>()),
  pinCampaign: action(z.object({ id: entityId, pinned: z.boolean() }).strict(), returns<CampaignDetail>()),
  previewCampaign: action(byId, returns<CampaignPreview>()),
  // notices (editor)
  listNotices: action(z.object({ includeArchived: z.boolean().optional() }).strict(), returns<NoticeView[]>()),
  saveNotice: action(z.object({ id: entityId.optional(), notice: noticeInput }).strict(), returns<NoticeView>()),
  archiveNotice: action(byId, returns<NoticeView>()),
  // offline events (editor)
  listEvents: action(z.object({ includeArchived: z.boolean().optional() }).strict(), returns<OfflineEventView[]>()),
  getEvent: action(byId, returns<OfflineEventView>()),
  saveEvent: action(z.object({ id: entityId.optional(), event: offlineEventInput }).strict(), returns<OfflineEventView>()),
  recordEventNumbers: action(z.object({ id: entityId, attendees: count, leaflets: count, banners: count, notes: optionalText(300).optional() }).strict(), returns<OfflineEventView>()),
  archiveEvent: action(byId, returns<OfflineEventView>()),
  getEventCode: action(z.object({ id: entityId, h5Base: z.string().url().max(200).regex(/^https?:\/\//).optional() }).strict(), returns<EventCodeView>()),
  // 镇情设置 (admin)
  getTownSettings: action(empty, returns<TownSettingsView>()),
  saveTownSettings: action(z.object({ town: townSettingsInput }).strict(), returns<TownSettingsView>()),
  // push (editor)
  getPushOverview: action(z.object({ campaignId: entityId }).strict(), returns<PushOverview>()),
  createPushJob: action(z.object({ campaignId: entityId, audience: z.enum(['campaign', 'all']), note: optionalText(20) }).strict(), returns<PushJobView>()),
  runPushJob: action(
    z
      .object({
        jobId: entityId,
        /** Recipients read per page (default 100, at most 1000). */
        pageSize: z.number().int().min(1).max(1000).optional(),
        /** Stop after this many pages (the next call resumes); default: until done or the time budget. */
        maxPages: z.number().int().min(1).max(1000).optional(),
      })
      .strict(),
    returns<PushJobView>(),
  ),
  getPushJob: action(z.object({ jobId: entityId }).strict(), returns<PushJobView>()),
  /** Locally only: the subscribe messages the local cloud recorded instead of sending. */
};

export type StaffAction = keyof typeof staffContract;

/** The minimum role of every action; 'signedIn' = anyone with an OPENID (redeeming an invitation). */
export const STAFF_ACTION_ROLES: Record<StaffAction, StaffRole | 'signedIn'> = {
  whoami: 'signedIn',
  me: 'viewer',
  redeemInvitation: 'signedIn',
  createInvitation: 'admin',
  listInvitations: 'admin',
  revokeInvitation: 'admin',
  listStaff: 'admin',
  changeRole: 'admin',
  removeStaff: 'admin',
  listAudit: 'admin',
  getEditorOptions: 'editor',
  listCampaigns: 'editor',
  getCampaign: 'editor',
  saveCampaign: 'editor',
  setCampaignStatus: 'editor',
  pinCampaign: 'editor',
  previewCampaign: 'editor',
  listNotices: 'editor',
  saveNotice: 'editor',
  archiveNotice: 'editor',
  listEvents: 'editor',
  getEvent: 'editor',
  saveEvent: 'editor',
  recordEventNumbers: 'editor',
  archiveEvent: 'editor',
  getEventCode: 'editor',
  getTownSettings: 'admin',
  saveTownSettings: 'admin',
  getPushOverview: 'editor',
  createPushJob: 'editor',
  runPushJob: 'editor',
  getPushJob: 'editor',
};

export type StaffApi = ApiOf<typeof staffContract>;
