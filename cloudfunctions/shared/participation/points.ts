/**
 * 学法积分 and streaks: the rules that turn a participation event into points, shared by the writer (record.ts,
 * where points are one more effect of the event, completed by a retry or the sweep like the rollups), the
 * recount (`npm run stats:verify`) and the resident's reads (resident/points.ts).
 *
 * An event awards *items*, each under a key that is the same whoever earns it and however often it is retried:
 *   read|<lessonId>                     first read of a lesson (one event per person and lesson)
 *   practice|<eventId>                  a 每日一练 session (one per person and China day)
 *   pass|<campaignId>|<day>             a campaign quiz passed: once per campaign and China day
 *   mastered|<questionId>|<day>         a 错题本 item mastered in a practice or review session
 *   checkin|<offlineEventId>            a check-in at an offline event (counted on the event's date)
 * An item is stored once per person (`points_items`, first claim wins); the event that stored it adds its points
 * to the person's day (`points_days`, `earned`). A key that two events can claim holds the day, so whichever
 * claims it, the day's sum is the same: a day counts min(earned, DAILY_POINTS_CAP) whatever the order, which
 * keeps the cap exact under concurrency and equal to a recount. Every learning event (all but shares) makes
 * the day exist, which is what the streak counts.
 */
import { DAILY_POINTS_CAP, pointsOf, type PointRule, type PointsSummary } from '../../contracts/points';
import { addDays } from '../../contracts/time';
import type { ParticipationEventDoc, PointsDayDoc, PointsItemDoc } from '../documents';

/** The fields of an event that decide its points. */
export type PointsEvent = Pick<ParticipationEventDoc, '_id' | 'kind' | 'personKey' | 'day' | 'campaignId' | 'passed' | 'lessonId' | 'offlineEventId' | 'masteredQuestionIds'>;

export interface PointsItem {
  key: string;
  rule: PointRule;
  points: number;
  subject: string | null;
}

/** Learning: every kind of participation but a share (转发 is not learning). */
export const isLearning = (e: Pick<ParticipationEventDoc, 'kind'>) => e.kind !== 'share';

const item = (rule: PointRule, key: string, subject: string | null): PointsItem => ({ key: `${rule === 'quiz_pass' ? 'pass' : rule}|${key}`, rule, points: pointsOf(rule), subject });

/** The items an event may award (some may already be someone else's claim: the same key earns once). */
export function pointItemsOf(e: PointsEvent): PointsItem[] {
  switch (e.kind) {
    case 'lesson_read':
      return [item('read', e.lessonId ?? e._id, e.lessonId ?? null)];
    case 'quiz_attempt':
      return e.passed ? [item('quiz_pass', `${e.campaignId}|${e.day}`, e.campaignId)] : [];
    case 'practice':
    case 'review':
      return [
        ...(e.kind === 'practice' ? [item('practice', e._id, null)] : []),
        ...[...new Set(e.masteredQuestionIds ?? [])].sort().map((q) => item('mastered', `${q}|${e.day}`, q)),
      ];
    case 'checkin':
      return [item('checkin', e.offlineEventId ?? e._id, e.offlineEventId ?? null)];
    default:
      return [];
  }
}

export const pointsItemId = (personKey: string, key: string) => `${personKey}|${key}`;
export const pointsDayId = (personKey: string, day: string) => `${personKey}|${day}`;

/** What a day counts: what it earned, up to the daily cap. */
export const countedPoints = (earned: number) => Math.min(earned, DAILY_POINTS_CAP);

/**
 * Consecutive China days with learning, ending today — or yesterday, while today has none yet (the streak is
 * not lost until today ends). 0 when neither day has learning.
 */
export function streakOf(days: Iterable<string>, today: string): number {
  const set = new Set(days);
  let day = set.has(today) ? today : addDays(today, -1);
  let n = 0;
  while (set.has(day)) {
    n++;
    day = addDays(day, -1);
  }
  return n;
}

export function summarize(days: Pick<PointsDayDoc, 'day' | 'earned'>[], today: string): PointsSummary {
  const todayDoc = days.find((d) => d.day === today);
  return {
    today,
    total: days.reduce((s, d) => s + countedPoints(d.earned ?? 0), 0),
    todayPoints: countedPoints(todayDoc?.earned ?? 0),
    cap: DAILY_POINTS_CAP,
    streak: streakOf(days.map((d) => d.day), today),
    learnedToday: !!todayDoc,
  };
}

type ItemFacts = Omit<PointsItemDoc, 'eventId'>;

/** Points recounted from the events: every item (first claim of each key) and every day. */
export class PointsRecount {
  readonly items = new Map<string, PointsItemDoc>();
  readonly days = new Map<string, PointsDayDoc>();

  add(e: PointsEvent): void {
    if (!isLearning(e)) return;
    const dayId = pointsDayId(e.personKey, e.day);
    let day = this.days.get(dayId);
    if (!day) this.days.set(dayId, (day = { _id: dayId, personKey: e.personKey, day: e.day, earned: 0, events: 0 }));
    day.events++;
    for (const i of pointItemsOf(e)) {
      const id = pointsItemId(e.personKey, i.key);
      if (this.items.has(id)) continue;
      this.items.set(id, { _id: id, personKey: e.personKey, key: i.key, day: e.day, rule: i.rule, points: i.points, subject: i.subject, eventId: e._id });
      day.earned += i.points;
    }
  }
}

export interface PointsDiff {
  collection: 'points_days' | 'points_items';
  id: string;
  problem: 'missing' | 'extra' | 'different';
  expected?: string;
  actual?: string;
}

const dayFacts = (d: PointsDayDoc) => `earned=${d.earned ?? 0} events=${d.events ?? 0}`;
const itemFacts = (i: ItemFacts) => `${i.day} ${i.rule} ${i.points}`;

function diffOne<T extends { _id: string }>(collection: PointsDiff['collection'], expected: Map<string, T>, actual: Iterable<T>, facts: (t: T) => string): PointsDiff[] {
  const out: PointsDiff[] = [];
  const seen = new Set<string>();
  for (const a of actual) {
    seen.add(a._id);
    const e = expected.get(a._id);
    if (!e) out.push({ collection, id: a._id, problem: 'extra', actual: facts(a) });
    else if (facts(e) !== facts(a)) out.push({ collection, id: a._id, problem: 'different', expected: facts(e), actual: facts(a) });
  }
  for (const [id, e] of expected) if (!seen.has(id)) out.push({ collection, id, problem: 'missing', expected: facts(e) });
  return out;
}

/** Stored days and items that differ from the recount. */
export function diffPoints(expected: PointsRecount, actualDays: Iterable<PointsDayDoc>, actualItems: Iterable<PointsItemDoc>): PointsDiff[] {
  return [...diffOne('points_days', expected.days, actualDays, dayFacts), ...diffOne('points_items', expected.items, actualItems, itemFacts)].sort((x, y) => x.id.localeCompare(y.id));
}
