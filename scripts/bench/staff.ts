/**
 * `npm run bench:staff [-- --recipients 5000] [--checkins 300] [--page 100]`
 *
 * Figures for the staff side, against a fresh local environment (local cloud on an in-memory SQLite, the
 * content library, the app server; every call over HTTP exactly as the H5 app makes it):
 *   - push: N opt-ins, one push job run to the end with runPushJob calls as the push page makes them
 *     (each call works until its time budget, then the next resumes): total time, messages per second, calls,
 *     and the outbox checked for exactly one message per person;
 *   - check-in: M residents scanning the same event at once (each twice): latency per check-in
 *     (median, p95, max) and that the event counts M;
 *   - content sync: the first sync into an empty database and a second (idempotent) one;
 *   - 错题本: the due-items query for one resident with 2,000 items (benchDueItems; alone: --only due-items).
 * Prints figures; asserts nothing but the invariants it reports.
 */
import { startLocalEnvironment } from '../../appserver/localEnvironment';
import { adminApp } from '../shared/adminApp';
import { parseCommandLine, positiveInt } from '../shared/cliArgs';
import { HttpResident, testId } from '../testing/residentClient';
import { signedIn, staffOk } from '../testing/staffClient';
import { campaignInput, chinaToday } from '../testing/staffFixtures';
import { personKey } from '../../cloudfunctions/shared/identity';
import type { SubscriptionDoc } from '../../cloudfunctions/shared/documents';
import { startTestCloud } from '../../localcloud/testkit';
import { collections } from '../../cloudfunctions/shared/collections';
import { defaultPaths, loadLibrary } from '../../content-compiler/library';
import { toDocuments } from '../../content-compiler/toDocuments';
import { syncContent } from '../../content-compiler/sync';
import type { AdminDb } from '../shared/adminApp';
import { keyHeaders } from '../../localcloud/runKey';
import type { ActionContext } from '../../cloudfunctions/shared/handler';
import { countDue, dueItems, REVIEW_SESSION_SIZE } from '../../cloudfunctions/resident/review';

const USAGE = 'npm run bench:staff -- [--recipients 5000] [--checkins 300] [--page 100] [--only due-items]';
const { values: args } = parseCommandLine(process.argv.slice(2), { recipients: { type: 'string' }, checkins: { type: 'string' }, page: { type: 'string' }, only: { type: 'string' } }, USAGE);
const RECIPIENTS = positiveInt(args.recipients, 5000, 'recipients', USAGE);
const CHECKINS = positiveInt(args.checkins, 300, 'checkins', USAGE);
const PAGE = positiveInt(args.page, 100, 'page', USAGE);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
const ms = (n: number) => `${n.toFixed(0)} ms`;

async function benchSync() {
  const tc = await startTestCloud({ collections });
  try {
    const { library } = loadLibrary(defaultPaths());
    const docs = toDocuments(library);
    const n = docs.laws.length + docs.lessons.length + docs.questions.length + docs.campaigns.length + 1;
    let t = performance.now();
    await syncContent(tc.db as unknown as AdminDb, docs);
    const first = performance.now() - t;
    t = performance.now();
    const again = await syncContent(tc.db as unknown as AdminDb, docs);
    const second = performance.now() - t;
    const changed = Object.values(again).reduce((s, c) => s + c.inserted + c.updated + c.archived, 0);
    console.log(`content sync: ${n} documents — first ${ms(first)}, second ${ms(second)} (${changed} changed)`);
  } finally {
    await tc.close();
  }
}

/**
 * 错题本: the due-items query (resident function, review.ts `dueItems` and `countDue`) for one resident whose book
 * holds 2,000 items, among 8,000 items of other residents, on the local cloud through the SDK. Median of 50 runs.
 * Run alone with `npm run bench:staff -- --only due-items`. Target: median ≤ 20 ms.
 */
async function benchDueItems() {
  const tc = await startTestCloud({ collections });
  try {
    const key = personKey('bench_reviewer');
    const today = '2026-12-06';
    const day = (offset: number) => new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86400e3).toISOString().slice(0, 10);
    const statuses = ['learning', 'learning', 'learning', 'mastered', 'known'] as const;
    const item = (person: string, i: number) => ({
      _id: `${person}|q-bench-${i}`,
      personKey: person,
      questionId: `q-bench-${i}`,
      law: `law-${i % 20}`,
      status: statuses[i % statuses.length],
      everRight: i % 2 === 0,
      stage: i % 5,
      dueDay: statuses[i % statuses.length] === 'learning' ? day((i % 90) - 45) : '',
      wrongCount: 1,
      lastWrong: null,
      appliedSessions: [`s${i}`],
      rev: 1,
      updatedAt: new Date(),
    });
    const docs = [...Array.from({ length: 2000 }, (_, i) => item(key, i)), ...Array.from({ length: 8000 }, (_, i) => item(personKey(`bench_other_${i % 40}`), i))];
    for (let i = 0; i < docs.length; i += 200) await Promise.all(docs.slice(i, i + 200).map((d) => tc.db.collection('review_items').add(d)));
    const ctx = { openId: 'bench_reviewer', appId: '', db: tc.db as unknown as ActionContext['db'], now: () => new Date(`${today}T04:00:00Z`) };
    const time = async (run: () => Promise<unknown>) => {
      const xs: number[] = [];
      for (let i = 0; i < 55; i++) {
        const t = performance.now();
        await run();
        if (i >= 5) xs.push(performance.now() - t); // the first five warm up
      }
      return xs;
    };
    const due = await dueItems(ctx, key, today, REVIEW_SESSION_SIZE);
    const count = await countDue(ctx, key, today);
    const list = await time(() => dueItems(ctx, key, today, REVIEW_SESSION_SIZE));
    const counting = await time(() => countDue(ctx, key, today));
    console.log(`due items (1 resident, 2000 in the book, ${count} due, 10 000 items in all): first ${REVIEW_SESSION_SIZE} median ${pct(list, 50).toFixed(1)} ms (p95 ${pct(list, 95).toFixed(1)} ms); count median ${pct(counting, 50).toFixed(1)} ms (p95 ${pct(counting, 95).toFixed(1)} ms); target ≤ 20 ms`);
    if (due.length !== REVIEW_SESSION_SIZE || due.some((d) => d.personKey !== key || d.dueDay > today)) throw new Error('due-items query returned wrong items');
  } finally {
    await tc.close();
  }
}

async function main() {
  if (args.only === 'due-items') return benchDueItems();
  await benchDueItems();
  console.log(`node ${process.version}, recipients ${RECIPIENTS}, check-ins ${CHECKINS}, page ${PAGE}, PUSH_TIME_BUDGET_MS ${process.env.PUSH_TIME_BUDGET_MS ?? '15000 (default)'}`);
  await benchSync();

  const env = await startLocalEnvironment({ port: 0, dbFile: ':memory:', allowDevSignIn: true });
  try {
    const db = adminApp('local', env.localCloudUrl).database();
    await db.collection('staff').add({ _id: 'st_bench', openId: 'bench_editor_01', role: 'editor', name: '压测编辑', createdAt: new Date(), createdBy: 'bench' });
    const editor = await signedIn(env, 'bench_editor_01');
    const campaign = await staffOk(editor, 'saveCampaign', { campaign: campaignInput({ title: '压测活动' }) });
    await staffOk(editor, 'setCampaignStatus', { id: campaign.id, op: 'publish' });

    // Push.
    const docs: SubscriptionDoc[] = [];
    for (let i = 0; i < RECIPIENTS; i++) {
      const openId = `bench_resident_${i}`;
      const key = personKey(openId);
      docs.push({ _id: `${key}:bench:TPL_bench_reminder`, openId, personKey: key, campaignId: campaign.id, templateId: 'TPL_bench_reminder', source: 'campaign', status: 'available', jobId: null, runId: null, createdAt: new Date().toISOString(), usedAt: null, errCode: null });
    }
    for (let i = 0; i < docs.length; i += 100) await Promise.all(docs.slice(i, i + 100).map((d) => db.collection('subscriptions').add(d)));
    await fetch(`${env.localCloudUrl}/outbox`, { method: 'DELETE', headers: keyHeaders() });
    const job = await staffOk(editor, 'createPushJob', { campaignId: campaign.id, audience: 'campaign', note: '' });
    const t0 = performance.now();
    let view = job;
    let calls = 0;
    const callTimes: number[] = [];
    while (view.status !== 'done') {
      const t = performance.now();
      view = await staffOk(editor, 'runPushJob', { jobId: job.id, pageSize: PAGE });
      callTimes.push(performance.now() - t);
      calls++;
    }
    const pushMs = performance.now() - t0;
    const outbox = (await (await fetch(`${env.localCloudUrl}/outbox?api=subscribeMessage.send`, { headers: keyHeaders() })).json()) as { data: { touser: string } }[];
    const distinct = new Set(outbox.map((o) => o.data.touser)).size;
    console.log(
      `push: ${view.totals.sent} sent, ${view.totals.failed} failed in ${ms(pushMs)} — ${((view.totals.sent * 1000) / pushMs).toFixed(0)} messages/s; ` +
        `${calls} runPushJob call(s), longest ${ms(Math.max(...callTimes))}; outbox ${outbox.length} messages to ${distinct} people`,
    );

    // Check-in.
    const opts = await staffOk(editor, 'getEditorOptions');
    const event = await staffOk(editor, 'saveEvent', { event: { type: '院坝会', title: '压测院坝会', date: chinaToday(), villageId: opts.villages[0].id, place: '', themeLaws: ['xianfa'], campaignId: campaign.id, lessonId: null, notes: '' } });
    const alone: number[] = [];
    for (let i = 0; i < 20; i++) {
      const r = new HttpResident(env.url);
      await r.ok('getProfile', {});
      const t = performance.now();
      await r.ok('checkIn', { eventCode: event.code, checkInId: testId('bench') });
      alone.push(performance.now() - t);
    }
    console.log(`check-in, one at a time (20 residents): median ${ms(pct(alone, 50))}, max ${ms(Math.max(...alone))}`);
    const residents = Array.from({ length: CHECKINS }, () => new HttpResident(env.url));
    await Promise.all(residents.map((r) => r.ok('getProfile', {})));
    const latencies: number[] = [];
    const tc0 = performance.now();
    await Promise.all(
      residents.map(async (r) => {
        for (let k = 0; k < 2; k++) {
          const t = performance.now();
          await r.ok('checkIn', { eventCode: event.code, checkInId: testId('bench') });
          latencies.push(performance.now() - t);
        }
      }),
    );
    const wall = performance.now() - tc0;
    const after = await staffOk(editor, 'getEvent', { id: event.id });
    const counted = (await db.collection('events').where({ kind: 'checkin' }).count()).total;
    console.log(
      `check-in: ${CHECKINS} residents × 2 scans at once in ${ms(wall)} — median ${ms(pct(latencies, 50))}, p95 ${ms(pct(latencies, 95))}, max ${ms(Math.max(...latencies))}; ` +
        `event shows ${after.checkIns} check-ins (expected ${CHECKINS + 20}), ${counted} participation events`,
    );
  } finally {
    await env.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
