/**
 * The clock test: the local environment started on a day in 2027, then restarted on the same database on a
 * day in 2028, shows that year's editions live on the right days (made by the calendar's timer and by
 * content sync, once), while last year's edition and its figures stay as they were and are compared.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startLocalEnvironment, type LocalEnvironment } from '../../appserver/localEnvironment';
import { tempDir } from '../../localcloud/testkit';
import { adminApp } from '../../scripts/shared/adminApp';
import { HttpResident, testId } from '../../scripts/testing/residentClient';
import { displayedAnswer } from '../shared/quiz/quizEngine';
import { computeReport } from '../shared/reporting/figures';
import type { Db } from '../shared/handler';
import type { AttemptDoc, CampaignDoc } from '../shared/documents';
import { isTimerEvent } from './index';
import { signedIn } from '../../scripts/testing/staffClient';
import type { DashboardView } from '../contracts/reports';

const dir = tempDir('calendar-clock-');
const dbFile = path.join(dir, 'db.sqlite');
let env: LocalEnvironment | null = null;
const savedOffset = process.env.PUFA_CLOCK_OFFSET_MS;

afterAll(async () => {
  await env?.close();
  if (savedOffset === undefined) delete process.env.PUFA_CLOCK_OFFSET_MS;
  else process.env.PUFA_CLOCK_OFFSET_MS = savedOffset;
  fs.rmSync(dir, { recursive: true, force: true });
});

const dbOf = (e: LocalEnvironment) => adminApp('local', e.localCloudUrl).database() as unknown as Db;
const liveIds = async (r: HttpResident) => ((await r.ok('getHome')).campaigns as { id: string }[]).map((c) => c.id).sort();

/** One resident takes one quiz of `campaignId` and answers it perfectly. */
async function quizIn(e: LocalEnvironment, campaignId: string) {
  const r = new HttpResident(e.url);
  const attemptId = testId();
  await r.ok('startQuiz', { campaignId, attemptId });
  const attempt = (await dbOf(e).collection('attempts').doc(attemptId).get()).data[0] as AttemptDoc;
  const answers = attempt.drawn.map((d) => ({ questionId: d.questionId, answer: displayedAnswer(d.snapshot, d) }));
  return r.ok('submitAttempt', { attemptId, answers, durationMs: 20000 });
}

describe('the yearly calendar under an injected clock', () => {
  it('2027, then 2028 on the same database: that year\'s editions are live on their days; last year\'s figures stay and compare', async () => {
    // 5 March 2027, 09:00 China time: 三月普法月 and the year-round campaign of 2027 are live, 3·15 (from 9 March) is not yet.
    env = await startLocalEnvironment({ port: 0, dbFile, startAt: new Date('2027-03-05T09:00:00+08:00') });
    const r27 = new HttpResident(env.url);
    expect(await liveIds(r27)).toEqual(['legal-aid-antifraud-2027', 'march-pufa-2027']);
    const db27 = dbOf(env);
    const consumer = (await db27.collection('campaigns').doc('consumer-315-2027').get()).data[0] as CampaignDoc;
    expect(consumer).toMatchObject({ year: 2027, templateId: 'consumer-315', status: 'published', start: new Date('2027-03-09T00:00:00+08:00').toISOString() });
    expect((await quizIn(env, 'march-pufa-2027')).score).toBe(100);
    await quizIn(env, 'march-pufa-2027');
    // A question naming the template (march-pufa) is in every year's pool: the quiz drew from the whole bank of the theme.
    // The 2026 editions are still there, under their old ids.
    expect(((await db27.collection('campaigns').doc('march-pufa').get()).data[0] as CampaignDoc).year).toBe(2026);
    await env.close();
    env = null;

    // Restart on 10 March 2028 on the same database.
    env = await startLocalEnvironment({ port: 0, dbFile, startAt: new Date('2028-03-10T09:00:00+08:00'), allowDevSignIn: true });
    const r28 = new HttpResident(env.url);
    expect(await liveIds(r28)).toEqual(['consumer-315-2028', 'legal-aid-antifraud-2028', 'march-pufa-2028']);
    // The timer again (two triggers at once): nothing more is made.
    const again = await Promise.all([env.timers.runOnce(), env.timers.runOnce()]);
    expect(again).toHaveLength(2);
    const db28 = dbOf(env);
    const all = (await db28.collection('campaigns').limit(1000).get()).data as CampaignDoc[];
    const ids = all.map((c) => c._id);
    expect(ids.filter((id) => id.startsWith('march-pufa')).sort()).toEqual(['march-pufa', 'march-pufa-2027', 'march-pufa-2028']);
    expect(new Set(ids).size).toBe(ids.length);
    await quizIn(env, 'march-pufa-2028');

    // Last year's figures are intact, and this year's report shows them beside this year's.
    const now = new Date('2028-03-10T12:00:00+08:00');
    const last = await computeReport(db28, '2027-01-01', '2027-12-31', now);
    expect(last.campaigns.find((c) => c.id === 'march-pufa-2027')).toMatchObject({ quiz: 2, people: 2, title: '2027年 三月普法月' });
    const thisYear = await computeReport(db28, '2028-01-01', '2028-03-10', now);
    const march = thisYear.campaigns.find((c) => c.id === 'march-pufa-2028')!;
    expect(march).toMatchObject({ quiz: 1, people: 1, previousEdition: { id: 'march-pufa-2027', quiz: 2, people: 2 } });
    expect(thisYear.comparison!.rows.find((r) => r.key === 'quiz')).toMatchObject({ current: 1, previous: 2, change: -1, changeRate: -0.5 });
    expect(thisYear.paragraph).toContain('答题人次减少1人次、下降50.0%');

    // The staff dashboard (its clock on 10 March 2028) shows the same 同比 and last year's edition beside this year's.
    const admin = await signedIn(env, env.demoAdminOpenId);
    const dash = (await admin.ok('dashboard', {}, 'reports')) as DashboardView;
    expect(dash.today).toBe('2028-03-10');
    expect(dash.comparison).toEqual(thisYear.comparison);
    expect(dash.campaigns.find((c) => c.id === 'march-pufa-2028')!.previousEdition).toEqual(march.previousEdition);
    expect(march.previousEdition!.timesChangeRate).toBe(-0.5);
  }, 600000);

  it('a CloudBase timer event runs the calendar; an ordinary call does not pretend to be one', () => {
    expect(isTimerEvent({ Type: 'Timer', TriggerName: 'daily-editions', Time: '2027-01-01T01:00:00Z' })).toBe(true);
    expect(isTimerEvent({ action: 'ensureEditions', input: {} })).toBe(false);
    expect(isTimerEvent(null)).toBe(false);
  });
});
