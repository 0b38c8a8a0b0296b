/**
 * Crash safety of recording participation: a hook stops the writer at every step boundary in turn; a retry
 * (even boundaries) or the sweep (odd ones) must then leave exactly what an uninterrupted writer leaves —
 * the rollups, people counters, unique-people documents and question statistics recounted from the inputs.
 */
import { startTestCloud, type TestCloud } from '../../../localcloud/testkit';
import { collections } from '../collections';
import type { Db } from '../handler';
import type { QuestionStatDoc, RollupDoc, UniquePersonDoc, ParticipationEventDoc } from '../documents';
import { readAll } from '../database';
import { toEvent, type ParticipationInput } from './events';
import { recordParticipation, setParticipationStepHook } from './record';
import { diffRollups, Recount } from './recount';
import { QUESTION_FIELDS, QuestionRecount } from './questionStats';
import { sweepParticipation, PENDING_GRACE_MS, SETTLE_AFTER_MS } from './sweep';
import { lawGroupsOf } from '../laws';

let t: TestCloud;
let db: Db;
const LAWS = [
  { _id: 'minfadian-3-hetong', code: '民法典', shortName: '合同编' },
  { _id: 'minfadian-2-wuquan', code: '民法典', shortName: '物权编' },
  { _id: 'xianfa', code: '宪法', shortName: '宪法' },
];

beforeAll(async () => {
  t = await startTestCloud({ collections });
  db = t.db;
  await db.collection('laws').add(LAWS);
});
afterAll(async () => {
  setParticipationStepHook(null);
  await t.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function quiz(i: number): { input: ParticipationInput; items: { questionId: string; points: number }[] } {
  const score = [40, 60, 80, 100][i % 4];
  return {
    input: {
      eventId: `quiz:fault-${i}`,
      kind: 'quiz_attempt',
      personKey: `person-${i}`,
      campaignId: i % 2 ? 'c1' : null,
      villageId: i % 4 ? 'v01' : null,
      laws: i % 2 ? ['minfadian-3-hetong', 'minfadian-2-wuquan'] : ['xianfa'],
      at: new Date(Date.UTC(2026, 2, 1 + (i % 5), 2)),
      score,
      passed: score >= 60,
      durationMs: 1000 + i,
    },
    items: [
      { questionId: 'q1', points: i % 2 },
      { questionId: `q${2 + (i % 3)}`, points: 1 },
    ],
  };
}

async function differences(inputs: ReturnType<typeof quiz>[]) {
  const recount = new Recount();
  const questions = new QuestionRecount();
  const groups = lawGroupsOf(LAWS);
  for (const q of inputs) {
    recount.add(toEvent(q.input, groups));
    questions.add({ score: q.input.score!, items: q.items });
  }
  const rollups = diffRollups(recount.allRollups(), await readAll(db, 'rollups'));
  const people = (await readAll(db, 'unique_people')).map((p: UniquePersonDoc) => `${p._id}@${p.firstDay}`).sort();
  const expectedPeople = [...recount.people.values()].map((p) => `${p._id}@${p.firstDay}`).sort();
  const stats = await readAll(db, 'question_stats');
  const statDiffs = stats.filter((s: QuestionStatDoc) => QUESTION_FIELDS.some((f) => (s[f] ?? 0) !== (questions.stats.get(s._id)?.[f] ?? 0)));
  return { rollups, peopleEqual: JSON.stringify(people) === JSON.stringify(expectedPeople), statDiffs, statCount: stats.length, expectedStatCount: questions.stats.size };
}

it('leaves no difference after a stop at any step boundary and a retry or a sweep', async () => {
  // The boundaries of one uninterrupted write.
  const steps: string[] = [];
  setParticipationStepHook((s) => steps.push(s));
  const clean = quiz(100);
  await recordParticipation(db, clean.input, { questionStats: { score: clean.input.score!, items: clean.items } });
  setParticipationStepHook(null);
  expect(steps.length).toBeGreaterThanOrEqual(20);
  expect(steps[0]).toBe('event-stored');
  expect(steps[steps.length - 1]).toBe('effects-applied');

  const done = [clean];
  let shortAfterStop = 0;
  for (let k = 0; k < steps.length; k++) {
    const q = quiz(k);
    let calls = 0;
    setParticipationStepHook(() => {
      if (calls++ === k) {
        setParticipationStepHook(null);
        throw new Error(`stopped at boundary ${k}`);
      }
    });
    await expect(recordParticipation(db, q.input, { questionStats: { score: q.input.score!, items: q.items } })).rejects.toThrow(`stopped at boundary ${k}`);
    setParticipationStepHook(null);
    await sleep(20); // let the effects already in flight land, as they would in a dying process's last moments
    const stored = (await db.collection('events').doc(q.input.eventId).get()).data[0] as ParticipationEventDoc;
    expect(stored.state).toBe('pending');
    done.push(q);
    if ((await differences(done)).rollups.length > 0) shortAfterStop++;
    if (k % 2 === 0) {
      const retry = await recordParticipation(db, q.input, { questionStats: { score: q.input.score!, items: q.items } });
      expect(retry.counted).toBe(false);
    } else {
      // Nobody retries: a sweep run after the grace period completes it; one inside the grace leaves it alone.
      expect((await sweepParticipation(db, new Date())).completed).toBe(0);
      expect((await sweepParticipation(db, new Date(Date.now() + PENDING_GRACE_MS + 1000))).completed).toBe(1);
    }
    const d = await differences(done);
    expect(d.rollups).toEqual([]);
    expect(d.peopleEqual).toBe(true);
    expect(d.statDiffs).toEqual([]);
    expect(d.statCount).toBe(d.expectedStatCount);
    // A second retry and a second sweep change nothing.
    await recordParticipation(db, q.input, { questionStats: { score: q.input.score!, items: q.items } });
    await sweepParticipation(db, new Date(Date.now() + PENDING_GRACE_MS + 1000));
    expect((await differences(done)).rollups).toEqual([]);
  }
  // The stops were real: most of them left the counters short until the retry or the sweep.
  expect(shortAfterStop).toBeGreaterThan(steps.length / 2);

  // Later sweeps settle every event and empty the `unsettled` lists; the figures stay the same.
  await sweepParticipation(db, new Date(Date.now() + SETTLE_AFTER_MS + 60_000));
  const events = await readAll(db, 'events');
  expect(events.map((e: ParticipationEventDoc) => e.state)).toEqual(events.map(() => 'settled'));
  expect((await readAll(db, 'rollups')).filter((r: RollupDoc) => (r.unsettled ?? []).length > 0)).toEqual([]);
  expect((await differences(done)).rollups).toEqual([]);
}, 120_000);

it('applies one event once when a retry and the sweep complete it at the same time', async () => {
  const q = quiz(7);
  q.input.eventId = 'quiz:race';
  q.input.personKey = 'person-race';
  let calls = 0;
  setParticipationStepHook(() => {
    if (calls++ === 0) {
      setParticipationStepHook(null);
      throw new Error('stopped');
    }
  });
  await expect(recordParticipation(db, q.input, { questionStats: { score: q.input.score!, items: q.items } })).rejects.toThrow('stopped');
  const before = ((await db.collection('rollups').doc('p|year:2026').get()).data[0] as RollupDoc).count;
  const beforeQ = ((await db.collection('question_stats').doc('q1').get()).data[0] as QuestionStatDoc).answered!;
  await Promise.all([
    recordParticipation(db, q.input, { questionStats: { score: q.input.score!, items: q.items } }),
    recordParticipation(db, q.input, { questionStats: { score: q.input.score!, items: q.items } }),
    sweepParticipation(db, new Date(Date.now() + PENDING_GRACE_MS + 1000)),
  ]);
  expect(((await db.collection('rollups').doc('p|year:2026').get()).data[0] as RollupDoc).count).toBe(before + 1);
  expect(((await db.collection('question_stats').doc('q1').get()).data[0] as QuestionStatDoc).answered).toBe(beforeQ + 1);
  expect(((await db.collection('events').doc('quiz:race').get()).data[0] as ParticipationEventDoc).state).toBe('applied');
});
