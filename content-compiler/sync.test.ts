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
import { runStaffCommand } from '../scripts/staff/cli';
import type { AdminDb } from '../scripts/shared/adminApp';

let tc: TestCloud;
let db: AdminDb;
let base: ContentDocs;

const repoRoot = path.resolve(__dirname, '..');
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
    const first = await syncContent(db, clone(base));
    expect(first.lessons.inserted).toBe(base.lessons.length);
    expect(first.questions.inserted).toBe(base.questions.length);
    expect(first.campaigns.inserted).toBe(base.campaigns.length);
    const second = await syncContent(db, clone(base));
    for (const k of ['laws', 'lessons', 'questions', 'campaigns', 'town'] as const) {
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
    const s = await syncContent(db, docs);
    expect(s.lessons).toEqual({ inserted: 0, updated: 1, unchanged: base.lessons.length - 1, archived: 0 });
    expect(s.questions).toEqual({ inserted: 0, updated: 1, unchanged: base.questions.length - 1, archived: 0 });
    expect(await get('lessons', String(lesson._id))).toMatchObject({ version: 2, archived: false });
    expect((await get('lessons', String(lesson._id))).body).toContain('补充一句');
    expect((await get('questions', String(question._id))).version).toBe(2);
    expect(await get('questions', String(docs.questions[4]._id))).toEqual(untouched);
    // The same content again: idempotent.
    const again = await syncContent(db, docs);
    expect(again.lessons.updated + again.questions.updated).toBe(0);
    base = docs;
  });

  it('items removed from content/ are archived, never deleted, and come back when restored', async () => {
    const docs = clone(base);
    const [goneQ] = docs.questions.splice(5, 1);
    const [goneL] = docs.lessons.splice(2, 1);
    const before = await count('questions');
    const s = await syncContent(db, docs);
    expect(s.questions.archived).toBe(1);
    expect(s.lessons.archived).toBe(1);
    expect(await count('questions')).toBe(before);
    expect(await get('questions', String(goneQ._id))).toMatchObject({ archived: true, version: 1 });
    expect((await get('lessons', String(goneL._id))).archived).toBe(true);
    // Archiving twice does nothing more.
    expect((await syncContent(db, docs)).questions.archived).toBe(0);

    const back = await syncContent(db, clone(base));
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
    const s = await syncContent(db, changed);
    expect(s.campaigns.updated).toBe(base.campaigns.length);
    expect(await get('campaigns', a)).toMatchObject({ pinned: true, bannerImage: 'cloud://local.x/banners/a.png', status: 'published', version: 2 });
    expect((await get('campaigns', b)).status).toBe('archived');
    expect((await get('campaigns', c)).status).toBe('draft');

    // c leaves content/: archived by sync; when it returns it is a draft again (what staff had set).
    const without = clone(changed);
    without.campaigns = without.campaigns.filter((x) => x._id !== c);
    expect((await syncContent(db, without)).campaigns.archived).toBe(1);
    expect(await get('campaigns', c)).toMatchObject({ status: 'archived', archivedBySync: true });
    expect((await syncContent(db, changed)).campaigns.updated).toBe(1);
    expect(await get('campaigns', c)).toMatchObject({ status: 'draft', archivedBySync: false });

    // A campaign staff made (or took over) is never touched by sync, even with the same id or when absent.
    await db.collection('campaigns').doc(a).update({ source: 'staff', title: '镇里改过的标题' });
    const edited = clone(changed);
    edited.campaigns[0].title = '内容库里的新标题';
    edited.campaigns = edited.campaigns.filter((x) => x._id !== a).concat(edited.campaigns.filter((x) => x._id === a));
    await syncContent(db, edited);
    expect((await get('campaigns', a)).title).toBe('镇里改过的标题');
    await syncContent(db, { ...edited, campaigns: edited.campaigns.filter((x) => x._id !== a) });
    expect((await get('campaigns', a)).status).toBe('published');
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
