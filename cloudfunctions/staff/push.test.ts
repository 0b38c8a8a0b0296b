/**
 * Pushes against the local cloud's outbox (every subscribeMessage.send the function makes is recorded there
 * instead of being sent): opt-ins recorded by residents, paging through more recipients than a page, resuming
 * an interrupted push without sending twice, one message per person per push, each opt-in used once, and
 * WeChat refusals recorded with their errCode (the local cloud refuses OPENIDs starting `localfail_<code>_`).
 */
import { startLocalEnvironment, type LocalEnvironment } from '../../appserver/localEnvironment';
import { adminApp } from '../../scripts/shared/adminApp';
import { HttpResident, testId } from '../../scripts/testing/residentClient';
import { signedIn, staffCall, staffOk } from '../../scripts/testing/staffClient';
import { personKey } from '../shared/identity';
import type { SubscriptionDoc } from '../shared/documents';
import { campaignInput } from '../../scripts/testing/staffFixtures';
import { keyHeaders } from '../../localcloud/runKey';

let env: LocalEnvironment;
let db: ReturnType<ReturnType<typeof adminApp>['database']>;
let editor: HttpResident;
let campaignId: string;

const TEMPLATE = 'TPL_reminder_local_01';

interface OutboxRow {
  id: number;
  api: string;
  data: { touser: string; template_id: string; page: string; data: Record<string, { value: string }> };
  response: { errcode: number };
}
async function outbox(): Promise<OutboxRow[]> {
  return (await (await fetch(`${env.localCloudUrl}/outbox?api=subscribeMessage.send`, { headers: keyHeaders() })).json()) as OutboxRow[];
}
async function clearOutbox() {
  await fetch(`${env.localCloudUrl}/outbox`, { method: 'DELETE', headers: keyHeaders() });
}

/** Opt-ins written straight into the database (as many as a test needs; residents' own taps are tested too). */
async function seedOptIns(campaign: string, openIds: string[], perPerson = 1) {
  const docs: SubscriptionDoc[] = [];
  for (const openId of openIds) {
    for (let i = 0; i < perPerson; i++) {
      const key = personKey(openId);
      docs.push({ _id: `${key}:seed${i}_${openId}:${TEMPLATE}`, openId, personKey: key, campaignId: campaign, templateId: TEMPLATE, source: 'campaign', status: 'available', jobId: null, runId: null, createdAt: new Date().toISOString(), usedAt: null, errCode: null });
    }
  }
  for (let i = 0; i < docs.length; i += 50) await Promise.all(docs.slice(i, i + 50).map((d) => db.collection('subscriptions').add(d)));
}

async function newCampaign(title: string): Promise<string> {
  const c = await staffOk(editor, 'saveCampaign', { campaign: campaignInput({ title }) });
  await staffOk(editor, 'setCampaignStatus', { id: c.id, op: 'publish' });
  return c.id;
}

beforeAll(async () => {
  env = await startLocalEnvironment({ port: 0, dbFile: ':memory:', allowDevSignIn: true });
  db = adminApp('local', env.localCloudUrl).database();
  await db.collection('staff').add({ _id: 'st_push_editor', openId: 'push_editor_0001', role: 'editor', name: '推送编辑', createdAt: new Date(), createdBy: 'test' });
  editor = await signedIn(env, 'push_editor_0001');
  campaignId = await newCampaign('推送测试活动');
});
afterAll(async () => {
  await env?.close();
});

describe('opt-ins', () => {
  it('a resident records accepted templates once per tap; a retry records nothing', async () => {
    const r = new HttpResident(env.url);
    const requestId = testId('optin');
    const first = await r.ok('subscribeReminders', { campaignId, templateIds: [TEMPLATE, TEMPLATE], requestId, source: 'campaign' });
    expect(first).toEqual({ campaignId, recorded: 1, available: 1 });
    const retry = await r.ok('subscribeReminders', { campaignId, templateIds: [TEMPLATE], requestId, source: 'campaign' });
    expect(retry).toEqual({ campaignId, recorded: 0, available: 1 });
    const again = await r.ok('subscribeReminders', { campaignId, templateIds: [TEMPLATE], requestId: testId('optin'), source: 'quiz' });
    expect(again).toEqual({ campaignId, recorded: 1, available: 2 });
    const docs = (await db.collection('subscriptions').where({ campaignId, status: 'available' }).get()).data as SubscriptionDoc[];
    expect(docs).toHaveLength(2);
    expect(new Set(docs.map((d) => d.personKey)).size).toBe(1);
    expect((await r.call('subscribeReminders', { campaignId: 'no-such-campaign', templateIds: [TEMPLATE], requestId: testId('optin'), source: 'campaign' })).code).toBe('NOT_FOUND');
    expect((await r.call('subscribeReminders', { campaignId, templateIds: ['bad id!'], requestId: testId('optin'), source: 'campaign' })).code).toBe('INVALID_INPUT');
    await db.collection('subscriptions').where({ campaignId }).remove();
  });
});

describe('push', () => {
  it('pages through more recipients than a page, resumes where it stopped, sends each person one message', async () => {
    const people = Array.from({ length: 230 }, (_, i) => `push_resident_${String(i).padStart(4, '0')}`);
    const refusing = Array.from({ length: 7 }, (_, i) => `localfail_43101_${i}`);
    await seedOptIns(campaignId, [...people, ...refusing]);
    await seedOptIns(campaignId, ['push_twice_0001'], 2); // two taps: one message now, one opt-in left
    await clearOutbox();

    const overview = await staffOk(editor, 'getPushOverview', { campaignId });
    expect(overview.optedInCampaign).toBe(230 + 7 + 1);
    const job = await staffOk(editor, 'createPushJob', { campaignId, audience: 'campaign', note: '周六前完成答题' });
    expect(job).toMatchObject({ status: 'pending', totals: { sent: 0, failed: 0, unknown: 0, remaining: 239 } });
    expect((await staffCall(editor, 'createPushJob', { campaignId, audience: 'campaign', note: '' })).code).toBe('CONFLICT');

    // One page of 100, then the run stops (as if the function had reached its time budget).
    const afterOne = await staffOk(editor, 'runPushJob', { jobId: job.id, pageSize: 100, maxPages: 1 });
    expect(afterOne.status).toBe('pending');
    expect(afterOne.totals.sent + afterOne.totals.failed).toBe(100);
    expect((await outbox()).length).toBe(100);

    // Resume until done.
    let view = afterOne;
    let runs = 0;
    while (view.status !== 'done' && runs++ < 10) view = await staffOk(editor, 'runPushJob', { jobId: job.id, pageSize: 100, maxPages: 1 });
    expect(view.status).toBe('done');
    expect(view.totals).toEqual({ sent: 231, failed: 7, unknown: 0, remaining: 0 });
    expect(view.errors).toEqual([{ errCode: 43101, count: 7 }]);
    expect(view.runs).toBeGreaterThanOrEqual(3);

    const sent = await outbox();
    const perPerson = new Map<string, number>();
    for (const row of sent) perPerson.set(row.data.touser, (perPerson.get(row.data.touser) ?? 0) + 1);
    expect(sent).toHaveLength(238);
    expect([...perPerson.values()].every((n) => n === 1)).toBe(true);
    expect(perPerson.has('push_twice_0001')).toBe(true);
    expect(sent[0].data).toMatchObject({ template_id: TEMPLATE, page: `pages/home/index?campaign=${campaignId}` });
    expect(sent[0].data.data.thing1.value).toBe('推送测试活动');
    expect(sent[0].data.data.thing3.value).toBe('周六前完成答题');
    expect(sent[0].data.data.time2.value).toMatch(/^\d{4}年\d{2}月\d{2}日 \d{2}:\d{2}$/);

    // Each opt-in used once: the person who tapped twice keeps one.
    const subs = (await db.collection('subscriptions').where({ campaignId }).limit(1000).get()).data as SubscriptionDoc[];
    expect(subs.filter((s) => s.status === 'used')).toHaveLength(231);
    expect(subs.filter((s) => s.status === 'failed').every((s) => s.errCode === 43101)).toBe(true);
    expect(subs.filter((s) => s.status === 'available').map((s) => s.openId)).toEqual(['push_twice_0001']);
    const deliveries = (await db.collection('push_deliveries').where({ jobId: job.id, status: 'failed' }).get()).data;
    expect(deliveries.every((d: { errCode: number }) => d.errCode === 43101)).toBe(true);

    // Running a finished job again sends nothing.
    await staffOk(editor, 'runPushJob', { jobId: job.id });
    expect((await outbox()).length).toBe(238);

    // The next push reaches only the opt-in that is left.
    const next = await staffOk(editor, 'createPushJob', { campaignId, audience: 'campaign', note: '' });
    const done = await staffOk(editor, 'runPushJob', { jobId: next.id });
    expect(done).toMatchObject({ status: 'done', totals: { sent: 1, failed: 0, unknown: 0, remaining: 0 } });
    expect((await outbox()).slice(238).map((r) => r.data.touser)).toEqual(['push_twice_0001']);
    const overviewAfter = await staffOk(editor, 'getPushOverview', { campaignId });
    expect(overviewAfter.optedInCampaign).toBe(0);
    expect(overviewAfter.jobs.map((j: { id: string }) => j.id)).toEqual([next.id, job.id]);
  });

  it('after a run died mid-send, the next run never sends twice and gives back untouched opt-ins', async () => {
    const id = await newCampaign('中断推送测试');
    const people = Array.from({ length: 30 }, (_, i) => `crash_resident_${String(i).padStart(3, '0')}`);
    await seedOptIns(id, people);
    await clearOutbox();
    const job = await staffOk(editor, 'createPushJob', { campaignId: id, audience: 'campaign', note: '' });
    await staffOk(editor, 'runPushJob', { jobId: job.id, pageSize: 10, maxPages: 1 });
    expect((await outbox()).length).toBe(10);

    // Simulate a run that died: it held the lease, claimed two opt-ins, created a 'sending' delivery for one
    // (the message may or may not have gone out), and never got further.
    const available = (await db.collection('subscriptions').where({ campaignId: id, status: 'available' }).orderBy('_id', 'asc').limit(2).get()).data as SubscriptionDoc[];
    const [inFlight, claimedOnly] = available;
    await db.collection('subscriptions').doc(inFlight._id).update({ status: 'claimed', jobId: job.id, runId: 'run_dead' });
    await db.collection('subscriptions').doc(claimedOnly._id).update({ status: 'claimed', jobId: job.id, runId: 'run_dead' });
    const key = `${job.id}|${inFlight.personKey}`;
    await db.collection('push_deliveries').add({ _id: key, key, jobId: job.id, personKey: inFlight.personKey, subscriptionId: inFlight._id, templateId: TEMPLATE, status: 'sending', errCode: null, errMsg: null, runId: 'run_dead', createdAt: new Date().toISOString(), doneAt: null });
    await db.collection('push_jobs').doc(job.id).update({ runId: 'run_dead', leaseUntil: Date.now() + 60_000, status: 'running' });

    // While the dead run's lease holds, nobody else runs the job.
    expect((await staffCall(editor, 'runPushJob', { jobId: job.id })).code).toBe('CONFLICT');
    // The lease runs out.
    await db.collection('push_jobs').doc(job.id).update({ leaseUntil: Date.now() - 1 });
    const view = await staffOk(editor, 'runPushJob', { jobId: job.id });
    expect(view.status).toBe('done');
    expect(view.totals).toEqual({ sent: 29, failed: 0, unknown: 1, remaining: 0 });

    const sent = await outbox();
    const tos = sent.map((r) => r.data.touser);
    expect(new Set(tos).size).toBe(tos.length);
    expect(tos).not.toContain(inFlight.openId);
    expect(tos).toContain(claimedOnly.openId);
    expect(sent).toHaveLength(29);
    const stuck = (await db.collection('push_deliveries').doc(key).get()).data[0];
    expect(stuck.status).toBe('unknown');
    expect((await db.collection('subscriptions').doc(inFlight._id).get()).data[0].status).toBe('used');
  });

  it('two runners at once never send to the same person twice', async () => {
    const id = await newCampaign('并发推送测试');
    await seedOptIns(id, Array.from({ length: 60 }, (_, i) => `race_resident_${String(i).padStart(3, '0')}`));
    await clearOutbox();
    const job = await staffOk(editor, 'createPushJob', { campaignId: id, audience: 'campaign', note: '' });
    const results = await Promise.all([1, 2, 3].map(() => staffCall(editor, 'runPushJob', { jobId: job.id, pageSize: 20 })));
    expect(results.filter((r) => r.ok).length).toBeGreaterThanOrEqual(1);
    for (const r of results) if (!r.ok) expect(r.code).toBe('CONFLICT');
    let view = await staffOk(editor, 'getPushJob', { jobId: job.id });
    while (view.status !== 'done') view = await staffOk(editor, 'runPushJob', { jobId: job.id, pageSize: 20 });
    const tos = (await outbox()).map((r) => r.data.touser);
    expect(tos).toHaveLength(60);
    expect(new Set(tos).size).toBe(60);
    expect(view.totals.sent).toBe(60);
  });

  it('the staff page can read the local outbox (the app server\'s development endpoint, editors only)', async () => {
    const res = await fetch(`${env.url}/dev/outbox?limit=5`, { headers: { cookie: editor.cookie } });
    const rows = (await res.json()) as { api: string; templateId: string; touserTail: string }[];
    expect(res.status).toBe(200);
    expect(rows.length).toBe(5);
    expect(rows[0]).toMatchObject({ api: 'subscribeMessage.send', templateId: TEMPLATE });
    expect(rows[0].touserTail.length).toBeLessThanOrEqual(7);
    const resident = new HttpResident(env.url);
    await resident.call('whoami', {}, 'staff');
    const refused = await fetch(`${env.url}/dev/outbox?limit=5`, { headers: { cookie: resident.cookie } });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses to push a draft or ended campaign', async () => {
    const draft = await staffOk(editor, 'saveCampaign', { campaign: campaignInput({ title: '草稿不能推' }) });
    expect((await staffCall(editor, 'createPushJob', { campaignId: draft.id, audience: 'campaign', note: '' })).code).toBe('CONFLICT');
  });
});
