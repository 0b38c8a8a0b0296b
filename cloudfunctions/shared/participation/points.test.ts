/**
 * 学法积分 as an effect of participation events, on a real local cloud: the rules, the daily cap under
 * concurrency, the same work recorded many times at once, and a writer stopped at every step boundary and then
 * completed by a retry or the sweep — each time the stored days and items equal a recount from the events.
 * Streaks count China days (midnight in China, not UTC), a missed day, and a first day.
 */
import { startTestCloud, type TestCloud } from '../../../localcloud/testkit';
import { collections } from '../collections';
import type { Db } from '../handler';
import type { ParticipationEventDoc, PointsDayDoc, PointsItemDoc } from '../documents';
import { readAll } from '../database';
import { chinaDay } from '../../contracts/time';
import { toEvent, type ParticipationInput } from './events';
import { recordParticipation, setParticipationStepHook } from './record';
import { sweepParticipation, PENDING_GRACE_MS, SETTLE_AFTER_MS } from './sweep';
import { diffPoints, pointItemsOf, PointsRecount, streakOf, summarize } from './points';

let t: TestCloud;
let db: Db;

beforeAll(async () => {
  t = await startTestCloud({ collections });
  db = t.db;
});
afterAll(async () => {
  setParticipationStepHook(null);
  await t.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** `hh:mm` China time on a China day. */
const at = (day: string, hhmm = '10:00') => new Date(`${day}T${hhmm}:00+08:00`);

const read = (person: string, lessonId: string, when: Date): ParticipationInput => ({ eventId: `read:${person}:${lessonId}`, kind: 'lesson_read', personKey: person, campaignId: null, villageId: null, laws: ['xianfa'], at: when, lessonId });
const quiz = (person: string, id: string, campaignId: string, passed: boolean, when: Date): ParticipationInput => ({
  eventId: `quiz:${id}`, kind: 'quiz_attempt', personKey: person, campaignId, villageId: null, laws: ['xianfa'], at: when, score: passed ? 80 : 20, passed, durationMs: 1000,
});
const study = (person: string, kind: 'practice' | 'review', id: string, mastered: string[], when: Date): ParticipationInput => ({
  eventId: `${kind}:${id}`, kind, personKey: person, campaignId: null, villageId: null, laws: ['xianfa'], at: when, score: 100, masteredQuestionIds: mastered,
});
const checkin = (person: string, eventId: string, when: Date): ParticipationInput => ({ eventId: `checkin:${eventId}:${person}`, kind: 'checkin', personKey: person, campaignId: null, villageId: null, laws: [], at: when, offlineEventId: eventId });
const share = (person: string, id: string, when: Date): ParticipationInput => ({ eventId: `share:${id}`, kind: 'share', personKey: person, campaignId: null, villageId: null, laws: [], at: when });

/** Differences between the stored points and a recount of every stored event (none when the writer is right). */
async function pointsDifferences() {
  const recount = new PointsRecount();
  for (const e of await readAll(db, 'events')) recount.add(e as ParticipationEventDoc);
  return diffPoints(recount, await readAll(db, 'points_days'), await readAll(db, 'points_items'));
}
async function dayOf(person: string, day: string): Promise<PointsDayDoc | undefined> {
  return (await db.collection('points_days').doc(`${person}|${day}`).get()).data[0] as PointsDayDoc | undefined;
}
async function summaryOf(person: string, today: string) {
  return summarize(await readAll<'points_days', PointsDayDoc>(db, 'points_days', { personKey: person }), today);
}

describe('the rules', () => {
  it('awards each kind of learning by its rule, and nothing for a share', () => {
    const items = (input: ParticipationInput) => pointItemsOf(toEvent(input)).map((i) => `${i.key}=${i.points}`);
    const when = at('2030-05-01');
    expect(items(read('p', 'l1', when))).toEqual(['read|l1=1']);
    expect(items(quiz('p', 'a1', 'c1', true, when))).toEqual(['pass|c1|2030-05-01=5']);
    expect(items(quiz('p', 'a2', 'c1', false, when))).toEqual([]);
    expect(items(study('p', 'practice', 's1', ['q2', 'q1'], when))).toEqual(['practice|practice:s1=2', 'mastered|q1|2030-05-01=1', 'mastered|q2|2030-05-01=1']);
    expect(items(study('p', 'review', 's2', ['q3'], when))).toEqual(['mastered|q3|2030-05-01=1']);
    expect(items(checkin('p', 'ev1', when))).toEqual(['checkin|ev1=5']);
    expect(items(share('p', 'x', when))).toEqual([]);
  });

  it('gives the points of each kind once, the quiz pass once per campaign and day, and no day for a share', async () => {
    const p = 'rules-person';
    const day = '2030-05-02';
    await recordParticipation(db, read(p, 'l1', at(day, '08:00')));
    await recordParticipation(db, quiz(p, 'r-a1', 'c1', true, at(day, '09:00')));
    await recordParticipation(db, quiz(p, 'r-a2', 'c1', true, at(day, '09:30'))); // same campaign, same day: nothing more
    await recordParticipation(db, quiz(p, 'r-a3', 'c2', true, at(day, '09:40'))); // another campaign: +5
    await recordParticipation(db, quiz(p, 'r-a4', 'c1', true, at('2030-05-03', '09:00'))); // the next day: +5 again
    await recordParticipation(db, study(p, 'practice', 'r-s1', ['q1'], at(day, '10:00')));
    await recordParticipation(db, study(p, 'review', 'r-s2', ['q1', 'q2'], at(day, '11:00'))); // q1 mastered already today: only q2
    await recordParticipation(db, checkin(p, 'ev1', at(day, '12:00')));
    await recordParticipation(db, share(p, 'r-sh', at('2030-05-04')));
    expect((await dayOf(p, day))!.earned).toBe(1 + 5 + 5 + 2 + 1 + 1 + 5);
    expect((await dayOf(p, day))!.events).toBe(7);
    expect((await dayOf(p, '2030-05-03'))!.earned).toBe(5);
    expect(await dayOf(p, '2030-05-04')).toBeUndefined();
    expect(await summaryOf(p, '2030-05-04')).toEqual({ today: '2030-05-04', total: 25, todayPoints: 0, cap: 30, streak: 2, learnedToday: false });
    expect(await pointsDifferences()).toEqual([]);
  });
});

describe('exactly once', () => {
  it('adds the points of the same work once: three retries and 20 concurrent submits', async () => {
    const p = 'once-person';
    const day = '2030-06-01';
    const input = quiz(p, 'once-a1', 'c1', true, at(day));
    for (let i = 0; i < 3; i++) await recordParticipation(db, input);
    await Promise.all(Array.from({ length: 20 }, () => recordParticipation(db, input)));
    // Twenty different passing attempts of the same campaign on the same day, at once: still one +5.
    await Promise.all(Array.from({ length: 20 }, (_x, i) => recordParticipation(db, quiz(p, `once-b${i}`, 'c1', true, at(day, '11:00')))));
    await Promise.all(Array.from({ length: 20 }, () => recordParticipation(db, read(p, 'l-once', at(day, '12:00')))));
    const d = (await dayOf(p, day))!;
    expect(d.earned).toBe(5 + 1);
    expect(d.events).toBe(1 + 20 + 1);
    const items = await readAll<'points_items', PointsItemDoc>(db, 'points_items', { personKey: p });
    expect(items.map((i) => i.key).sort()).toEqual([`pass|c1|${day}`, 'read|l-once']);
    expect(await pointsDifferences()).toEqual([]);
  });

  it('keeps the daily cap exact when 40 earning events land at once, and a recount agrees', async () => {
    const p = 'cap-person';
    const day = '2030-06-02';
    const inputs = [
      ...Array.from({ length: 20 }, (_x, i) => read(p, `cap-l${i}`, at(day, '09:00'))),
      ...Array.from({ length: 10 }, (_x, i) => quiz(p, `cap-a${i}`, `cap-c${i}`, true, at(day, '10:00'))),
      ...Array.from({ length: 10 }, (_x, i) => checkin(p, `cap-ev${i}`, at(day, '11:00'))),
    ];
    await Promise.all(inputs.map((input) => recordParticipation(db, input)));
    await Promise.all(inputs.map((input) => recordParticipation(db, input))); // and each retried at once
    expect((await dayOf(p, day))!.earned).toBe(20 + 50 + 50);
    const s = await summaryOf(p, day);
    expect(s.todayPoints).toBe(30);
    expect(s.total).toBe(30);
    expect(await pointsDifferences()).toEqual([]);
  });
});

describe('crash safety', () => {
  it('leaves the points right after a stop at any step boundary and a retry or a sweep', async () => {
    const day = '2030-07-01';
    // A new person each time, so every write passes the same boundaries (the first in each people scope).
    const inputOf = (k: number) => study(`crash-${k}`, 'practice', `crash-s${k}`, [`cq${k}a`, `cq${k}b`], at(day, '10:00'));
    // The boundaries of one uninterrupted write, points included.
    const steps: string[] = [];
    setParticipationStepHook((s) => steps.push(s));
    await recordParticipation(db, inputOf(100));
    setParticipationStepHook(null);
    expect(steps.filter((s) => s.startsWith('points-'))).toEqual(expect.arrayContaining(['points-item:practice|practice:crash-s100', 'points-day']));
    let shortAfterStop = 0;
    setParticipationStepHook(null);
    for (let k = 0; k < steps.length; k++) {
      const input = inputOf(k);
      let calls = 0;
      setParticipationStepHook(() => {
        if (calls++ === k) {
          setParticipationStepHook(null);
          throw new Error(`stopped at boundary ${k}`);
        }
      });
      await expect(recordParticipation(db, input)).rejects.toThrow(`stopped at boundary ${k}`);
      setParticipationStepHook(null);
      await sleep(20); // effects already in flight land, as in a dying process's last moments
      if ((await pointsDifferences()).length > 0) shortAfterStop++;
      if (k % 2 === 0) expect((await recordParticipation(db, input)).counted).toBe(false);
      else expect((await sweepParticipation(db, new Date(Date.now() + PENDING_GRACE_MS + 1000))).completed).toBe(1);
      expect(await pointsDifferences()).toEqual([]);
      await recordParticipation(db, input);
      await sweepParticipation(db, new Date(Date.now() + PENDING_GRACE_MS + 1000));
      expect(await pointsDifferences()).toEqual([]);
    }
    // The stops were real: the points were short until the retry or the sweep (the last boundaries come after
    // the points are stored).
    expect(shortAfterStop).toBeGreaterThan(steps.indexOf('points-day') / 2);
    for (let k = 0; k < steps.length; k++) expect(await dayOf(`crash-${k}`, day)).toMatchObject({ earned: 4, events: 1 });
    // Settling empties the days' `unsettled` lists and changes no figure.
    await sweepParticipation(db, new Date(Date.now() + SETTLE_AFTER_MS + 60_000));
    expect((await readAll<'points_days', PointsDayDoc>(db, 'points_days', { day })).filter((d) => (d.unsettled ?? []).length > 0)).toEqual([]);
    expect(await pointsDifferences()).toEqual([]);
  }, 120_000);

  it('reports a damaged day or a lost item (the check can fail)', async () => {
    const p = 'damage-person';
    await recordParticipation(db, read(p, 'dl1', at('2030-08-01')));
    await recordParticipation(db, read(p, 'dl2', at('2030-08-01')));
    await db.collection('points_days').doc(`${p}|2030-08-01`).update({ earned: 7 });
    await db.collection('points_items').doc(`${p}|read|dl2`).remove();
    const diffs = await pointsDifferences();
    expect(diffs.map((d) => [d.collection, d.id, d.problem])).toEqual([
      ['points_days', `${p}|2030-08-01`, 'different'],
      ['points_items', `${p}|read|dl2`, 'missing'],
    ]);
    await db.collection('points_days').doc(`${p}|2030-08-01`).update({ earned: 2 });
    await db.collection('points_items').add({ _id: `${p}|read|dl2`, personKey: p, key: 'read|dl2', day: '2030-08-01', rule: 'read', points: 1, subject: 'dl2', eventId: `read:${p}:dl2` });
    expect(await pointsDifferences()).toEqual([]);
  });
});

describe('streaks', () => {
  it('counts China days: 23:59 and 00:01 in China are two days (the same UTC day)', async () => {
    const p = 'streak-midnight';
    const late = at('2030-09-01', '23:59');
    const early = at('2030-09-02', '00:01');
    expect(late.toISOString().slice(0, 10)).toBe(early.toISOString().slice(0, 10));
    await recordParticipation(db, read(p, 'm1', late));
    expect((await summaryOf(p, '2030-09-01')).streak).toBe(1);
    // Just after midnight, before learning anything: the streak goes on (yesterday counts) until today ends.
    expect(await summaryOf(p, chinaDay(early))).toMatchObject({ streak: 1, learnedToday: false, todayPoints: 0 });
    await recordParticipation(db, read(p, 'm2', early));
    expect(await summaryOf(p, '2030-09-02')).toMatchObject({ streak: 2, learnedToday: true, todayPoints: 1, total: 2 });
  });

  it('starts again after a missed day; a first day is 1; nobody yet is 0', async () => {
    const p = 'streak-missed';
    expect(await summaryOf(p, '2030-10-01')).toEqual({ today: '2030-10-01', total: 0, todayPoints: 0, cap: 30, streak: 0, learnedToday: false });
    await recordParticipation(db, study(p, 'review', 'sm1', [], at('2030-10-01'))); // learning that earns nothing still counts
    expect(await summaryOf(p, '2030-10-01')).toMatchObject({ streak: 1, learnedToday: true, total: 0 });
    await recordParticipation(db, read(p, 'sm2', at('2030-10-02')));
    expect((await summaryOf(p, '2030-10-02')).streak).toBe(2);
    // 10-03 missed: on 10-04 the streak is gone, and learning makes it 1 again.
    expect((await summaryOf(p, '2030-10-04')).streak).toBe(0);
    await recordParticipation(db, quiz(p, 'sm3', 'c1', false, at('2030-10-04')));
    expect(await summaryOf(p, '2030-10-04')).toMatchObject({ streak: 1, total: 1 });
    // A share is not learning: it keeps no streak.
    await recordParticipation(db, share(p, 'sm4', at('2030-10-05')));
    expect((await summaryOf(p, '2030-10-06')).streak).toBe(0);
  });

  it('streakOf: a run ending today or yesterday', () => {
    expect(streakOf(['2030-01-01', '2030-01-02', '2030-01-03'], '2030-01-03')).toBe(3);
    expect(streakOf(['2030-01-01', '2030-01-02', '2030-01-03'], '2030-01-04')).toBe(3);
    expect(streakOf(['2030-01-01', '2030-01-02', '2030-01-03'], '2030-01-05')).toBe(0);
    expect(streakOf(['2029-12-31', '2030-01-02', '2030-01-03'], '2030-01-03')).toBe(2);
    expect(streakOf(['2030-02-28', '2030-03-01'], '2030-03-01')).toBe(2);
    expect(streakOf([], '2030-03-01')).toBe(0);
  });
});
