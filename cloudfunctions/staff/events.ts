/**
 * Offline events (院坝会, 宣传摊位 …): staff create them, print the check-in code (a mini-program code with
 * scene `e=<code>`; locally also a QR of the H5 check-in URL), and enter the numbers afterwards (attendees
 * who did not scan, leaflets, banners). Residents' check-ins are counted by resident/checkin.ts.
 */
import type { ActionContext } from '../shared/handler';
import type { EventCodeView, OfflineEventInput, OfflineEventView } from '../contracts/staff';
import type { OfflineEventDoc, StaffDoc, TownDoc } from '../shared/documents';
import { AppError, invalid, isDuplicateWrite, notFound } from '../shared/errors';
import { audit } from '../shared/staffAuth';
import { h5PageUrl, qrDataUrl, storeMiniProgramCode, tempUrls } from '../shared/scanCodes';
import { loadLaws } from '../shared/laws';
import { loadTown } from '../shared/town';
import { newId, randomToken } from './common';
import { getDoc, reads } from '../shared/database';

export const CHECKIN_PAGE = 'packages/checkin/pages/index/index';
export const sceneOf = (code: string) => `e=${code}`;

async function load(ctx: ActionContext, id: string): Promise<OfflineEventDoc> {
  const doc = await getDoc(ctx.db, 'offline_events', id);
  if (!doc) throw notFound('这场活动');
  return doc;
}

interface Names {
  town: TownDoc;
  campaigns: Map<string, string>;
  lessons: Map<string, string>;
}

async function names(ctx: ActionContext, events: OfflineEventDoc[]): Promise<Names> {
  const _ = ctx.db.command;
  const campaignIds = [...new Set(events.map((e) => e.campaignId).filter((x): x is string => !!x))];
  const lessonIds = [...new Set(events.map((e) => e.lessonId).filter((x): x is string => !!x))];
  const [town, cRes, lRes] = await Promise.all([
    loadTown(ctx.db),
    campaignIds.length ? reads(ctx.db, 'campaigns').where({ _id: _.in(campaignIds) }).field({ _id: true, title: true }).limit(1000).get() : { data: [] },
    lessonIds.length ? reads(ctx.db, 'lessons').where({ _id: _.in(lessonIds) }).field({ _id: true, title: true }).limit(1000).get() : { data: [] },
  ]);
  return {
    town,
    campaigns: new Map(cRes.data.map((c) => [c._id, c.title])),
    lessons: new Map(lRes.data.map((l) => [l._id, l.title])),
  };
}

function view(e: OfflineEventDoc, n: Names): OfflineEventView {
  return {
    id: e._id,
    code: e.code,
    type: e.type,
    title: e.title,
    date: e.date,
    time: e.time ?? null,
    villageId: e.villageId,
    villageName: n.town.villages.find((v) => v.id === e.villageId)?.name ?? e.villageId,
    place: e.place,
    themeLaws: e.themeLaws,
    campaignId: e.campaignId,
    campaignTitle: e.campaignId ? (n.campaigns.get(e.campaignId) ?? null) : null,
    lessonId: e.lessonId,
    lessonTitle: e.lessonId ? (n.lessons.get(e.lessonId) ?? null) : null,
    attendees: e.attendees,
    leaflets: e.leaflets,
    banners: e.banners,
    notes: e.notes,
    checkIns: e.checkIns,
    reached: e.checkIns + e.attendees,
    archived: e.archived,
    codeMade: !!(e.codeMadeAt || e.wxacodeFileId),
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}

export async function listEvents(ctx: ActionContext, includeArchived = false): Promise<OfflineEventView[]> {
  const coll = reads(ctx.db, 'offline_events');
  const res = await (includeArchived ? coll : coll.where({ archived: false })).orderBy('date', 'desc').limit(500).get();
  const docs = res.data;
  const n = await names(ctx, docs);
  return docs.map((e) => view(e, n));
}

export async function getEvent(ctx: ActionContext, id: string): Promise<OfflineEventView> {
  const e = await load(ctx, id);
  // checkIns is a counter; the check-in documents are the truth (a crash between the two writes is healed here).
  const counted = (await ctx.db.collection('checkins').where({ eventId: id }).count()).total ?? 0;
  if (counted !== e.checkIns) {
    await ctx.db.collection('offline_events').doc(id).update({ checkIns: counted });
    e.checkIns = counted;
  }
  return view(e, await names(ctx, [e]));
}

async function validate(ctx: ActionContext, input: OfflineEventInput): Promise<void> {
  const [town, laws] = await Promise.all([loadTown(ctx.db), loadLaws(ctx.db)]);
  if (!town.villages.some((v) => v.id === input.villageId)) throw invalid('请选择举办活动的村（社区）', 'event.villageId');
  for (const l of input.themeLaws) if (!laws.has(l)) throw invalid(`没有这部法律：${l}`, 'event.themeLaws');
  if (input.campaignId) {
    const c = (await ctx.db.collection('campaigns').doc(input.campaignId).get()).data?.[0];
    if (!c) throw invalid('关联的活动不存在', 'event.campaignId');
  }
  if (input.lessonId) {
    const l = await getDoc(ctx.db, 'lessons', input.lessonId);
    if (!l || l.archived) throw invalid('关联的课程不存在或已下线', 'event.lessonId');
  }
}

export async function saveEvent(ctx: ActionContext, staff: StaffDoc, input: { id?: string; event: OfflineEventInput }): Promise<OfflineEventView> {
  await validate(ctx, input.event);
  const now = ctx.now().toISOString();
  const fields = { ...input.event, time: input.event.time ?? null, themeLaws: [...new Set(input.event.themeLaws)] };
  if (!input.id) {
    for (let tries = 0; ; tries++) {
      const doc: OfflineEventDoc = {
        _id: newId('event', ctx),
        code: randomToken(8),
        ...fields,
        attendees: 0,
        leaflets: 0,
        banners: 0,
        checkIns: 0,
        createdBy: staff.openId,
        createdAt: now,
        updatedAt: now,
        archived: false,
        wxacodeFileId: null,
        codeMadeAt: null,
      };
      try {
        await ctx.db.collection('offline_events').add(doc);
      } catch (error) {
        if (isDuplicateWrite(error) && tries < 3) continue;
        throw error;
      }
      await audit(ctx, staff, 'event.create', `event:${doc._id}`, { title: doc.title, type: doc.type, date: doc.date, villageId: doc.villageId });
      return view(doc, await names(ctx, [doc]));
    }
  }
  const before = await load(ctx, input.id);
  if (before.archived) throw new AppError('CONFLICT', '这场活动已归档');
  const changes = { ...fields, updatedAt: now };
  await ctx.db.collection('offline_events').doc(before._id).update(changes);
  await audit(ctx, staff, 'event.edit', `event:${before._id}`, { title: fields.title });
  const after = { ...before, ...changes };
  return view(after, await names(ctx, [after]));
}

export async function recordEventNumbers(ctx: ActionContext, staff: StaffDoc, input: { id: string; attendees: number; leaflets: number; banners: number; notes?: string }): Promise<OfflineEventView> {
  const before = await load(ctx, input.id);
  const changes = { attendees: input.attendees, leaflets: input.leaflets, banners: input.banners, ...(input.notes !== undefined ? { notes: input.notes } : {}), updatedAt: ctx.now().toISOString() };
  await ctx.db.collection('offline_events').doc(before._id).update(changes);
  await audit(ctx, staff, 'event.numbers', `event:${before._id}`, {
    title: before.title,
    attendees: input.attendees,
    leaflets: input.leaflets,
    banners: input.banners,
    before: { attendees: before.attendees, leaflets: before.leaflets, banners: before.banners },
  });
  return getEvent(ctx, before._id);
}

export async function archiveEvent(ctx: ActionContext, staff: StaffDoc, id: string): Promise<OfflineEventView> {
  const before = await load(ctx, id);
  if (before.archived) throw new AppError('CONFLICT', '这场活动已归档');
  const changes = { archived: true, updatedAt: ctx.now().toISOString() };
  await ctx.db.collection('offline_events').doc(id).update(changes);
  await audit(ctx, staff, 'event.archive', `event:${id}`, { title: before.title });
  const after = { ...before, ...changes };
  return view(after, await names(ctx, [after]));
}

/** The H5 check-in page for a scene (hash router), e.g. http://127.0.0.1:8080/#/packages/checkin/pages/index/index?e=k3m9qx2a. */
export function h5CheckInUrl(h5Base: string, code: string): string {
  return h5PageUrl(h5Base, CHECKIN_PAGE, { e: code });
}

/**
 * The event's check-in codes. The mini-program code is made once (wxacode.getUnlimited, scene `e=<code>`,
 * page packages/checkin/pages/index/index), stored in cloud storage and reused; the H5 QR is drawn on each
 * call when the caller says where the H5 app is served (local runs).
 */
export async function getEventCode(ctx: ActionContext, staff: StaffDoc, id: string, h5Base?: string): Promise<EventCodeView> {
  const e = await load(ctx, id);
  const scene = sceneOf(e.code);
  let fileId = e.wxacodeFileId ?? null;
  let wxacodeError: string | null = null;
  if (!e.codeMadeAt) {
    // made once: from now on the event page shows the code when it opens
    await ctx.db.collection('offline_events').doc(id).update({ codeMadeAt: ctx.now().toISOString() });
    if (!fileId) await audit(ctx, staff, 'event.code', `event:${id}`, { title: e.title, scene });
  }
  if (!fileId) {
    const made = await storeMiniProgramCode({ scene, page: CHECKIN_PAGE, pageName: '签到页面', cloudPath: `event-codes/${e.code}` });
    fileId = made.fileId;
    wxacodeError = made.error;
    if (fileId) await ctx.db.collection('offline_events').doc(id).update({ wxacodeFileId: fileId });
  }
  const url = fileId ? ((await tempUrls([fileId])).get(fileId) ?? null) : null;
  const h5Url = h5Base ? h5CheckInUrl(h5Base, e.code) : null;
  const h5QrDataUrl = h5Url ? await qrDataUrl(h5Url) : null;
  return { eventId: id, scene, page: CHECKIN_PAGE, wxacodeUrl: url, wxacodeFileId: fileId, wxacodeError, h5Url, h5QrDataUrl };
}
