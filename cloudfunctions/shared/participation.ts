/**
 * Participation counting. Every participation is one event with a deterministic id on a unique key, so a
 * retry or duplicate can never count twice. When an event is new, rollups (day × campaign × village × kind,
 * and day × law × kind) and unique-people counters are incremented atomically; `npm run stats:verify`
 * recounts them from the events.
 */
import type { Db } from './handler';
import { chinaDay, chinaMonth } from './chinaTime';
import { isDuplicateWrite } from './errors';

export type ParticipationKind = 'lesson_read' | 'quiz_attempt' | 'checkin' | 'share';
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
  day: string;
  month: string;
  year: string;
}

export function toEvent(input: ParticipationInput): ParticipationEvent {
  const { eventId, ...rest } = input;
  const day = chinaDay(input.at);
  return {
    ...rest,
    _id: eventId,
    campaignId: input.campaignId ?? NO_CAMPAIGN,
    villageId: input.villageId ?? NO_VILLAGE,
    laws: [...new Set(input.laws)].sort(),
    day,
    month: chinaMonth(input.at),
    year: day.slice(0, 4),
  };
}

/** Rollup documents an event adds to: their ids and the dimension fields stored on them. */
export function rollupTargets(e: ParticipationEvent): { _id: string; fields: Record<string, string> }[] {
  const targets = [
    { _id: `d|${e.day}|${e.campaignId}|${e.villageId}|${e.kind}`, fields: { type: 'dim', day: e.day, month: e.month, campaignId: e.campaignId, villageId: e.villageId, kind: e.kind } },
  ];
  for (const law of e.laws) targets.push({ _id: `l|${e.day}|${law}|${e.kind}`, fields: { type: 'law', day: e.day, month: e.month, law, kind: e.kind } as never });
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
  return scopes;
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

function initialCounts(e: ParticipationEvent): Record<string, number> {
  const init: Record<string, number> = { count: 1 };
  if (e.kind === 'quiz_attempt') Object.assign(init, { scoreSum: e.score ?? 0, passed: e.passed ? 1 : 0, durationSum: e.durationMs ?? 0 });
  return init;
}

/**
 * Records one participation. Returns `counted: false` when the event was already recorded (a retry):
 * in that case nothing is incremented.
 */
export async function recordParticipation(db: Db, input: ParticipationInput): Promise<{ counted: boolean; event: ParticipationEvent }> {
  const event = toEvent(input);
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
      try {
        await db.collection('unique_people').add({ _id: `${scope}|${event.personKey}`, scope, firstDay: event.day });
      } catch (error) {
        if (isDuplicateWrite(error)) return;
        throw error;
      }
      await incrementDoc(db, 'rollups', `p|${scope}`, { type: 'people', scope }, { count: db.command.inc(1) }, { count: 1 });
    }),
  );
}
