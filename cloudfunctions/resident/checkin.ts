/**
 * Check-in at an offline event (院坝会 …): the resident scans the event's code (scene `e=<code>`).
 * One check-in per person per event (unique key `${eventId}|${personKey}`); it counts as one
 * participation (kind 'checkin', the event's campaign, village and theme laws), so reports include it.
 */
import type { ActionContext } from '../shared/handler';
import type { CheckInPreview, CheckInView } from '../contracts/checkin';
import type { CheckInDoc, OfflineEventDoc } from '../shared/documents';
import { AppError, isDuplicateWrite, notFound } from '../shared/errors';
import { personKey } from '../shared/identity';
import { DAY_MS, chinaDay, chinaDayStart } from '../contracts/time';
import { recordParticipation } from '../shared/participation/record';
import { findOne, getDoc } from '../shared/database';
import { loadTown } from '../shared/town';
import { creditedCampaign } from '../shared/campaigns';
import { loadResident } from './profile';
/** Check-in is open from the day before the event to three days after it (China days). */
export const CHECKIN_DAYS_BEFORE = 1;
export const CHECKIN_DAYS_AFTER = 3;

export async function findEventByCode(ctx: ActionContext, code: string): Promise<OfflineEventDoc | null> {
  return findOne(ctx.db, 'offline_events', { code });
}

function checkInWindowOpen(event: OfflineEventDoc, now: Date): 'early' | 'open' | 'closed' {
  const start = chinaDayStart(event.date).getTime() - CHECKIN_DAYS_BEFORE * DAY_MS;
  const end = chinaDayStart(event.date).getTime() + (CHECKIN_DAYS_AFTER + 1) * DAY_MS;
  const t = now.getTime();
  return t < start ? 'early' : t >= end ? 'closed' : 'open';
}

export async function checkIn(ctx: ActionContext, input: { eventCode: string; checkInId: string }): Promise<CheckInView> {
  const event = await findEventByCode(ctx, input.eventCode);
  if (!event || event.archived) throw notFound('这场活动');
  const key = personKey(ctx.openId);
  const uniqueKey = `${event._id}|${key}`;
  const coll = ctx.db.collection('checkins');
  let stored = await findOne(ctx.db, 'checkins', { key: uniqueKey });
  let already = stored !== null;
  const resident = await loadResident(ctx);
  if (!stored) {
    const window = checkInWindowOpen(event, ctx.now());
    if (window !== 'open') throw new AppError('NOT_AVAILABLE', window === 'early' ? `这场活动 ${event.date} 举行，到时再来签到` : '这场活动的签到已经结束');
    const doc: CheckInDoc = {
      _id: uniqueKey,
      key: uniqueKey,
      eventId: event._id,
      personKey: key,
      checkInId: input.checkInId,
      campaignId: event.campaignId,
      villageId: event.villageId ?? resident?.villageId ?? null,
      at: ctx.now().toISOString(),
    };
    try {
      await coll.add(doc);
      stored = doc;
      await ctx.db.collection('offline_events').doc(event._id).update({ checkIns: ctx.db.command.inc(1) });
    } catch (error) {
      if (!isDuplicateWrite(error)) throw error;
      already = true; // a simultaneous check-in by the same person stored first: only that one is the first
      stored = (await findOne(ctx.db, 'checkins', { key: uniqueKey })) ?? doc;
    }
  }
  // Recorded on every call (idempotent on its event id), so a crash after the check-in is healed by a retry.
  // A check-in counts on the event's date (noon China time), whatever day it was scanned, and for the linked
  // campaign only when that campaign is live then (the attribution rule, shared/campaigns.ts).
  const countedAt = new Date(chinaDayStart(event.date).getTime() + 12 * 3600 * 1000);
  await recordParticipation(ctx.db, {
    eventId: `checkin:${event._id}:${key}`,
    kind: 'checkin',
    personKey: key,
    campaignId: event.campaignId ? await creditedCampaign(ctx.db, countedAt, (c) => c._id === event.campaignId) : null,
    villageId: stored.villageId,
    laws: event.themeLaws,
    at: countedAt,
    offlineEventId: event._id,
  });

  return viewOf(ctx, event, stored, already);
}

async function viewOf(ctx: ActionContext, event: OfflineEventDoc, stored: CheckInDoc, already: boolean): Promise<CheckInView> {
  const [town, lesson, campaign] = await Promise.all([
    loadTown(ctx.db),
    event.lessonId ? getDoc(ctx.db, 'lessons', event.lessonId) : null,
    event.campaignId ? getDoc(ctx.db, 'campaigns', event.campaignId) : null,
  ]);
  return {
    eventId: event._id,
    eventTitle: event.title,
    type: event.type,
    date: event.date,
    place: event.place,
    villageName: town.villages.find((v) => v.id === event.villageId)?.name ?? null,
    already,
    checkedInAt: stored.at,
    campaign: campaign && campaign.status === 'published' ? { id: campaign._id, title: campaign.title } : null,
    lesson: lesson && !lesson.archived ? { id: lesson._id, title: lesson.title, readingMinutes: lesson.readingMinutes } : null,
  };
}

/** Before 签到: the event a code belongs to (a bad or archived code is not found), and this person's check-in. */
export async function previewCheckIn(ctx: ActionContext, eventCode: string): Promise<CheckInPreview> {
  const event = await findEventByCode(ctx, eventCode);
  if (!event || event.archived) throw notFound('这场活动');
  const uniqueKey = `${event._id}|${personKey(ctx.openId)}`;
  const [mine, town] = await Promise.all([findOne(ctx.db, 'checkins', { key: uniqueKey }), loadTown(ctx.db)]);
  return {
    eventTitle: event.title,
    type: event.type,
    date: event.date,
    time: event.time ?? null,
    place: event.place,
    villageName: town.villages.find((v) => v.id === event.villageId)?.name ?? null,
    window: checkInWindowOpen(event, ctx.now()),
    checkedIn: mine ? await viewOf(ctx, event, mine, true) : null,
  };
}

/** For tests and staff pages: the China day a check-in window opens and closes. */
export function checkInWindow(eventDate: string): { from: string; until: string } {
  const start = chinaDayStart(eventDate).getTime();
  return { from: chinaDay(new Date(start - CHECKIN_DAYS_BEFORE * DAY_MS)), until: chinaDay(new Date(start + CHECKIN_DAYS_AFTER * DAY_MS)) };
}
