/**
 * Participation counting. Every participation is one event with a deterministic id on a unique key, so a
 * retry or duplicate can never count twice. When an event is new, rollups and unique-people counters are
 * incremented atomically; `npm run stats:verify` recounts them from the events (and can rebuild them).
 *
 * Rollups (collection `rollups`, one document per key, fields count [+ scoreSum, passed, durationSum for
 * quiz attempts]):
 *   d|<day>|<campaign>|<village>|<kind>     type 'dim'          per China day
 *   m|<month>|<campaign>|<village>|<kind>   type 'dim-month'    the same per China month (reports read these)
 *   l|<day>|<law>|<kind>, lm|<month>|<law>|<kind>     type 'law' / 'law-month'
 *   c|<day>|<code>|<kind>, cm|<month>|<code>|<kind>   type 'code' / 'code-month': a code that groups several
 *       laws (民法典 for its books), so a quiz touching two books counts once for 民法典
 *   p|<scope>                               type 'people': how many people are in `unique_people` for scope
 * Unique people (collection `unique_people`, _id `<scope>|<personKey>`, firstDay = the China day of the
 * person's first event in that scope): scopes year, year-kind, month, campaign, village (per year),
 * law (per year), code (per year). See shared/reporting/figures.ts for what a date range reports.
 */
import type { Db } from './handler';
import { chinaDay, chinaMonth } from './chinaTime';
import { isDuplicateWrite } from './errors';

/** practice = 每日一练, review = 错题复习 (sessions outside campaign quizzes). */
export type ParticipationKind = 'lesson_read' | 'quiz_attempt' | 'checkin' | 'share' | 'practice' | 'review';
export const NO_CAMPAIGN = 'none';
export const NO_VILLAGE = 'unknown';

export interface ParticipationInput {
  eventId: string;
  kind: ParticipationKind;
  personKey: string;
  campaignId: string | null;
  villageId: string | null;
  /** Law ids of the Civil Code books etc., as in content/laws.yaml. */
  laws: string[];
  at: Date;
  score?: number;
  passed?: boolean;
  durationMs?: number;
}

export interface ParticipationEvent extends Omit<ParticipationInput, 'eventId' | 'campaignId' | 'villageId'> {
  _id: string;
  campaignId: string;
  villageId: string;
  /** Codes that group several laws (民法典) touched by this event, from laws.code when it was recorded. */
  codes: string[];
  day: string;
  month: string;
  year: string;
}

/** law id → its grouping code, for codes shared by two or more laws (民法典 for the Civil Code books). */
export type LawGroups = ReadonlyMap<string, string>;

export function lawGroupsOf(laws: { _id: string; code?: string }[]): Map<string, string> {
  const members = new Map<string, string[]>();
  for (const l of laws) if (l.code) members.set(l.code, [...(members.get(l.code) ?? []), l._id]);
  const out = new Map<string, string>();
  for (const [code, ids] of members) if (ids.length >= 2) for (const id of ids) out.set(id, code);
  return out;
}

let groupsCache: { at: number; value: Promise<LawGroups> } | null = null;
const GROUPS_TTL_MS = 10 * 60 * 1000;
/** The law groups, read from `laws` at most every ten minutes per function instance. */
export function loadLawGroups(db: Db, now = Date.now()): Promise<LawGroups> {
  if (groupsCache && now - groupsCache.at < GROUPS_TTL_MS) return groupsCache.value;
  const value = db
    .collection('laws')
    .field({ _id: true, code: true })
    .limit(1000)
    .get()
    .then((res) => lawGroupsOf(res.data as { _id: string; code?: string }[]) as LawGroups);
  groupsCache = { at: now, value };
  value.catch(() => {
    if (groupsCache?.value === value) groupsCache = null;
  });
  return value;
}

export function toEvent(input: ParticipationInput, groups: LawGroups = new Map()): ParticipationEvent {
  const { eventId, ...rest } = input;
  const day = chinaDay(input.at);
  const laws = [...new Set(input.laws)].sort();
  return {
    ...rest,
    _id: eventId,
    campaignId: input.campaignId ?? NO_CAMPAIGN,
    villageId: input.villageId ?? NO_VILLAGE,
    laws,
    codes: [...new Set(laws.map((l) => groups.get(l)).filter((c): c is string => !!c))].sort(),
    day,
    month: chinaMonth(input.at),
    year: day.slice(0, 4),
  };
}

export type RollupType = 'dim' | 'dim-month' | 'law' | 'law-month' | 'code' | 'code-month';
export interface RollupTarget {
  _id: string;
  fields: { type: RollupType; kind: ParticipationKind; day?: string; month: string; campaignId?: string; villageId?: string; law?: string; code?: string };
}

/** Rollup documents an event adds to: their ids and the dimension fields stored on them. */
export function rollupTargets(e: ParticipationEvent): RollupTarget[] {
  const { day, month, kind } = e;
  const targets: RollupTarget[] = [
    { _id: `d|${day}|${e.campaignId}|${e.villageId}|${kind}`, fields: { type: 'dim', day, month, campaignId: e.campaignId, villageId: e.villageId, kind } },
    { _id: `m|${month}|${e.campaignId}|${e.villageId}|${kind}`, fields: { type: 'dim-month', month, campaignId: e.campaignId, villageId: e.villageId, kind } },
  ];
  for (const law of e.laws) {
    targets.push({ _id: `l|${day}|${law}|${kind}`, fields: { type: 'law', day, month, law, kind } });
    targets.push({ _id: `lm|${month}|${law}|${kind}`, fields: { type: 'law-month', month, law, kind } });
  }
  for (const code of e.codes ?? []) {
    targets.push({ _id: `c|${day}|${code}|${kind}`, fields: { type: 'code', day, month, code, kind } });
    targets.push({ _id: `cm|${month}|${code}|${kind}`, fields: { type: 'code-month', month, code, kind } });
  }
  return targets;
}

/** Unique-people scopes an event belongs to; a person counts once per scope. */
export function peopleScopes(e: ParticipationEvent): string[] {
  const scopes = [
    `year:${e.year}`,
    `year-kind:${e.year}:${e.kind}`,
    `month:${e.month}`,
    `campaign:${e.campaignId}`,
    `village:${e.year}:${e.villageId}`,
  ];
  for (const law of e.laws) scopes.push(`law:${e.year}:${law}`);
  for (const code of e.codes ?? []) scopes.push(`code:${e.year}:${code}`);
  return scopes;
}

/** What one event adds to each of its rollups (the same numbers the recount uses). */
export function rollupAmounts(e: Pick<ParticipationEvent, 'kind' | 'score' | 'passed' | 'durationMs'>): Record<string, number> {
  const init: Record<string, number> = { count: 1 };
  if (e.kind === 'quiz_attempt') Object.assign(init, { scoreSum: e.score ?? 0, passed: e.passed ? 1 : 0, durationSum: e.durationMs ?? 0 });
  return init;
}

function increments(db: Db, e: ParticipationEvent): Record<string, unknown> {
  const _ = db.command;
  const inc: Record<string, unknown> = { count: _.inc(1) };
  if (e.kind === 'quiz_attempt') {
    inc.scoreSum = _.inc(e.score ?? 0);
    inc.passed = _.inc(e.passed ? 1 : 0);
    inc.durationSum = _.inc(e.durationMs ?? 0);
  }
  return inc;
}

/** Atomically add to a counter document, creating it on first use (safe under concurrent creators). */
export async function incrementDoc(db: Db, collection: string, id: string, fields: Record<string, unknown>, inc: Record<string, unknown>, initial: Record<string, number>): Promise<void> {
  const coll = db.collection(collection);
  const res = await coll.where({ _id: id }).update(inc);
  if ((res as { updated?: number }).updated) return;
  try {
    await coll.add({ _id: id, ...fields, ...initial });
  } catch (error) {
    if (!isDuplicateWrite(error)) throw error;
    await coll.where({ _id: id }).update(inc);
  }
}

const initialCounts = rollupAmounts;

/**
 * Records one participation. Returns `counted: false` when the event was already recorded (a retry):
 * in that case nothing is incremented.
 */
export async function recordParticipation(db: Db, input: ParticipationInput): Promise<{ counted: boolean; event: ParticipationEvent }> {
  const event = toEvent(input, await loadLawGroups(db));
  try {
    await db.collection('events').add(event);
  } catch (error) {
    if (isDuplicateWrite(error)) return { counted: false, event };
    throw error;
  }
  await applyEvent(db, event);
  return { counted: true, event };
}

/** Adds a newly stored event to the rollups and unique-people counters. */
export async function applyEvent(db: Db, event: ParticipationEvent): Promise<void> {
  const inc = increments(db, event);
  const init = initialCounts(event);
  await Promise.all(rollupTargets(event).map((t) => incrementDoc(db, 'rollups', t._id, t.fields, inc, init)));
  await Promise.all(
    peopleScopes(event).map(async (scope) => {
      const id = `${scope}|${event.personKey}`;
      try {
        await db.collection('unique_people').add({ _id: id, scope, firstDay: event.day });
      } catch (error) {
        if (!isDuplicateWrite(error)) throw error;
        // An event recorded after its day (a healed retry, a late check-in) may be the person's first in this
        // scope: keep firstDay the earliest day. Same-day events cannot be earlier, so they skip this write.
        if (event.day < chinaDay(new Date())) await db.collection('unique_people').where({ _id: id, firstDay: db.command.gt(event.day) }).update({ firstDay: event.day });
        return;
      }
      await incrementDoc(db, 'rollups', `p|${scope}`, { type: 'people', scope }, { count: db.command.inc(1) }, { count: 1 });
    }),
  );
}
