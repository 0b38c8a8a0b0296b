/**
 * The staff function end to end (real SDK → local cloud through the local app server, identities from
 * /dev/sign-in): the role of every action for a resident, a viewer, an editor and an admin (and that a
 * refused call changes nothing), invitations (expiry, reuse, revocation), the last admin, audit entries,
 * the campaign lifecycle with a scheduled campaign going live by itself, and notices on the home page.
 */
import { startLocalEnvironment, type LocalEnvironment } from '../../appserver/localEnvironment';
import { adminApp } from '../../scripts/shared/adminApp';
import { HttpResident } from '../../scripts/testing/residentClient';
import { signedIn, staffCall, staffOk } from '../../scripts/testing/staffClient';
import { staffContract, STAFF_ACTION_ROLES, type StaffAction, type StaffRole } from '../contracts/staff';
import { campaignInput, chinaToday } from '../../scripts/testing/staffFixtures';
import { hashCode } from './members';

let env: LocalEnvironment;
let db: ReturnType<ReturnType<typeof adminApp>['database']>;
let admin: HttpResident;
let editor: HttpResident;
let viewer: HttpResident;
let resident: HttpResident;

const hour = 3600 * 1000;
const ADMIN = 'demo_admin_local';
const EDITOR = 'test_editor_0001';
const VIEWER = 'test_viewer_0001';

async function addStaff(openId: string, role: StaffRole, name: string) {
  await db.collection('staff').add({ _id: `st_${openId}`, openId, role, name, createdAt: new Date(), createdBy: 'test' });
}

const today = chinaToday;

const WATCHED = ['staff', 'invitations', 'audit_log', 'campaigns', 'notices', 'offline_events', 'push_jobs', 'push_deliveries', 'subscriptions', 'checkins', 'events', 'redeem_failures', 'town_settings'];
async function snapshot(): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const name of WATCHED) {
    const res = await db.collection(name).orderBy('_id', 'asc').limit(1000).get();
    out[name] = res.data;
  }
  return JSON.stringify(out);
}

beforeAll(async () => {
  env = await startLocalEnvironment({ port: 0, dbFile: ':memory:', allowDevSignIn: true });
  db = adminApp('local', env.localCloudUrl).database();
  await addStaff(EDITOR, 'editor', '测试编辑');
  await addStaff(VIEWER, 'viewer', '测试查看员');
  [admin, editor, viewer] = await Promise.all([signedIn(env, ADMIN), signedIn(env, EDITOR), signedIn(env, VIEWER)]);
  resident = new HttpResident(env.url);
  await resident.ok('getHome', {});
});
afterAll(async () => {
  await env?.close();
});

describe('roles: every staff action checks the caller on the server', () => {
  const RANK: Record<StaffRole, number> = { viewer: 1, editor: 2, admin: 3 };
  type Caller = 'resident' | StaffRole;
  const callers: Caller[] = ['resident', 'viewer', 'editor', 'admin'];
  const client = (c: Caller) => ({ resident, viewer, editor, admin })[c];
  const allowed = (c: Caller, min: StaffRole | 'signedIn') => min === 'signedIn' || (c !== 'resident' && RANK[c] >= RANK[min]);

  let inputs: Record<StaffAction, () => unknown>;
  beforeAll(async () => {
    const campaign = await staffOk(admin, 'saveCampaign', { campaign: campaignInput({ title: '权限测试活动' }) });
    await staffOk(admin, 'setCampaignStatus', { id: campaign.id, op: 'publish' });
    const notice = await staffOk(admin, 'saveNotice', { notice: { title: '权限测试通知', body: '内容', date: today(), status: 'draft' } });
    const opts = await staffOk(admin, 'getEditorOptions');
    const eventInput = { type: '院坝会', title: '权限测试院坝会', date: today(), villageId: opts.villages[0].id, place: '村委会', themeLaws: ['xianfa'], campaignId: campaign.id, lessonId: null, notes: '' };
    const event = await staffOk(admin, 'saveEvent', { event: eventInput });
    const job = await staffOk(admin, 'createPushJob', { campaignId: campaign.id, audience: 'campaign', note: '' });
    const invitation = await staffOk(admin, 'createInvitation', { role: 'viewer', name: '待作废' });
    await addStaff('test_member_role', 'viewer', '改角色对象');
    await addStaff('test_member_gone', 'viewer', '移除对象');
    inputs = {
      whoami: () => ({}),
      me: () => ({}),
      redeemInvitation: () => ({ code: 'ZZZZ-ZZZ2' }),
      createInvitation: () => ({ role: 'viewer', name: '新同事' }),
      listInvitations: () => ({}),
      revokeInvitation: () => ({ id: invitation.id }),
      listStaff: () => ({}),
      changeRole: () => ({ id: 'st_test_member_role', role: 'editor' }),
      removeStaff: () => ({ id: 'st_test_member_gone' }),
      listAudit: () => ({ limit: 10 }),
      getEditorOptions: () => ({}),
      listCampaigns: () => ({}),
      getCampaign: () => ({ id: campaign.id }),
      saveCampaign: () => ({ id: campaign.id, campaign: campaignInput({ title: '权限测试活动（改）' }) }),
      setCampaignStatus: () => ({ id: campaign.id, op: 'publish' }),
      pinCampaign: () => ({ id: campaign.id, pinned: true }),
      previewCampaign: () => ({ id: campaign.id }),
      listNotices: () => ({}),
      saveNotice: () => ({ id: notice.id, notice: { title: '权限测试通知（改）', body: '内容', date: today(), status: 'draft' } }),
      archiveNotice: () => ({ id: notice.id }),
      listEvents: () => ({}),
      getEvent: () => ({ id: event.id }),
      saveEvent: () => ({ id: event.id, event: { ...eventInput, place: '文化广场' } }),
      recordEventNumbers: () => ({ id: event.id, attendees: 30, leaflets: 100, banners: 2 }),
      archiveEvent: () => ({ id: event.id }),
      getEventCode: () => ({ id: event.id, h5Base: env.url }),
      getTownSettings: () => ({}),
      saveTownSettings: () => ({ town: { villages: opts.villages.map((v: { id: string; name: string }) => ({ id: v.id, name: v.name, population: null })), station: { address: '', phones: [], hours: '' }, advisers: [] } }),
      getPushOverview: () => ({ campaignId: campaign.id }),
      createPushJob: () => ({ campaignId: campaign.id, audience: 'all', note: '' }),
      runPushJob: () => ({ jobId: job.id }),
      getPushJob: () => ({ jobId: job.id }),
    };
  });

  // The rule, written out independently of the contract: admin manages staff and reads the audit log;
  // editors run campaigns, notices, offline events and pushes; viewers only see the dashboard (reports function).
  const EXPECTED: Record<StaffAction, StaffRole | 'signedIn'> = {
    whoami: 'signedIn', redeemInvitation: 'signedIn', me: 'viewer',
    createInvitation: 'admin', listInvitations: 'admin', revokeInvitation: 'admin', listStaff: 'admin', changeRole: 'admin', removeStaff: 'admin', listAudit: 'admin',
    getEditorOptions: 'editor', listCampaigns: 'editor', getCampaign: 'editor', saveCampaign: 'editor', setCampaignStatus: 'editor', pinCampaign: 'editor', previewCampaign: 'editor',
    listNotices: 'editor', saveNotice: 'editor', archiveNotice: 'editor',
    listEvents: 'editor', getEvent: 'editor', saveEvent: 'editor', recordEventNumbers: 'editor', archiveEvent: 'editor', getEventCode: 'editor',
    getTownSettings: 'admin', saveTownSettings: 'admin',
    getPushOverview: 'editor', createPushJob: 'editor', runPushJob: 'editor', getPushJob: 'editor',
  };

  it('the role table names every action of the contract, with the roles the issue gives', () => {
    expect(Object.keys(STAFF_ACTION_ROLES).sort()).toEqual(Object.keys(staffContract).sort());
    expect(STAFF_ACTION_ROLES).toEqual(EXPECTED);
    expect(Object.keys(inputs).sort()).toEqual(Object.keys(staffContract).sort());
  });

  // Admin-only actions first, then editor ones: a refused call must leave every watched collection as it was.
  const order = (Object.keys(STAFF_ACTION_ROLES) as StaffAction[]).sort((a, b) => (a === 'archiveEvent' || a === 'removeStaff' ? 1 : 0) - (b === 'archiveEvent' || b === 'removeStaff' ? 1 : 0));
  it.each(order)('%s', async (name) => {
    const min = EXPECTED[name];
    const input = inputs[name]();
    for (const caller of callers) {
      if (allowed(caller, min)) continue;
      const before = await snapshot();
      const r = await staffCall(client(caller), name, input);
      expect({ caller, code: r.code }).toEqual({ caller, code: 'FORBIDDEN' });
      expect(r.message).toMatch(/工作人员|权限/);
      expect(await snapshot()).toBe(before);
    }
    for (const caller of callers) {
      if (!allowed(caller, min)) continue;
      const r = await staffCall(client(caller), name, input);
      // Allowed callers get past the role check (the action may still refuse for its own reasons).
      expect({ caller, code: r.ok ? 'ok' : r.code }).not.toEqual({ caller, code: 'FORBIDDEN' });
    }
  });

  it('an unknown caller (no identity) is refused before any action runs', async () => {
    const { main } = await import('./index');
    const r = (await main({ action: 'listStaff', input: {} }, {})) as { ok: boolean; code: string };
    expect(r).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });
});

describe('invitations', () => {
  it('a code makes the redeemer staff with the invited role, once; it is stored only as a hash', async () => {
    const inv = await staffOk(admin, 'createInvitation', { role: 'editor', name: '李编辑' });
    expect(inv.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(Date.parse(inv.expiresAt) - Date.parse(inv.createdAt)).toBe(24 * hour);
    const stored = (await db.collection('invitations').doc(inv.id).get()).data[0];
    expect(JSON.stringify(stored)).not.toContain(inv.code.replace('-', ''));
    expect(stored.code).toBe(hashCode(inv.code));

    const newcomer = new HttpResident(env.url);
    expect((await staffCall(newcomer, 'me')).code).toBe('FORBIDDEN');
    const who = await staffOk(newcomer, 'whoami');
    expect(who.staff).toBeNull();
    expect(who.openId).toMatch(/^h5_/);
    const me = await staffOk(newcomer, 'redeemInvitation', { code: inv.code.toLowerCase().replace('-', ' ') });
    expect(me).toMatchObject({ role: 'editor', name: '李编辑', canEdit: true, isAdmin: false });
    expect((await staffOk(newcomer, 'me')).role).toBe('editor');
    expect((await newcomer.ok('getProfile', {})).isStaff).toBe(true);

    // Reuse: by someone else, and by the same person again.
    const other = new HttpResident(env.url);
    const reuse = await staffCall(other, 'redeemInvitation', { code: inv.code });
    expect(reuse.code).toBe('CONFLICT');
    expect(reuse.message).toMatch(/已经被使用/);
    expect((await staffCall(other, 'me')).code).toBe('FORBIDDEN');
    expect((await staffCall(newcomer, 'redeemInvitation', { code: inv.code })).code).toBe('CONFLICT');

    const list = await staffOk(admin, 'listInvitations');
    expect(list.find((i: { id: string }) => i.id === inv.id)).toMatchObject({ status: 'used', usedByName: '李编辑' });
    const audit = await staffOk(admin, 'listAudit', { limit: 20 });
    expect(audit.find((a: { action: string; target: string }) => a.action === 'staff.join')).toMatchObject({ actorName: '李编辑', actorRole: 'editor' });
  });

  it('an expired code is refused (24 h after it was made) and changes nothing', async () => {
    const inv = await staffOk(admin, 'createInvitation', { role: 'viewer', name: '过期的人' });
    // 24 hours pass: the stored expiry moves into the past.
    await db.collection('invitations').doc(inv.id).update({ expiresAt: new Date(Date.now() - 1000).toISOString() });
    const late = new HttpResident(env.url);
    const r = await staffCall(late, 'redeemInvitation', { code: inv.code });
    expect(r).toMatchObject({ ok: false, code: 'NOT_AVAILABLE' });
    expect(r.message).toMatch(/过期/);
    expect((await staffCall(late, 'me')).code).toBe('FORBIDDEN');
    expect((await db.collection('invitations').doc(inv.id).get()).data[0].status).toBe('open');
    expect((await staffOk(admin, 'listInvitations')).find((i: { id: string }) => i.id === inv.id).status).toBe('expired');
  });

  it('a revoked code is refused; wrong codes are limited per day', async () => {
    const inv = await staffOk(admin, 'createInvitation', { role: 'viewer', name: '作废的人' });
    await staffOk(admin, 'revokeInvitation', { id: inv.id });
    const someone = new HttpResident(env.url);
    expect((await staffCall(someone, 'redeemInvitation', { code: inv.code })).code).toBe('NOT_AVAILABLE');
    const guesser = new HttpResident(env.url);
    for (let i = 0; i < 10; i++) expect((await staffCall(guesser, 'redeemInvitation', { code: `WRNG-CD${String.fromCharCode(65 + i)}2` })).code).toBe('NOT_FOUND');
    const valid = await staffOk(admin, 'createInvitation', { role: 'viewer', name: '猜码的人' });
    expect((await staffCall(guesser, 'redeemInvitation', { code: valid.code })).code).toBe('DAILY_LIMIT');
  });
});

describe('members and the last admin', () => {
  it('admins change roles and remove staff, but the last admin stays', async () => {
    await addStaff('test_admin_two', 'admin', '第二管理员');
    const second = await signedIn(env, 'test_admin_two');
    const staffList = await staffOk(admin, 'listStaff');
    const me = staffList.find((s: { isMe: boolean }) => s.isMe);
    expect(me.name).toBe('演示管理员');
    expect(staffList.every((s: Record<string, unknown>) => !('openId' in s))).toBe(true);

    // Two admins: one may demote the other.
    await staffOk(admin, 'changeRole', { id: 'st_test_admin_two', role: 'editor' });
    expect((await staffOk(second, 'me')).role).toBe('editor');
    expect((await staffCall(second, 'listStaff')).code).toBe('FORBIDDEN');

    // Now demo admin is the only admin: it can be neither demoted nor removed, by itself.
    const demote = await staffCall(admin, 'changeRole', { id: me.id, role: 'viewer' });
    expect(demote).toMatchObject({ ok: false, code: 'CONFLICT' });
    const remove = await staffCall(admin, 'removeStaff', { id: me.id });
    expect(remove).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(remove.message).toMatch(/最后一名管理员/);
    expect((await db.collection('staff').where({ role: 'admin' }).count()).total).toBe(1);

    // With a second admin again, the first one can go.
    await staffOk(admin, 'changeRole', { id: 'st_test_admin_two', role: 'admin' });
    await staffOk(second, 'removeStaff', { id: 'st_test_admin_two' });
    expect((await staffCall(second, 'me')).code).toBe('FORBIDDEN');
    expect((await db.collection('staff').where({ role: 'admin' }).count()).total).toBe(1);
  });
});

describe('campaigns', () => {
  it('a draft is invisible to residents; publishing puts it on the home page; unpublish and archive take it off', async () => {
    const made = await staffOk(editor, 'saveCampaign', { campaign: campaignInput({ title: '编辑新建的活动' }) });
    expect(made).toMatchObject({ state: 'draft', source: 'staff', version: 1 });
    expect(made.poolSize).toBeGreaterThanOrEqual(5);
    const homeIds = async () => (await resident.ok('getHome', {})).campaigns.map((c: { id: string }) => c.id);
    expect(await homeIds()).not.toContain(made.id);

    const preview = await staffOk(editor, 'previewCampaign', { id: made.id });
    expect(preview.card.title).toBe('编辑新建的活动');
    expect(preview.sampleQuestions).toHaveLength(5);
    expect(JSON.stringify(preview.sampleQuestions)).not.toMatch(/"answer"|explanation/);
    expect(preview.warnings.join()).toMatch(/草稿/);

    const live = await staffOk(editor, 'setCampaignStatus', { id: made.id, op: 'publish' });
    expect(live.state).toBe('live');
    expect(await homeIds()).toContain(made.id);
    const quiz = await resident.ok('startQuiz', { campaignId: made.id, attemptId: `staffcampaign_${Date.now()}_x` });
    expect(quiz.questions).toHaveLength(5);

    await staffOk(editor, 'pinCampaign', { id: made.id, pinned: true });
    const pinnedFirst = await homeIds();
    const unpinned = (await db.collection('campaigns').where({ pinned: false }).field({ _id: true }).limit(100).get()).data.map((c: { _id: string }) => c._id);
    for (const id of unpinned) if (pinnedFirst.includes(id)) expect(pinnedFirst.indexOf(made.id)).toBeLessThan(pinnedFirst.indexOf(id));

    expect((await staffOk(editor, 'setCampaignStatus', { id: made.id, op: 'unpublish' })).state).toBe('draft');
    expect(await homeIds()).not.toContain(made.id);
    expect((await staffOk(editor, 'setCampaignStatus', { id: made.id, op: 'archive' })).state).toBe('archived');
    expect((await staffOk(editor, 'listCampaigns', { state: 'archived' })).map((c: { id: string }) => c.id)).toContain(made.id);
    expect((await staffOk(editor, 'listCampaigns', { state: 'live' })).map((c: { id: string }) => c.id)).not.toContain(made.id);
  });

  it('a scheduled campaign goes live when its start passes, without any action', async () => {
    const start = Date.now() + 3500;
    const made = await staffOk(editor, 'saveCampaign', { campaign: campaignInput({ title: '排期活动', start: new Date(start).toISOString() }) });
    const scheduled = await staffOk(editor, 'setCampaignStatus', { id: made.id, op: 'schedule' });
    expect(scheduled.state).toBe('scheduled');
    expect((await resident.ok('getHome', {})).campaigns.map((c: { id: string }) => c.id)).not.toContain(made.id);
    expect((await resident.call('startQuiz', { campaignId: made.id, attemptId: `sched_before_${Date.now()}_x` })).code).toBe('NOT_AVAILABLE');
    const writesBefore = (await db.collection('audit_log').where({ target: `campaign:${made.id}` }).count()).total;

    while (Date.now() <= start + 50) await new Promise((r) => setTimeout(r, 100));

    expect((await resident.ok('getHome', {})).campaigns.map((c: { id: string }) => c.id)).toContain(made.id);
    expect((await staffOk(editor, 'getCampaign', { id: made.id })).state).toBe('live');
    expect((await resident.ok('startQuiz', { campaignId: made.id, attemptId: `sched_after_${Date.now()}_x` })).questions.length).toBe(5);
    // Nobody touched it in between.
    expect((await db.collection('audit_log').where({ target: `campaign:${made.id}` }).count()).total).toBe(writesBefore);
    expect((await db.collection('campaigns').doc(made.id).get()).data[0].status).toBe('published');
  });

  it('refuses what would break the resident side; publishing early starts it now', async () => {
    const tooFew = await staffOk(editor, 'saveCampaign', { campaign: campaignInput({ title: '题太少', quiz: { questionsPerQuiz: 30, passMark: 60, attemptsPerDay: 1, pool: { laws: [], tags: [], questionIds: [] } }, themeLaws: ['xianfa'] }) });
    const r = await staffCall(editor, 'setCampaignStatus', { id: tooFew.id, op: 'publish' });
    expect(r).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(r.message).toMatch(/题库只有/);

    const bad = await staffCall(editor, 'saveCampaign', { campaign: campaignInput({ themeLaws: ['no-such-law'] }) });
    expect(bad).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const backwards = await staffCall(editor, 'saveCampaign', { campaign: campaignInput({ start: new Date(Date.now() + 5 * hour).toISOString(), end: new Date(Date.now() + hour).toISOString() }) });
    expect(backwards).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'campaign.end' });

    const future = await staffOk(editor, 'saveCampaign', { campaign: campaignInput({ title: '提前发布', start: new Date(Date.now() + 24 * hour).toISOString() }) });
    const published = await staffOk(editor, 'setCampaignStatus', { id: future.id, op: 'publish' });
    expect(published.state).toBe('live');
    expect(Date.parse(published.start)).toBeLessThanOrEqual(Date.now());
  });

  it('a stale edit is refused; editing a content campaign makes it staff-owned', async () => {
    const made = await staffOk(editor, 'saveCampaign', { campaign: campaignInput({ title: '并发修改' }) });
    await staffOk(editor, 'saveCampaign', { id: made.id, expectedVersion: 1, campaign: campaignInput({ title: '并发修改 A' }) });
    const stale = await staffCall(admin, 'saveCampaign', { id: made.id, expectedVersion: 1, campaign: campaignInput({ title: '并发修改 B' }) });
    expect(stale).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect((await staffOk(editor, 'getCampaign', { id: made.id })).title).toBe('并发修改 A');

    const content = (await staffOk(editor, 'listCampaigns', {})).find((c: { source: string }) => c.source === 'content');
    const full = await staffOk(editor, 'getCampaign', { id: content.id });
    const edited = await staffOk(editor, 'saveCampaign', {
      id: content.id,
      expectedVersion: full.version,
      campaign: { title: `${full.title}（镇里版）`, summary: full.summary, bannerText: full.bannerText, bannerImage: null, start: full.start, end: full.end, themeLaws: full.themeLaws, lessonIds: full.lessonIds, quiz: full.quiz },
    });
    expect(edited).toMatchObject({ source: 'staff', version: full.version + 1 });
  });

  it('a banner image from cloud storage is accepted and shown; anything else is refused', async () => {
    const app = adminApp('local', env.localCloudUrl);
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const up = await app.uploadFile({ cloudPath: 'banners/test/banner.png', fileContent: png });
    const made = await staffOk(editor, 'saveCampaign', { campaign: campaignInput({ title: '有横幅图', bannerImage: up.fileID }) });
    expect(made.bannerImage).toBe(up.fileID);
    const res = await fetch(made.bannerImageUrl);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);
    expect((await staffCall(editor, 'saveCampaign', { campaign: campaignInput({ bannerImage: 'https://example.com/x.png' }) })).code).toBe('INVALID_INPUT');
  });
});

describe('notices', () => {
  it('published notices show on the home page, newest date first; drafts and archived ones do not', async () => {
    const older = await staffOk(editor, 'saveNotice', { notice: { title: '旧通知', body: '上月的通知', date: '2026-11-01', status: 'published' } });
    const newer = await staffOk(editor, 'saveNotice', { notice: { title: '新通知', body: '本周六院坝会', date: '2026-11-28', status: 'published' } });
    const draft = await staffOk(editor, 'saveNotice', { notice: { title: '草稿通知', body: '还没发', date: '2026-11-29', status: 'draft' } });
    const ids = async () => (await resident.ok('getHome', {})).notices.map((n: { id: string }) => n.id);
    let shown = await ids();
    expect(shown.indexOf(newer.id)).toBeLessThan(shown.indexOf(older.id));
    expect(shown).not.toContain(draft.id);
    await staffOk(editor, 'saveNotice', { id: draft.id, notice: { title: '草稿通知', body: '现在发了', date: '2026-11-29', status: 'published' } });
    await staffOk(editor, 'archiveNotice', { id: older.id });
    shown = await ids();
    expect(shown).toContain(draft.id);
    expect(shown).not.toContain(older.id);
    expect((await resident.ok('getHome', {})).notices.find((n: { id: string }) => n.id === draft.id).body).toBe('现在发了');
  });
});

describe('audit log', () => {
  it('records who did what to which target, and when; admins read it newest first', async () => {
    const t0 = Date.now();
    const made = await staffOk(editor, 'saveCampaign', { campaign: campaignInput({ title: '审计测试' }) });
    await staffOk(editor, 'setCampaignStatus', { id: made.id, op: 'publish' });
    const entries = await staffOk(admin, 'listAudit', { limit: 5 });
    const mine = entries.filter((e: { target: string }) => e.target === `campaign:${made.id}`);
    expect(mine.map((e: { action: string }) => e.action)).toEqual(['campaign.publish', 'campaign.create']);
    for (const e of mine) {
      expect(e).toMatchObject({ actorName: '测试编辑', actorRole: 'editor' });
      expect(Date.parse(e.at)).toBeGreaterThanOrEqual(t0 - 1000);
    }
    expect(mine[0].details).toMatchObject({ title: '审计测试', from: 'draft', to: 'live' });
    // What staff read: Chinese words, no raw state, role or id
    expect(mine[0]).toMatchObject({ actionLabel: '发布活动', actorRoleLabel: '编辑', summary: '“审计测试” · 草稿 → 进行中' });
    for (const e of entries) expect(`${e.actionLabel} ${e.actorRoleLabel} ${e.summary}`).not.toMatch(/draft|live|viewer|editor|admin|st_|campaign:|event:/);
    const page2 = await staffOk(admin, 'listAudit', { limit: 5, before: entries[entries.length - 1].at });
    expect(page2.length).toBeGreaterThan(0);
    expect(Date.parse(page2[0].at)).toBeLessThan(Date.parse(entries[entries.length - 1].at));
    // Reads are not audited; a refused write is not either.
    const count = (await db.collection('audit_log').count()).total;
    await staffOk(editor, 'listCampaigns', {});
    await staffCall(viewer, 'saveNotice', { notice: { title: 'x', body: 'x', date: today(), status: 'draft' } });
    expect((await db.collection('audit_log').count()).total).toBe(count);
  });
});
