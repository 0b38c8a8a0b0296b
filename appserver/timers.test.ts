/**
 * The local environment's timers (appserver/timers.ts) stand in for CloudBase's timer triggers: they run every
 * timer of cloudfunctions/functions.ts at start-up and then every 10 minutes. Here the schedule is injected (the
 * test fires "ten minutes later" itself) and the functions' clock is moved past the sweep's grace period, so a
 * participation a crashed writer left pending is completed by the timer, with no real wait.
 */
import { startLocalEnvironment, type LocalEnvironment } from './localEnvironment';
import { LOCAL_TIMER_INTERVAL_MS, localTimerTriggers, startLocalTimers } from './timers';
import { adminApp } from '../scripts/shared/adminApp';
import { verifyStats } from '../scripts/stats/verifyStats';
import { recordParticipation, setParticipationStepHook } from '../cloudfunctions/shared/participation/record';
import { PENDING_GRACE_MS } from '../cloudfunctions/shared/participation/sweep';
import type { Db } from '../cloudfunctions/shared/handler';
import type { ParticipationEventDoc } from '../cloudfunctions/shared/documents';
import type { ParticipationInput } from '../cloudfunctions/shared/participation/events';

let env: LocalEnvironment;
let db: Db;
const scheduled: { run: () => Promise<void>; ms: number }[] = [];
let cancelled = 0;
const clockBefore = process.env.PUFA_CLOCK_OFFSET_MS;

beforeAll(async () => {
  env = await startLocalEnvironment({
    port: 0,
    dbFile: ':memory:',
    skipContent: true,
    timers: {
      every: (run, ms) => {
        scheduled.push({ run, ms });
        return { cancel: () => void cancelled++ };
      },
    },
  });
  db = adminApp('local', env.localCloudUrl).database() as unknown as Db;
}, 60_000);

afterAll(async () => {
  setParticipationStepHook(null);
  if (clockBefore === undefined) delete process.env.PUFA_CLOCK_OFFSET_MS;
  else process.env.PUFA_CLOCK_OFFSET_MS = clockBefore;
  await env?.close();
});

const event = (id: string): ParticipationInput => ({
  eventId: id,
  kind: 'quiz_attempt',
  personKey: `timer-person-${id}`,
  campaignId: null,
  villageId: null,
  laws: ['xianfa'],
  at: new Date(),
  score: 80,
  passed: true,
  durationMs: 1000,
});

/** Records an event and stops the writer right after the event is stored: nothing counted, nobody retries. */
async function crashAfterStoring(id: string) {
  setParticipationStepHook((step) => {
    if (step === 'event-stored') {
      setParticipationStepHook(null);
      throw new Error('writer killed');
    }
  });
  await expect(recordParticipation(db, event(id))).rejects.toThrow('writer killed');
  setParticipationStepHook(null);
}
const stateOf = async (id: string) => ((await db.collection('events').doc(id).get()).data[0] as ParticipationEventDoc).state;

it('declares the sweep and the calendar as timers, and repeats them every 10 minutes', () => {
  expect(localTimerTriggers().map((t) => `${t.name}/${t.trigger}`)).toEqual(expect.arrayContaining(['reports/sweepParticipation', 'calendar/daily-editions']));
  expect(scheduled.map((s) => s.ms)).toEqual([LOCAL_TIMER_INTERVAL_MS]);
  expect(LOCAL_TIMER_INTERVAL_MS).toBe(10 * 60 * 1000);
});

it('completes a participation a crashed writer left pending, at the next timer run after the grace period', async () => {
  await crashAfterStoring('quiz:timer-crash');
  expect(await stateOf('quiz:timer-crash')).toBe('pending');
  const short = await verifyStats(db);
  expect(short.ok).toBe(false); // the crash really left the counters short

  // The next run inside the grace period leaves it to a writer that may still be alive.
  await scheduled[0]!.run();
  expect(await stateOf('quiz:timer-crash')).toBe('pending');

  // Ten minutes later (the clock moved past the grace period): the timer's sweep completes it.
  process.env.PUFA_CLOCK_OFFSET_MS = String(PENDING_GRACE_MS + 60_000);
  await scheduled[0]!.run();
  expect(await stateOf('quiz:timer-crash')).toBe('applied');
  const after = await verifyStats(db, { now: new Date(Date.now() + PENDING_GRACE_MS + 60_000) });
  expect(after.rollupDiffs).toEqual([]);
  expect(after.peopleDiffs).toEqual([]);
  expect(after.ok).toBe(true);
}, 60_000);

it('a real interval runs the timers again and again, and stop() cancels it', async () => {
  await crashAfterStoring('quiz:timer-interval'); // (the clock is still past the grace period)
  const timers = startLocalTimers({ intervalMs: 30 });
  try {
    for (let i = 0; i < 200 && (await stateOf('quiz:timer-interval')) === 'pending'; i++) await new Promise((r) => setTimeout(r, 25));
    expect(await stateOf('quiz:timer-interval')).toBe('applied');
  } finally {
    await timers.stop();
  }
  expect((await verifyStats(db, { now: new Date(Date.now() + PENDING_GRACE_MS + 60_000) })).ok).toBe(true);
}, 60_000);

it('the environment cancels its schedule when it closes', async () => {
  await env.timers.stop();
  expect(cancelled).toBe(1);
});
