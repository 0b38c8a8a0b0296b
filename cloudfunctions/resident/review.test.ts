/**
 * 错题本, spaced review, 每日一练, smart draws and the attempt cap, end to end: real SDK → local cloud through
 * the local app server. The functions' clock is moved across simulated China days (PUFA_CLOCK_OFFSET_MS,
 * honoured on the local cloud only); content campaigns are archived so only this file's campaigns are live.
 */
import { startLocalEnvironment, type LocalEnvironment } from '../../appserver/localEnvironment';
import { adminApp } from '../../scripts/shared/adminApp';
import { HttpResident, testId } from '../../scripts/testing/residentClient';
import { campaignDoc, chinaWindow, type CampaignOverrides } from '../../scripts/testing/campaignDoc';
import { displayedAnswer, type DrawnQuestion, type StoredQuestion } from '../shared/quiz/quizEngine';
import { addDays } from '../contracts/time';
import { computeReport } from '../shared/reporting/figures';
import { reportTables } from '../shared/reporting/sheets';
import type { Db } from '../shared/handler';

let env: LocalEnvironment;
let db: ReturnType<ReturnType<typeof adminApp>['database']>;

const DAY1 = '2030-03-10';
/** Moves the functions' clock to `hh:mm` China time on day `n` (day 1 = DAY1). */
function setClock(n: number, hhmm = '10:00') {
  const target = Date.parse(`${addDays(DAY1, n - 1)}T${hhmm}:00+08:00`);
  process.env.PUFA_CLOCK_OFFSET_MS = String(target - Date.now());
}

const KEY_FIELDS = /"(answer|correctAnswer|explanation|citation|quote|snapshot|optionOrder)"/;

async function addCampaign(id: string, quiz: CampaignOverrides['quiz'], over: CampaignOverrides = {}) {
  await db.collection('campaigns').add(campaignDoc(id, { ...chinaWindow('2030-01-01', '2031-12-31'), ...over, quiz: { attemptsPerDay: 2, ...quiz } }));
}

type Drawn = DrawnQuestion & { snapshot: StoredQuestion };
async function drawnOf(collection: 'attempts' | 'study_sessions', id: string): Promise<Drawn[]> {
  return ((await db.collection(collection).doc(id).get()).data[0] as { drawn: Drawn[] }).drawn;
}
function rightAnswer(d: Drawn) {
  return displayedAnswer(d.snapshot, d);
}
function wrongAnswer(d: Drawn) {
  const right = rightAnswer(d);
  if (typeof right === 'boolean') return !right;
  const letters = d.optionOrder.map((_, i) => 'ABCDEF'[i]);
  return [letters.find((l) => !right.includes(l))!];
}
/** Answers: right for the questions `isRight` picks, wrong for the others. */
async function answersFor(collection: 'attempts' | 'study_sessions', id: string, isRight: (questionId: string, index: number) => boolean) {
  return (await drawnOf(collection, id)).map((d, i) => ({ questionId: d.questionId, answer: isRight(d.questionId, i) ? rightAnswer(d) : wrongAnswer(d) }));
}

beforeAll(async () => {
  env = await startLocalEnvironment({ port: 0, dbFile: ':memory:' });
  db = adminApp('local', env.localCloudUrl).database();
  await db.collection('campaigns').where({ source: 'content' }).update({ status: 'archived' });
  await addCampaign('rv-xianfa', { attemptsPerDay: 5 });
});
afterAll(async () => {
  delete process.env.PUFA_CLOCK_OFFSET_MS;
  await env?.close();
});

describe('错题本 and the review schedule', () => {
  it('wrong on day 1 → due day 2; right → day 5, 12, 26, 56; right at the longest interval → mastered, out of the book', async () => {
    const r = new HttpResident(env.url);
    setClock(1);
    const attemptId = testId();
    await r.ok('startQuiz', { campaignId: 'rv-xianfa', attemptId });
    const wrongAll = await answersFor('attempts', attemptId, () => false);
    const quiz = await r.ok('submitAttempt', { attemptId, answers: wrongAll });
    expect(quiz.correctCount).toBe(0);

    const book = await r.ok('getReviewBook', {});
    expect(book.total).toBe(5);
    expect(book.dueCount).toBe(0);
    expect(book.groups.map((g: { shortName: string }) => g.shortName)).toEqual(['宪法']);
    const item = book.groups[0].items[0];
    const graded = quiz.items.find((i: { questionId: string }) => i.questionId === item.questionId);
    expect(item).toMatchObject({ stem: graded.stem, yourAnswer: graded.yourAnswer, correctAnswer: graded.correctAnswer, explanation: graded.explanation, citation: graded.citation, stage: 0, dueDay: addDays(DAY1, 1), due: false });
    expect(item.citation.article).toMatch(/^第.+条/);

    // Due counts turn over at midnight China time: 23:30 and 00:30 China time are the same UTC day.
    setClock(1, '23:30');
    expect((await r.ok('getLearning', {})).dueCount).toBe(0);
    setClock(2, '00:30');
    expect((await r.ok('getLearning', {})).dueCount).toBe(5);

    const schedule: [day: number, next: number][] = [
      [2, 5],
      [5, 12],
      [12, 26],
      [26, 56],
    ];
    for (const [day, next] of schedule) {
      setClock(day - 1);
      expect((await r.ok('getLearning', {})).dueCount).toBe(0);
      setClock(day);
      expect((await r.ok('getLearning', {})).dueCount).toBe(5);
      const sessionId = testId('rev');
      const view = await r.ok('startReview', { sessionId });
      expect(view.questions).toHaveLength(5);
      const result = await r.ok('submitStudy', { sessionId, answers: await answersFor('study_sessions', sessionId, () => true) });
      expect(result).toMatchObject({ kind: 'review', correctCount: 5, mastered: 0 });
      const after = await r.ok('getReviewBook', {});
      expect(after.total).toBe(5);
      expect(after.groups[0].items.map((i: { dueDay: string }) => i.dueDay)).toEqual(Array(5).fill(addDays(DAY1, next - 1)));
      expect((await r.ok('startReview', { sessionId: testId('rev') }).catch((e: Error) => e.message))).toMatch(/NOT_AVAILABLE/);
    }
    setClock(56);
    const last = testId('rev');
    await r.ok('startReview', { sessionId: last });
    // One wrong at the longest interval goes back to the first interval; the four right ones are mastered.
    const answers = await answersFor('study_sessions', last, (_id, i) => i > 0);
    const done = await r.ok('submitStudy', { sessionId: last, answers });
    expect(done).toMatchObject({ correctCount: 4, mastered: 4 });
    const book2 = await r.ok('getReviewBook', {});
    expect(book2.total).toBe(1);
    expect(book2.groups[0].items[0]).toMatchObject({ questionId: answers[0].questionId, stage: 0, dueDay: addDays(DAY1, 56), wrongCount: 2 });

    // The resident may take an item out of the book themselves.
    expect(await r.ok('removeReviewItem', { questionId: answers[0].questionId })).toEqual({ removed: true });
    expect(await r.ok('removeReviewItem', { questionId: answers[0].questionId })).toEqual({ removed: false });
    expect((await r.ok('getReviewBook', {})).total).toBe(0);
    expect(await r.ok('getLearning', {})).toMatchObject({ dueCount: 0, bookCount: 0 });
  });

  it('a retried review submission moves no schedule twice and counts one 错题复习', async () => {
    const r = new HttpResident(env.url);
    setClock(100);
    const attemptId = testId();
    await r.ok('startQuiz', { campaignId: 'rv-xianfa', attemptId });
    await r.ok('submitAttempt', { attemptId, answers: await answersFor('attempts', attemptId, () => false) });
    setClock(101);
    const sessionId = testId('rev');
    const view = await r.ok('startReview', { sessionId });
    expect(await r.ok('startReview', { sessionId })).toEqual(view);
    const answers = await answersFor('study_sessions', sessionId, () => true);
    const results = await Promise.all([1, 2, 3, 4].map(() => r.ok('submitStudy', { sessionId, answers })));
    for (const res of results) expect(res).toEqual(results[0]);
    const items = (await db.collection('review_items').where({ questionId: db.command.in(answers.map((a) => a.questionId)) }).get()).data;
    const mine = items.filter((i: { appliedSessions: string[] }) => i.appliedSessions.includes(sessionId));
    expect(mine).toHaveLength(5);
    for (const i of mine) expect(i).toMatchObject({ stage: 1, dueDay: addDays(DAY1, 103) });
    const events = await db.collection('events').where({ _id: `review:${sessionId}` }).get();
    expect(events.data).toHaveLength(1);
    expect(events.data[0]).toMatchObject({ kind: 'review', campaignId: 'rv-xianfa' });
  });
});

describe('smart campaign draws', () => {
  it('over 20 attempts never draws a question already answered right while the pool still has others', async () => {
    const pool = Array.from({ length: 12 }, (_, i) => `q-jindu-${String(i + 1).padStart(3, '0')}`);
    await addCampaign('rv-smart', { attemptsPerDay: 25, pool: { laws: [], tags: [], questionIds: pool } });
    const r = new HttpResident(env.url);
    setClock(200);
    const right = new Set<string>();
    let fallbacks = 0;
    for (let n = 0; n < 20; n++) {
      const attemptId = testId();
      const view = await r.ok('startQuiz', { campaignId: 'rv-smart', attemptId });
      const drawn = view.questions.map((q: { id: string }) => q.id) as string[];
      const notYetRight = pool.filter((id) => !right.has(id));
      if (notYetRight.length >= 5) expect(drawn.filter((id) => right.has(id))).toEqual([]);
      else {
        fallbacks++;
        expect(drawn).toEqual(expect.arrayContaining(notYetRight));
      }
      // Right on the first two drawn, wrong on the rest.
      const answers = await answersFor('attempts', attemptId, (_id, i) => i < 2);
      const result = await r.ok('submitAttempt', { attemptId, answers });
      for (const item of result.items) if (item.outcome === 'correct') right.add(item.questionId);
    }
    expect(right.size).toBe(12);
    expect(fallbacks).toBeGreaterThan(0); // the fallback to the whole pool was exercised too
  });
});

describe('attempts', () => {
  it('40 concurrent startQuiz with different ids make one attempt (resumed by all); the cap counts starts', async () => {
    await addCampaign('rv-cap', { attemptsPerDay: 2 });
    const r = new HttpResident(env.url);
    setClock(300);
    await r.ok('getProfile', {});
    const views = await Promise.all(Array.from({ length: 40 }, () => r.call('startQuiz', { campaignId: 'rv-cap', attemptId: testId() })));
    expect(views.every((v) => v.ok)).toBe(true);
    const ids = new Set(views.map((v) => v.data.attemptId));
    expect(ids.size).toBe(1);
    const [attemptId] = [...ids];
    const stored = await db.collection('attempts').where({ campaignId: 'rv-cap' }).get();
    expect(stored.data).toHaveLength(1);
    expect(views[0].data.attemptsLeftToday).toBe(1);
    await r.ok('submitAttempt', { attemptId, answers: [] });
    // A second attempt may start; a third start the same day is refused without drawing anything.
    const second = await r.ok('startQuiz', { campaignId: 'rv-cap', attemptId: testId() });
    expect(second.attemptsLeftToday).toBe(0);
    await r.ok('submitAttempt', { attemptId: second.attemptId, answers: [] });
    const third = await Promise.all(Array.from({ length: 40 }, () => r.call('startQuiz', { campaignId: 'rv-cap', attemptId: testId() })));
    for (const t of third) expect(t).toMatchObject({ ok: false, code: 'DAILY_LIMIT' });
    expect((await db.collection('attempts').where({ campaignId: 'rv-cap' }).count()).total).toBe(2);
    expect((await db.collection('open_attempts').where({ _id: db.RegExp({ regexp: '\\|rv-cap$' }) }).count()).total).toBe(0);
  });

  it('40 concurrent starts by 40 residents each take one attempt, and an unfinished attempt blocks no one else', async () => {
    const residents = Array.from({ length: 40 }, () => new HttpResident(env.url));
    await Promise.all(residents.map((r) => r.ok('getProfile', {})));
    setClock(301);
    const views = await Promise.all(residents.map((r) => r.ok('startQuiz', { campaignId: 'rv-cap', attemptId: testId() })));
    expect(new Set(views.map((v) => v.attemptId)).size).toBe(40);
    for (const v of views) expect(v.attemptsLeftToday).toBe(1);
  });
});

describe('每日一练', () => {
  it('is one session per China day under concurrent starts and retries, due reviews first, counted once', async () => {
    const r = new HttpResident(env.url);
    setClock(400);
    const attemptId = testId();
    await r.ok('startQuiz', { campaignId: 'rv-xianfa', attemptId });
    const quizAnswers = await answersFor('attempts', attemptId, (_id, i) => i >= 2); // two wrong
    await r.ok('submitAttempt', { attemptId, answers: quizAnswers });
    const wrongIds = quizAnswers.slice(0, 2).map((a) => a.questionId);

    setClock(401);
    expect((await r.ok('getLearning', {})).practice).toEqual({ done: false, score: null, sessionId: null });
    const views = await Promise.all(Array.from({ length: 12 }, () => r.ok('startPractice', {})));
    const sessionId = views[0].sessionId;
    for (const v of views) expect(v).toEqual(views[0]);
    expect(views[0]).toMatchObject({ kind: 'practice', title: '每日一练', result: null });
    expect(views[0].questions).toHaveLength(5);
    expect(views[0].questions.slice(0, 2).map((q: { id: string }) => q.id).sort()).toEqual([...wrongIds].sort());
    const quizIds = quizAnswers.map((a) => a.questionId);
    for (const q of views[0].questions.slice(2)) expect(quizIds).not.toContain(q.id); // then never-seen questions
    expect((await db.collection('study_sessions').where({ kind: 'practice', day: addDays(DAY1, 400) }).count()).total).toBe(1);

    const answers = await answersFor('study_sessions', sessionId, () => true);
    const results = await Promise.all([1, 2, 3].map(() => r.ok('submitStudy', { sessionId, answers })));
    for (const res of results) expect(res).toEqual(results[0]);
    expect(results[0]).toMatchObject({ kind: 'practice', correctCount: 5, score: 100 });
    const again = await r.ok('startPractice', {});
    expect(again.sessionId).toBe(sessionId);
    expect(again.result).toEqual(results[0]);
    expect((await r.ok('getLearning', {})).practice).toEqual({ done: true, score: 100, sessionId });
    const events = await db.collection('events').where({ kind: 'practice', _id: `practice:${sessionId}` }).get();
    expect(events.data).toHaveLength(1);
    // The due items answered right moved on to the next interval.
    expect((await r.ok('getLearning', {})).dueCount).toBe(0);

    // The next China day (from midnight China time) brings a new one.
    setClock(402, '00:05');
    const tomorrow = await r.ok('startPractice', {});
    expect(tomorrow.sessionId).not.toBe(sessionId);
    expect(tomorrow.result).toBeNull();
  });

  it('favours never-seen questions of laws whose lessons were read but not practised', async () => {
    const r = new HttpResident(env.url);
    setClock(500);
    await r.ok('markLessonRead', { lessonId: 'l-jindu-01' });
    const view = await r.ok('startPractice', {});
    expect(view.questions.map((q: { id: string }) => q.id.replace(/-\d+$/, ''))).toEqual(Array(5).fill('q-jindu'));
    // Once 禁毒法 has been practised, a reader of it gets other laws' questions too.
    await r.ok('submitStudy', { sessionId: view.sessionId, answers: await answersFor('study_sessions', view.sessionId, () => true) });
    setClock(501);
    const next = await r.ok('startPractice', {});
    expect(next.questions.some((q: { id: string }) => !q.id.startsWith('q-jindu'))).toBe(true);
  });

  it('is credited to 日常学习 unless a live campaign pool holds its questions', async () => {
    await addCampaign('rv-fanzha', { attemptsPerDay: 1, pool: { laws: ['fanzhapian'], tags: [] } }, { start: '2032-01-01T00:00:00+08:00', end: '2032-12-31T23:59:59+08:00' });
    const r = new HttpResident(env.url);
    // 2031: rv-fanzha not yet live; a reader of 反电信网络诈骗法 practises it.
    setClock(Math.round((Date.parse('2031-06-01') - Date.parse(DAY1)) / 86400e3) + 1);
    await r.ok('markLessonRead', { lessonId: 'l-fanzhapian-01' });
    const outside = await r.ok('startPractice', {});
    await r.ok('submitStudy', { sessionId: outside.sessionId, answers: [] });
    expect((await db.collection('events').doc(`practice:${outside.sessionId}`).get()).data[0]).toMatchObject({ kind: 'practice', campaignId: 'none' });
    // 2032: rv-fanzha is live and its pool holds 反诈 questions.
    setClock(Math.round((Date.parse('2032-06-01') - Date.parse(DAY1)) / 86400e3) + 1);
    const inside = await r.ok('startPractice', {});
    expect(inside.questions.some((q: { id: string }) => q.id.startsWith('q-fanzhapian'))).toBe(true);
    await r.ok('submitStudy', { sessionId: inside.sessionId, answers: [] });
    expect((await db.collection('events').doc(`practice:${inside.sessionId}`).get()).data[0]).toMatchObject({ kind: 'practice', campaignId: 'rv-fanzha' });
  });
});

describe('no answer key before submission', () => {
  it('reviews and practice send questions without answers, explanations or citations', async () => {
    const r = new HttpResident(env.url);
    setClock(600);
    const attemptId = testId();
    await r.ok('startQuiz', { campaignId: 'rv-xianfa', attemptId });
    await r.ok('submitAttempt', { attemptId, answers: [] });
    setClock(601);
    const sessionId = testId('rev');
    const responses = [await r.call('startReview', { sessionId }), await r.call('startReview', { sessionId }), await r.call('getStudy', { sessionId }), await r.call('startPractice', {})];
    for (const res of responses) {
      expect(res.ok).toBe(true);
      const json = JSON.stringify(res);
      expect(json).not.toMatch(KEY_FIELDS);
      for (const d of await drawnOf('study_sessions', res.data.sessionId)) expect(json).not.toContain(d.snapshot.explanation);
    }
    // The same check does catch a key: the submitted result carries one.
    const submitted = await r.call('submitStudy', { sessionId, answers: [] });
    expect(JSON.stringify(submitted)).toMatch(KEY_FIELDS);
    expect(JSON.stringify(await r.call('getStudy', { sessionId }))).toMatch(KEY_FIELDS);
  });

  it('bad input gets a structured Chinese error and changes nothing', async () => {
    const r = new HttpResident(env.url);
    const other = new HttpResident(env.url);
    setClock(700);
    const sessionId = testId('rev');
    expect(await r.call('startReview', { sessionId })).toMatchObject({ ok: false, code: 'NOT_AVAILABLE', message: expect.stringMatching(/复习/) });
    const practice = await r.ok('startPractice', {});
    for (const [action, input] of [
      ['startReview', { sessionId: 'short' }],
      ['startPractice', { day: '2030-01-01' }],
      ['submitStudy', { sessionId: practice.sessionId, answers: [{ questionId: 'q-nope-001', answer: true }] }],
      ['submitStudy', { sessionId: 'n'.repeat(20), answers: [] }],
      ['removeReviewItem', { questionId: '../x' }],
      ['getStudy', { sessionId: practice.sessionId, extra: 1 }],
    ] as const) {
      const res = await r.call(action, input);
      expect(res.ok).toBe(false);
      expect(res.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await other.call('submitStudy', { sessionId: practice.sessionId, answers: [] })).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect((await db.collection('study_sessions').doc(practice.sessionId).get()).data[0].status).toBe('started');
  });
});

describe('counting', () => {
  it('每日一练 and 错题复习 are kinds of their own in the rollups, the workbook (overview rows and columns) and the paragraph', async () => {
    // One of each here (earlier tests of this file add more).
    const r = new HttpResident(env.url);
    setClock(650);
    const attemptId = testId();
    await r.ok('startQuiz', { campaignId: 'rv-xianfa', attemptId });
    await r.ok('submitAttempt', { attemptId, answers: [] });
    await r.ok('submitStudy', { sessionId: (await r.ok('startPractice', {})).sessionId, answers: [] });
    setClock(651);
    const sessionId = testId('rev');
    await r.ok('startReview', { sessionId });
    await r.ok('submitStudy', { sessionId, answers: [] });
    const events = (await db.collection('events').where({ kind: db.command.in(['practice', 'review']) }).limit(1000).get()).data as { kind: string; campaignId: string }[];
    const practice = events.filter((e) => e.kind === 'practice').length;
    const review = events.filter((e) => e.kind === 'review').length;
    expect(practice).toBeGreaterThanOrEqual(1);
    expect(review).toBeGreaterThanOrEqual(1);
    const report = await computeReport(db as unknown as Db, '2030-01-01', '2032-12-31', new Date('2033-01-01T00:00:00Z'));
    expect(report.totals).toMatchObject({ practice, review });
    expect(report.paragraph).toContain(`完成每日一练${practice}人次`);
    expect(report.paragraph).toContain(`复习错题${review}人次`);
    const [overview, byCampaign] = reportTables(report);
    expect(overview.rows).toEqual(expect.arrayContaining([expect.arrayContaining(['每日一练人次', practice]), expect.arrayContaining(['错题复习人次', review])]));
    // 日常学习 (no campaign) and the campaigns add up to the totals, column by column.
    const col = (header: string) => byCampaign.columns.findIndex((c) => c.header === header);
    const rows = byCampaign.rows.filter((r) => r[0] !== '合计');
    const total = byCampaign.rows.find((r) => r[0] === '合计')!;
    const sum = (header: string) => rows.reduce((s, r) => s + Number(r[col(header)]), 0);
    expect([sum('每日一练人次'), Number(total[col('每日一练人次')])]).toEqual([practice, practice]);
    expect([sum('错题复习人次'), Number(total[col('错题复习人次')])]).toEqual([review, review]);
    const none = byCampaign.rows.find((r) => r[0] === report.campaigns.find((c) => c.id === 'none')?.title);
    expect(Number(none?.[col('每日一练人次')])).toBe(events.filter((e) => e.kind === 'practice' && e.campaignId === 'none').length);
  });
});
