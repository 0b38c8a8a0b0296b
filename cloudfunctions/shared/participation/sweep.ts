/**
 * The sweep: completes participation events nobody retried (a writer that died after storing the event and
 * before applying all of its effects) and settles events applied long enough ago (record.ts). Run by a timer:
 * in the cloud the `reports` function's trigger (cloudfunctions/functions.ts), locally the local environment's
 * timer (appserver/localEnvironment.ts). Idempotent: two sweeps at once, or a sweep and a retry, apply nothing twice.
 */
import type { Db } from '../handler';
import type { ParticipationEventDoc } from '../documents';
import { applyEvent, settleEvent } from './record';

/** A pending event younger than this may still be in its writer's hands (longer than any function's timeout). */
export const PENDING_GRACE_MS = 2 * 60 * 1000;
/** An applied event is settled after this: no retry that saw it pending can still be running. */
export const SETTLE_AFTER_MS = 10 * 60 * 1000;
const BATCH = 100;

export interface SweepResult {
  completed: number;
  settled: number;
}

async function batch(db: Db, state: 'pending' | 'applied', field: 'recordedAt' | 'appliedAt', before: Date): Promise<ParticipationEventDoc[]> {
  const _ = db.command;
  const res = await db.collection('events').where({ state, [field]: _.lt(before) }).orderBy(field, 'asc').limit(BATCH).get();
  return (res.data ?? []) as ParticipationEventDoc[];
}

/** Sweeps until nothing is left or `budgetMs` is spent (the next run continues). */
export async function sweepParticipation(db: Db, now = new Date(), budgetMs = 20_000): Promise<SweepResult> {
  const started = Date.now();
  const out: SweepResult = { completed: 0, settled: 0 };
  const pendingBefore = new Date(now.getTime() - PENDING_GRACE_MS);
  for (;;) {
    const events = await batch(db, 'pending', 'recordedAt', pendingBefore);
    for (const e of events) await applyEvent(db, e);
    out.completed += events.length;
    if (events.length < BATCH || Date.now() - started > budgetMs) break;
  }
  const settleBefore = new Date(now.getTime() - SETTLE_AFTER_MS);
  for (;;) {
    const events = await batch(db, 'applied', 'appliedAt', settleBefore);
    await Promise.all(events.map((e) => settleEvent(db, e)));
    out.settled += events.length;
    if (events.length < BATCH || Date.now() - started > budgetMs) break;
  }
  return out;
}
