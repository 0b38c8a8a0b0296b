/**
 * Recording participation, exactly once even when the writer dies at any step.
 *
 * Every participation is one event with a deterministic id (a retry or duplicate can never store two). What the
 * event adds — its rollups, its unique-people documents and their counters, and for a quiz the statistics of
 * each question — are its *effects*. The event is stored first with `state: 'pending'`; each effect is then
 * applied by one atomic, conditional update of its target document that also records the event id in the
 * target's `unsettled` list (`where: unsettled ≠ id`), so applying an effect twice changes nothing. When every
 * effect is applied the event becomes `applied`. Whoever finds the event pending completes it: a retry of the
 * same action (recordParticipation finds the stored event), or the sweep (sweep.ts, a timer) for events nobody
 * retried. Once an event has been applied for longer than any function can run, the sweep removes its id from
 * the targets' `unsettled` lists (`settled`), which keeps them short.
 *
 * 学法积分 are effects too (points.ts): the event's items are stored once per person and key, then the points of
 * the items this event stored are added to the person's day, once.
 *
 * Step boundaries (where a test hook may stop the writer): after the event is stored, after each effect, and
 * before the event is marked applied. `npm run stats:verify` recounts everything from the events.
 */
import type { Db } from '../handler';
import type { ParticipationEventDoc, PointsItemDoc, UniquePersonDoc } from '../documents';
import { isDuplicateWrite } from '../errors';
import { getDoc, incOf, updatedCount } from '../database';
import { loadLawGroups } from '../laws';
import { peopleScopes, rollupAmounts, rollupTargets, toEvent, type ParticipationEvent, type ParticipationInput } from './events';
import { rollupKey, uniquePersonId } from './keys';
import { questionStatAmounts, type GradedAttempt } from './questionStats';
import { isLearning, pointItemsOf, pointsDayId, pointsItemId } from './points';

/** The writer's step boundaries, for fault-injection tests: a hook that throws there stops the writer. */
let stepHook: ((step: string) => void) | null = null;
export function setParticipationStepHook(hook: ((step: string) => void) | null): void {
  stepHook = hook;
}
const step = (name: string) => stepHook?.(name);

export interface RecordOptions {
  /** A graded quiz attempt: its questions' statistics are effects of the event too. */
  questionStats?: GradedAttempt;
}

/**
 * Records one participation. `counted` is true when this call stored the event (false for a retry or a duplicate:
 * then nothing is counted again, but whatever a crashed writer left pending is completed).
 */
export async function recordParticipation(db: Db, input: ParticipationInput, options: RecordOptions = {}): Promise<{ counted: boolean; event: ParticipationEvent }> {
  const fresh: ParticipationEvent = { ...toEvent(input, await loadLawGroups(db)), state: 'pending', recordedAt: new Date() };
  if (options.questionStats) fresh.questionItems = options.questionStats.items.map((i) => ({ questionId: i.questionId, points: i.points }));
  try {
    await db.collection('events').add(fresh);
  } catch (error) {
    if (!isDuplicateWrite(error)) throw error;
    const stored = await getDoc(db, 'events', fresh._id);
    if (stored && stored.state === 'pending') await applyEvent(db, stored);
    return { counted: false, event: stored ?? fresh };
  }
  step('event-stored');
  await applyEvent(db, fresh);
  return { counted: true, event: fresh };
}

/**
 * Adds `amounts` to a counter document once per event: creates it on first use, and skips the update when the
 * event id is already in its `unsettled` list (the effect was applied before a crash).
 */
async function applyOnce(db: Db, collection: string, id: string, fields: Record<string, unknown>, amounts: Record<string, number>, eventId: string): Promise<void> {
  const coll = db.collection(collection);
  const _ = db.command;
  const apply = async () => updatedCount(await coll.where({ _id: id, unsettled: _.neq(eventId) }).update({ ...incOf(db, amounts), unsettled: _.push(eventId) }));
  for (let tries = 0; tries < 5; tries++) {
    if (await apply()) return;
    const doc = (await getDoc(db, collection, id)) as { unsettled?: string[] } | null;
    if (doc && (doc.unsettled ?? []).includes(eventId)) return; // applied before (a crash, a concurrent retry)
    if (doc) continue; // created by another event meanwhile: update it
    try {
      await coll.add({ _id: id, ...fields, ...amounts, unsettled: [eventId] });
      return;
    } catch (error) {
      if (!isDuplicateWrite(error)) throw error; // created meanwhile: update it
    }
  }
  throw new Error(`could not apply ${eventId} to ${collection}/${id}`);
}

/** One person in one scope: the unique-people document, then (if this event made it) the scope's counter. */
async function applyPerson(db: Db, event: ParticipationEventDoc, scope: string): Promise<void> {
  const id = uniquePersonId(scope, event.personKey);
  const people = db.collection('unique_people');
  let doc: UniquePersonDoc | null = { _id: id, scope, firstDay: event.day, by: event._id, counted: false };
  try {
    await people.add(doc);
  } catch (error) {
    if (!isDuplicateWrite(error)) throw error;
    doc = await getDoc(db, 'unique_people', id);
    if (!doc) throw error;
    // An event recorded after its day (a completed retry, a late check-in) may be the person's first in this
    // scope: keep firstDay the earliest day.
    if (event.day < doc.firstDay) await people.where({ _id: id, firstDay: db.command.gt(event.day) }).update({ firstDay: event.day });
    // Someone else's document (or this event's, already counted): nothing more to add.
    if (doc.by !== event._id || doc.counted !== false) return;
  }
  step(`person:${scope}`);
  await applyOnce(db, 'rollups', rollupKey.people(scope), { type: 'people', scope }, { count: 1 }, event._id);
  step(`people-counter:${scope}`);
  await people.doc(id).update({ counted: true });
}

/** Applies whatever of a stored event is not applied yet, then marks it applied (idempotent). */
export async function applyEvent(db: Db, event: ParticipationEventDoc): Promise<void> {
  const amounts = rollupAmounts(event);
  await Promise.all(
    rollupTargets(event).map(async (t) => {
      await applyOnce(db, 'rollups', t._id, t.fields, amounts, event._id);
      step(`rollup:${t._id}`);
    }),
  );
  await Promise.all(peopleScopes(event).map((scope) => applyPerson(db, event, scope)));
  await Promise.all(
    (event.questionItems ?? []).map(async (item) => {
      await applyOnce(db, 'question_stats', item.questionId, { questionId: item.questionId }, questionStatAmounts(event.score ?? 0, item.points) as Record<string, number>, event._id);
      step(`question:${item.questionId}`);
    }),
  );
  await applyPoints(db, event);
  step('effects-applied');
  await db.collection('events').where({ _id: event._id, state: 'pending' }).update({ state: 'applied', appliedAt: new Date() });
}

/**
 * The event's 学法积分: stores each of its items unless the key is claimed already, then adds the points of the
 * items this event holds (stored now, or before a crash) to the person's day, once. A learning event that
 * earns nothing still marks the day (the streak).
 */
async function applyPoints(db: Db, event: ParticipationEventDoc): Promise<void> {
  if (!isLearning(event)) return;
  const held = await Promise.all(
    pointItemsOf(event).map(async (i) => {
      const doc: PointsItemDoc = { _id: pointsItemId(event.personKey, i.key), personKey: event.personKey, key: i.key, day: event.day, rule: i.rule, points: i.points, subject: i.subject, eventId: event._id };
      try {
        await db.collection('points_items').add(doc);
      } catch (error) {
        if (!isDuplicateWrite(error)) throw error;
        const stored = await getDoc(db, 'points_items', doc._id);
        if (!stored) throw error;
        if (stored.eventId !== event._id) return 0; // another event earned it
      }
      step(`points-item:${i.key}`);
      return i.points;
    }),
  );
  const earned = held.reduce((s, n) => s + n, 0);
  await applyOnce(db, 'points_days', pointsDayId(event.personKey, event.day), { personKey: event.personKey, day: event.day }, { earned, events: 1 }, event._id);
  step('points-day');
}

/** Every target document whose `unsettled` list may hold this event's id. */
export function effectTargets(event: ParticipationEventDoc): { collection: string; id: string }[] {
  return [
    ...rollupTargets(event).map((t) => ({ collection: 'rollups', id: t._id })),
    ...peopleScopes(event).map((scope) => ({ collection: 'rollups', id: rollupKey.people(scope) })),
    ...(event.questionItems ?? []).map((i) => ({ collection: 'question_stats', id: i.questionId })),
    ...(isLearning(event) ? [{ collection: 'points_days', id: pointsDayId(event.personKey, event.day) }] : []),
  ];
}

/** Removes a long-applied event's id from its targets' `unsettled` lists, then marks it settled. */
export async function settleEvent(db: Db, event: ParticipationEventDoc): Promise<void> {
  const _ = db.command;
  await Promise.all(effectTargets(event).map((t) => db.collection(t.collection).where({ _id: t.id, unsettled: event._id }).update({ unsettled: _.pull(event._id) })));
  await db.collection('events').where({ _id: event._id, state: 'applied' }).update({ state: 'settled' });
}
