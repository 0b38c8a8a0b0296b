/**
 * 学法积分 end to end: real SDK → local cloud through the local app server, the functions' clock moved across
 * China days (PUFA_CLOCK_OFFSET_MS, honoured on the local cloud only). Points come from what the resident did
 * (never from the client), once per piece of work however often it is sent, capped per China day, shown in
 * 积分明细 with what the cap cut, and equal to a recount (`stats:verify`).
 */
import { startLocalEnvironment, type LocalEnvironment } from '../../appserver/localEnvironment';
import { adminApp } from '../../scripts/shared/adminApp';
import { HttpResident, testId } from '../../scripts/testing/residentClient';
import { verifyStats } from '../../scripts/stats/verifyStats';
import { displayedAnswer, type DrawnQuestion, type StoredQuestion } from '../shared/quiz/quizEngine';
import { addDays } from '../contracts/time';
import type { Db } from '../shared/handler';
import type { PointsLedger, PointsSummary } from '../contracts/points';

let env: LocalEnvironment;
let db: Db;
let lessons: string[];

const DAY1 = '2030-04-10';
/** Moves the functions' clock to `hh:mm` China time on day `n` (day 1 = DAY1). */
function setClock(n: number, hhmm = '10:00') {
  const target = Date.parse(`${addDays(DAY1, n - 1)}T${hhmm}:00+08:00`);
  process.env.PUFA_CLOCK_OFFSET_MS = String(target - Date.now());
}

beforeAll(async () => {
  env = await startLocalEnvironment({ port: 0, dbFile: ':memory:' });
  db = adminApp('local', env.localCloudUrl).database() as unknown as Db;
  await db.collection('campaigns').where({ source: 'content' }).update({ status: 'archived' });
  await db.collection('campaigns').add({
    _id: 'pt-live', title: '积分测试活动', bannerText: '测试', summary: '测试', start: '2030-01-01T00:00:00+08:00', end: '2031-12-31T23:59:59+08:00',
    themeLaws: ['xianfa'], lessonIds: [], quiz: { questionsPerQuiz: 3, passMark: 60, attemptsPerDay: 5, pool: { laws: ['xianfa'], tags: [] } },
    status: 'published', pinned: false, source: 'staff', version: 1, updatedAt: new Date().toISOString(),
  });
  lessons = ((await db.collection('lessons').where({ archived: false }).field({ _id: true }).limit(40).get()).data as { _id: string }[]).map((l) => l._id);
}, 60000);
afterAll(async () => {
  delete process.env.PUFA_CLOCK_OFFSET_MS;
  await env?.close();
});

async function newResident(): Promise<HttpResident> {
  const r = new HttpResident(env.url);
  await r.ok('getPoints', {}); // gets its identity cookie before any concurrent call
  return r;
}

/** Starts an attempt and submits every answer right (read from the stored key; the page never has it). */
async function passingAttempt(r: HttpResident): Promise<{ attemptId: string; answers: { questionId: string; answer: string[] | boolean }[] }> {
  const attemptId = testId();
  await r.ok('startQuiz', { campaignId: 'pt-live', attemptId });
  const drawn = ((await db.collection('attempts').doc(attemptId).get()).data[0] as { drawn: (DrawnQuestion & { snapshot: StoredQuestion })[] }).drawn;
  return { attemptId, answers: drawn.map((d) => ({ questionId: d.questionId, answer: displayedAnswer(d.snapshot, d) })) };
}

it('a lesson read adds 1 once (three retries, 20 at once), a passed quiz 5 once (20 submits at once), and 积分明细 names them', async () => {
  setClock(1);
  const r = await newResident();
  expect(await r.ok('getPoints', {})).toMatchObject({ total: 0, todayPoints: 0, streak: 0, learnedToday: false });
  for (let i = 0; i < 3; i++) await r.ok('markLessonRead', { lessonId: lessons[0] });
  await Promise.all(Array.from({ length: 20 }, () => r.ok('markLessonRead', { lessonId: lessons[0] })));
  expect(await r.ok('getPoints', {})).toMatchObject({ total: 1, todayPoints: 1, streak: 1, learnedToday: true });

  const quiz = await passingAttempt(r);
  const results = await Promise.all(Array.from({ length: 20 }, () => r.call('submitAttempt', quiz)));
  expect(results.every((res) => res.ok && res.data.passed)).toBe(true);
  for (let i = 0; i < 3; i++) await r.ok('submitAttempt', quiz);
  // A second pass of the same campaign on the same day earns nothing more.
  const again = await passingAttempt(r);
  await r.ok('submitAttempt', again);
  const summary: PointsSummary = await r.ok('getPoints', {});
  expect(summary).toMatchObject({ total: 6, todayPoints: 6, streak: 1 });

  const ledger: PointsLedger = await r.ok('getPointsLedger', {});
  expect(ledger.days).toHaveLength(1);
  expect(ledger.days[0]).toMatchObject({ day: DAY1, earned: 6, counted: 6 });
  const title = ((await db.collection('lessons').doc(lessons[0]).get()).data[0] as { title: string }).title;
  expect(ledger.days[0].items.map((i) => `${i.label} +${i.points}`).sort()).toEqual([`「积分测试活动」答题合格 +5`, `读完《${title}》 +1`].sort());
  // The client cannot say what it earned: extra input is refused and changes nothing.
  const refused = await r.call('getPoints', { total: 999 });
  expect(refused.ok).toBe(false);
  expect((await r.ok('getPoints', {})).total).toBe(6);
}, 120000);

it('caps a day at 30 when 35 reads land at once; 积分明细 says what the cap cut; the next day counts again', async () => {
  setClock(2);
  const r = await newResident();
  await Promise.all(lessons.slice(0, 35).map((lessonId) => r.ok('markLessonRead', { lessonId })));
  expect(await r.ok('getPoints', {})).toMatchObject({ total: 30, todayPoints: 30, streak: 1 });
  const ledger: PointsLedger = await r.ok('getPointsLedger', {});
  expect(ledger.days[0]).toMatchObject({ earned: 35, counted: 30 });
  expect(ledger.days[0].items).toHaveLength(35);
  setClock(3, '00:01');
  expect(await r.ok('getPoints', {})).toMatchObject({ total: 30, todayPoints: 0, streak: 1, learnedToday: false });
  await r.ok('markLessonRead', { lessonId: lessons[35] });
  expect(await r.ok('getPoints', {})).toMatchObject({ total: 31, todayPoints: 1, streak: 2, learnedToday: true });
}, 120000);

it('streak: 23:59 and 00:01 China time are two days; a missed day starts again; 积分明细 pages back', async () => {
  const r = await newResident();
  setClock(5, '23:59');
  await r.ok('markLessonRead', { lessonId: lessons[0] });
  setClock(6, '00:01');
  await r.ok('markLessonRead', { lessonId: lessons[1] });
  expect(await r.ok('getPoints', {})).toMatchObject({ streak: 2, total: 2 });
  setClock(8, '09:00'); // day 7 missed
  expect((await r.ok('getPoints', {})).streak).toBe(0);
  await r.ok('markLessonRead', { lessonId: lessons[2] });
  expect(await r.ok('getPoints', {})).toMatchObject({ streak: 1, total: 3 });
  // Days 9–30 with a read each (25 days in all): the ledger shows the newest 20, then the older 5.
  for (let n = 9; n < 31; n++) {
    setClock(n);
    await r.ok('markLessonRead', { lessonId: lessons[n] });
  }
  const first: PointsLedger = await r.ok('getPointsLedger', {});
  expect(first.days).toHaveLength(20);
  expect(first.summary).toMatchObject({ streak: 23, total: 25 });
  const rest: PointsLedger = await r.ok('getPointsLedger', { before: first.nextBefore });
  expect(rest.days.map((d) => d.day)).toEqual([addDays(DAY1, 9), addDays(DAY1, 8), addDays(DAY1, 7), addDays(DAY1, 5), addDays(DAY1, 4)]);
  expect(rest.nextBefore).toBeNull();
  expect((await r.call('getPointsLedger', { before: '2030-02-30' })).code).toBe('INVALID_INPUT');
}, 120000);

it('points equal a recount from the events (stats:verify), and a damaged day is reported', async () => {
  const clean = await verifyStats(db, { now: new Date(Date.parse(`${addDays(DAY1, 40)}T10:00:00+08:00`)) });
  expect(clean.pointsDiffs).toEqual([]);
  expect(clean.pointsChecked).toBeGreaterThan(40);
  expect(clean.ok).toBe(true);
  const [day] = (await db.collection('points_days').limit(1).get()).data as { _id: string; earned: number }[];
  await db.collection('points_days').doc(day._id).update({ earned: day.earned + 3 });
  const broken = await verifyStats(db, { now: new Date(Date.parse(`${addDays(DAY1, 40)}T10:00:00+08:00`)) });
  expect(broken.pointsDiffs.map((d) => d.id)).toEqual([day._id]);
  const rebuilt = await verifyStats(db, { rebuild: true, now: new Date(Date.parse(`${addDays(DAY1, 40)}T10:00:00+08:00`)) });
  expect(rebuilt.rebuilt?.points).toBe(1);
  expect((await verifyStats(db, { now: new Date(Date.parse(`${addDays(DAY1, 40)}T10:00:00+08:00`)) })).ok).toBe(true);
}, 120000);
