/**
 * Content sync against a local cloud: idempotent upsert by id, a new version on change, archival (never
 * deletion) of items removed from content/, staff-owned campaign fields kept; and the two command-line tools
 * (`npm run content:sync`, `npm run staff`) run as a person would run them.
 */
import path from 'node:path';
import { spawn } from 'node:child_process';
import { collections } from '../cloudfunctions/shared/collections';
import { startTestCloud, type TestCloud } from '../localcloud/testkit';
import { defaultPaths, loadLibrary } from './library';
import { toDocuments, type ContentDocs } from './toDocuments';
import { syncContent } from './sync';
import { ensureEditions } from '../cloudfunctions/shared/campaignEditions';
import { runStaffCommand } from '../scripts/staff/cli';
import type { AdminDb } from '../scripts/shared/adminApp';

let tc: TestCloud;
let db: AdminDb;
let base: ContentDocs;

const repoRoot = path.resolve(__dirname, '..');
/** Before any 2026 edition ended, and no 2027 edition due yet: the content campaigns are exactly the 2026 editions. */
const JAN_2026 = new Date('2026-01-15T12:00:00+08:00');
const sync = (docs: ContentDocs, now = JAN_2026) => syncContent(db, docs, now);
const clone = (d: ContentDocs): ContentDocs => JSON.parse(JSON.stringify(d)) as ContentDocs;
const get = async (collection: string, id: string) => (await db.collection(collection).doc(id).get()).data[0] as Record<string, any>;
const count = async (collection: string) => (await db.collection(collection).count()).total ?? 0;

beforeAll(async () => {
  tc = await startTestCloud({ collections });
  db = tc.db as unknown as AdminDb;
  const { library } = loadLibrary(defaultPaths());
  base = toDocuments(library);
});
afterAll(async () => {
  await tc?.close();
});

describe('syncContent', () => {
  it('inserts everything once, then changes nothing on a second run', async () => {
    const first = await sync(clone(base));
    expect(first.lessons.inserted).toBe(base.lessons.length);
    expect(first.questions.inserted).toBe(base.questions.length);
    expect(first.campaigns.inserted).toBe(base.campaigns.length);
    const second = await sync(clone(base));
    for (const k of ['laws', 'lessons', 'questions', 'campaignTemplates', 'campaigns', 'town'] as const) {
      expect({ k, ...second[k] }).toEqual({ k, inserted: 0, updated: 0, unchanged: k === 'town' ? 1 : base[k].length, archived: 0 });
    }
    expect(await count('questions')).toBe(base.questions.length);
    const law = await get('laws', String(base.laws[0]._id));
    expect(law.version).toBe(1);
    expect(law.textVersion).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('a changed item gets a new version; the others stay as they are', async () => {
    const docs = clone(base);
    const lesson = docs.lessons[0];
    lesson.body = `${String(lesson.body)}\n\n（补充一句）`;
    const question = docs.questions[3];
    question.explanation = `${String(question.explanation)}（修订）`;
    const untouched = await get('questions', String(docs.questions[4]._id));
    const s = await sync(docs);
    expect(s.lessons).toEqual({ inserted: 0, updated: 1, unchanged: base.lessons.length - 1, archived: 0 });
    expect(s.questions).toEqual({ inserted: 0, updated: 1, unchanged: base.questions.length - 1, archived: 0 });
    expect(await get('lessons', String(lesson._id))).toMatchObject({ version: 2, archived: false });
    expect((await get('lessons', String(lesson._id))).body).toContain('补充一句');
    expect((await get('questions', String(question._id))).version).toBe(2);
    expect(await get('questions', String(docs.questions[4]._id))).toEqual(untouched);
    // The same content again: idempotent.
    const again = await sync(docs);
    expect(again.lessons.updated + again.questions.updated).toBe(0);
    base = docs;
  });

  it('items removed from content/ are archived, never deleted, and come back when restored', async () => {
    const docs = clone(base);
    const [goneQ] = docs.questions.splice(5, 1);
    const [goneL] = docs.lessons.splice(2, 1);
    const before = await count('questions');
    const s = await sync(docs);
    expect(s.questions.archived).toBe(1);
    expect(s.lessons.archived).toBe(1);
    expect(await count('questions')).toBe(before);
    expect(await get('questions', String(goneQ._id))).toMatchObject({ archived: true, version: 1 });
    expect((await get('lessons', String(goneL._id))).archived).toBe(true);
    // Archiving twice does nothing more.
    expect((await sync(docs)).questions.archived).toBe(0);

    const back = await sync(clone(base));
    expect(back.questions).toMatchObject({ updated: 1, archived: 0 });
    expect(await get('questions', String(goneQ._id))).toMatchObject({ archived: false, version: 1 });
    expect((await get('lessons', String(goneL._id))).archived).toBe(false);
  });

  it('campaigns: staff status, pin and banner survive content changes; sync archives and restores only its own', async () => {
    const [a, b, c] = base.campaigns.map((x) => String(x._id));
    // Staff decisions: a is pinned with a banner image, b archived by staff, c unpublished to draft.
    await db.collection('campaigns').doc(a).update({ pinned: true, bannerImage: 'cloud://local.x/banners/a.png' });
    await db.collection('campaigns').doc(b).update({ status: 'archived' });
    await db.collection('campaigns').doc(c).update({ status: 'draft' });
    const changed = clone(base);
    for (const x of changed.campaigns) x.summary = `${String(x.summary)}（新版）`;
    const s = await sync(changed);
    expect(s.campaigns.updated).toBe(base.campaigns.length);
    expect(await get('campaigns', a)).toMatchObject({ pinned: true, bannerImage: 'cloud://local.x/banners/a.png', status: 'published', version: 2 });
    expect((await get('campaigns', b)).status).toBe('archived');
    expect((await get('campaigns', c)).status).toBe('draft');

    // c's template leaves content/: its edition is archived by sync; when it returns it is a draft again (what staff had set).
    const without = clone(changed);
    without.campaignTemplates = without.campaignTemplates.filter((x) => x._id !== c);
    without.campaigns = without.campaigns.filter((x) => x._id !== c);
    expect((await sync(without)).campaigns.archived).toBe(1);
    expect(await get('campaigns', c)).toMatchObject({ status: 'archived', archivedBySync: true });
    expect((await sync(changed)).campaigns.updated).toBe(1);
    expect(await get('campaigns', c)).toMatchObject({ status: 'draft', archivedBySync: false });

    // A campaign staff made (or took over) is never touched by sync, even with the same id or when absent.
    await db.collection('campaigns').doc(a).update({ source: 'staff', title: '镇里改过的标题' });
    const edited = clone(changed);
    edited.campaigns[0].title = '内容库里的新标题';
    edited.campaigns = edited.campaigns.filter((x) => x._id !== a).concat(edited.campaigns.filter((x) => x._id === a));
    await sync(edited);
    expect((await get('campaigns', a)).title).toBe('镇里改过的标题');
    await sync({ ...edited, campaigns: edited.campaigns.filter((x) => x._id !== a) });
    expect((await get('campaigns', a)).status).toBe('published');
  });
});

describe('yearly editions of the standing campaigns', () => {
  let fresh: TestCloud;
  let fdb: AdminDb;
  const fget = async (id: string) => (await fdb.collection('campaigns').doc(id).get()).data[0] as Record<string, any>;
  beforeAll(async () => {
    fresh = await startTestCloud({ collections });
    fdb = fresh.db as unknown as AdminDb;
  });
  afterAll(async () => {
    await fresh?.close();
  });

  it('the 2026 campaigns become the 2026 editions under their ids; staff edits of one year survive sync; ended years are left as they were', async () => {
    // A database from before templates: march-pufa as content sync wrote it, consumer-315 taken over by staff.
    await fdb.collection('campaigns').add({ _id: 'march-pufa', title: '三月普法月', summary: '旧', start: '2026-02-28T16:00:00.000Z', end: '2026-03-31T15:59:59.000Z', status: 'published', pinned: true, source: 'content', hash: 'old', version: 3 });
    await fdb.collection('campaigns').add({ _id: 'consumer-315', title: '镇里改的 3·15', summary: '镇里写的', start: '2026-03-10T00:00:00.000Z', end: '2026-03-20T00:00:00.000Z', status: 'published', pinned: false, source: 'staff', version: 5 });
    const december = new Date('2026-12-06T10:00:00+08:00');
    const first = await syncContent(fdb, clone(base), december);
    // Seven 2026 editions (five inserted, march-pufa rewritten, consumer-315 left to staff) and the 2027 year-round edition, due 60 days ahead.
    expect(first.campaigns).toEqual({ inserted: 6, updated: 1, unchanged: 1, archived: 0 });
    expect(await fget('march-pufa')).toMatchObject({ templateId: 'march-pufa', year: 2026, version: 4, pinned: true, start: '2026-02-28T16:00:00.000Z', end: '2026-03-31T15:59:59.999Z' });
    expect(await fget('consumer-315')).toMatchObject({ templateId: 'consumer-315', year: 2026, title: '镇里改的 3·15', summary: '镇里写的', version: 5, source: 'staff' });
    expect(await fget('legal-aid-antifraud-2027')).toMatchObject({ templateId: 'legal-aid-antifraud', year: 2027, status: 'published', start: '2026-12-31T16:00:00.000Z' });
    expect((await fget('legal-aid-antifraud-2027')).summary).toMatch(/^2027 年全年/);
    expect((await fget('legal-aid-antifraud')).summary).toMatch(/^2026 年全年/);

    // The timer makes march-pufa-2027 on 31 December; staff move its dates and rewrite its summary and pool.
    expect((await ensureEditions(fdb as never, new Date('2026-12-31T01:00:00+08:00'))).created).toEqual(['march-pufa-2027']);
    await fdb.collection('campaigns').doc('march-pufa-2027').update({ start: '2027-03-02T16:00:00.000Z', summary: '2027 年镇里的安排', quiz: { questionsPerQuiz: 5, passMark: 60, attemptsPerDay: 3, pool: { laws: ['xianfa'], tags: [] } }, source: 'staff', version: 2 });

    // content/ changes every template's summary; sync in January 2027.
    const changed = clone(base);
    for (const t of changed.campaignTemplates) t.summary = `${t.summary}（新版）`;
    const january = new Date('2027-01-02T10:00:00+08:00');
    const s = await syncContent(fdb, changed, january);
    expect(s.campaignTemplates.updated).toBe(base.campaignTemplates.length);
    // Updated: the editions not ended and not staff's (constitution-1204 ended 7 Dec; legal-aid-antifraud 2026 ended 31 Dec).
    expect(s.campaigns).toEqual({ inserted: 0, updated: 1, unchanged: 8, archived: 0 });
    expect(await fget('legal-aid-antifraud-2027')).toMatchObject({ version: 2, summary: expect.stringContaining('（新版）') });
    expect(await fget('march-pufa-2027')).toMatchObject({ start: '2027-03-02T16:00:00.000Z', summary: '2027 年镇里的安排', version: 2, source: 'staff' });
    expect((await fget('march-pufa-2027')).quiz.questionsPerQuiz).toBe(5);
    expect((await fget('legal-aid-antifraud')).summary).not.toContain('（新版）');
    expect((await fget('march-pufa')).summary).not.toContain('（新版）');
    // The template itself changed, the staff's year did not; a sync that changes nothing changes nothing.
    expect((await syncContent(fdb, changed, january)).campaigns).toEqual({ inserted: 0, updated: 0, unchanged: 9, archived: 0 });
  });
});

/** Runs a tool in a child process (asynchronously: the local cloud answering it lives in this process). */
function tsx(script: string, args: string[]): Promise<{ status: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(repoRoot, 'node_modules/.bin/tsx'), [script, ...args], { cwd: repoRoot, env: { ...process.env, LOCALCLOUD_URL: tc.cloud.url } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, out }));
  });
}

describe('command-line tools', () => {
  it('npm run content:sync -- --env local checks content/ and leaves an up-to-date database as it is', async () => {
    const { library } = loadLibrary(defaultPaths());
    await syncContent(db, toDocuments(library));
    const run = await tsx('content-compiler/syncCli.ts', ['--env', 'local', '--url', tc.cloud.url]);
    expect(run.out).toMatch(/课程 新增0 更新0 未变\d+；题目 新增0 更新0 未变\d+；活动 新增0 更新0 未变\d+/);
    expect(run.status).toBe(0);
    expect((await tsx('content-compiler/syncCli.ts', [])).status).toBe(1);
  });

  it('npm run staff -- add makes the first admin; the last admin cannot be removed', async () => {
    const lines: string[] = [];
    await runStaffCommand(['add', '--openid', 'oFirstAdmin_0001', '--role', 'admin', '--name', '镇司法所', '--env', 'local', '--url', tc.cloud.url], (s) => lines.push(s));
    const staff = (await db.collection('staff').where({ openId: 'oFirstAdmin_0001' }).get()).data[0];
    expect(staff).toMatchObject({ role: 'admin', name: '镇司法所' });
    expect((await db.collection('audit_log').where({ action: 'staff.add' }).count()).total).toBe(1);
    await runStaffCommand(['add', '--openid', 'oFirstAdmin_0001', '--role', 'viewer', '--url', tc.cloud.url], (s) => lines.push(s));
    expect(lines[1]).toMatch(/已经是工作人员/);
    await expect(runStaffCommand(['remove', '--openid', 'oFirstAdmin_0001', '--url', tc.cloud.url], () => undefined)).rejects.toThrow(/最后一名管理员/);
    await expect(runStaffCommand(['add', '--openid', 'x', '--role', 'boss', '--url', tc.cloud.url], () => undefined)).rejects.toThrow();
    // The real command line, as `npm run staff -- add …` runs it.
    const cli = await tsx('scripts/staff/cli.ts', ['add', '--openid', 'oSecondStaff_02', '--role', 'editor', '--env', 'local']);
    expect(cli.status).toBe(0);
    expect(cli.out).toMatch(/已添加工作人员/);
    expect((await db.collection('staff').where({ openId: 'oSecondStaff_02' }).get()).data[0].role).toBe('editor');
  });
});
