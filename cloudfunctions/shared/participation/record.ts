/**
 * Recording participation. Every participation is one event with a deterministic id on a unique key, so a
 * retry or duplicate can never count twice. When an event is new, rollups and unique-people counters are
 * incremented atomically; `npm run stats:verify` recounts them from the events (recount.ts) and can rebuild them.
 */
import type { Db } from '../handler';
import { chinaDay } from '../../contracts/time';
import { isDuplicateWrite } from '../errors';
import { incOf, incrementDoc } from '../database';
import { loadLawGroups } from '../laws';
import { peopleScopes, rollupAmounts, rollupTargets, toEvent, type ParticipationEvent, type ParticipationInput } from './events';
import { rollupKey, uniquePersonId } from './keys';

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
  const amounts = rollupAmounts(event);
  const inc = incOf(db, amounts);
  await Promise.all(rollupTargets(event).map((t) => incrementDoc(db, 'rollups', t._id, t.fields, inc, amounts)));
  await Promise.all(
    peopleScopes(event).map(async (scope) => {
      const id = uniquePersonId(scope, event.personKey);
      try {
        await db.collection('unique_people').add({ _id: id, scope, firstDay: event.day });
      } catch (error) {
        if (!isDuplicateWrite(error)) throw error;
        // An event recorded after its day (a healed retry, a late check-in) may be the person's first in this
        // scope: keep firstDay the earliest day. Same-day events cannot be earlier, so they skip this write.
        if (event.day < chinaDay(new Date())) await db.collection('unique_people').where({ _id: id, firstDay: db.command.gt(event.day) }).update({ firstDay: event.day });
        return;
      }
      await incrementDoc(db, 'rollups', rollupKey.people(scope), { type: 'people', scope }, { count: db.command.inc(1) }, { count: 1 });
    }),
  );
}
