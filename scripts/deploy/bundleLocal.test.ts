/**
 * The deployable bundles do real work, not just health: each bundle, copied into an isolated folder with
 * only what its package.json lists, runs in its own Node process against the local cloud (the same SDK
 * calls it makes in CloudBase: database, storage, and for `staff` a WeChat open API through the bundled
 * wx-server-sdk) and answers like the source function does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { functions } from '../../cloudfunctions/functions';
import { startLocalEnvironment, type LocalEnvironment } from '../../appserver/localEnvironment';
import { loadFunction } from '../../appserver/functions';
import { makeContext, runFunction } from '../../localcloud/runFunction';
import { bundleFunctions, type FunctionBundle } from './bundle';
import { callBundleAsync, installFromLocal } from './localInstall';
import { runKey } from '../../localcloud/runKey';

/** The isolated bundle process gets only the run's key pair, so its SDK requests are signed like a function's inside npm start. */
const localRunKeyEnv = () => ({ LOCALCLOUD_SECRETID: runKey().secretId, LOCALCLOUD_SECRETKEY: runKey().secretKey });

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pufa-bundle-local-'));
let env: LocalEnvironment;
const dirs = new Map<string, string>();

beforeAll(async () => {
  env = await startLocalEnvironment({ port: 0, dbFile: ':memory:' });
  const bundles: FunctionBundle[] = await bundleFunctions({ outDir: path.join(tmp, 'out') });
  for (const b of bundles) {
    const dir = path.join(tmp, `run-${b.name}`);
    fs.cpSync(b.dir, dir, { recursive: true });
    installFromLocal(dir, b.dependencies);
    dirs.set(b.name, dir);
  }
}, 120_000);

afterAll(async () => {
  await env?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function bundled(name: string, action: string, input: unknown, openId: string) {
  const r = await callBundleAsync(dirs.get(name)!, { action, input }, { context: makeContext({ openId }, name), env: { LOCALCLOUD_URL: env.localCloudUrl, ...localRunKeyEnv() } });
  if (r.result === undefined) throw new Error(`${name}.${action} crashed (exit ${r.status}):\n${r.stderr}`);
  return r.result as { ok: boolean; data?: any; code?: string };
}

async function source(name: string, action: string, input: unknown, openId: string) {
  const mod = await loadFunction(name)!;
  return runFunction(mod.main, { action, input }, { openId });
}

test('every declared function is bundled', () => {
  expect([...dirs.keys()].sort()).toEqual(functions.map((f) => f.name).sort());
});

test('resident bundle: home page from the database, same as the source function', async () => {
  const got = await bundled('resident', 'getHome', {}, 'bundle_resident_1');
  expect(got.ok).toBe(true);
  const want = await source('resident', 'getHome', {}, 'bundle_resident_1');
  expect(got).toEqual(want);
});

test('resident bundle: a write (choosing a village) is visible to the source function', async () => {
  const profile = await bundled('resident', 'getProfile', {}, 'bundle_resident_2');
  expect(profile.ok).toBe(true);
  const villages = profile.data.villages as { id: string }[];
  expect(villages.length).toBeGreaterThan(0);
  const set = await bundled('resident', 'setVillage', { villageId: villages[0].id }, 'bundle_resident_2');
  expect(set.ok).toBe(true);
  expect(await source('resident', 'getProfile', {}, 'bundle_resident_2')).toMatchObject({ ok: true, data: expect.objectContaining({ villageId: villages[0].id }) });
});

test('staff bundle: the demo admin, an offline event, and its mini-program code through wx-server-sdk', async () => {
  const who = await bundled('staff', 'whoami', {}, env.demoAdminOpenId);
  expect(who).toMatchObject({ ok: true });
  const options = await bundled('staff', 'getEditorOptions', {}, env.demoAdminOpenId);
  expect(options.ok).toBe(true);
  const villageId = options.data.villages[0].id;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const saved = await bundled('staff', 'saveEvent', { event: { type: '院坝会', title: '打包测试院坝会', date: today, villageId, place: '村委会', themeLaws: ['xianfa'], campaignId: null, lessonId: null, notes: '' } }, env.demoAdminOpenId);
  expect(saved.ok).toBe(true);
  const code = await bundled('staff', 'getEventCode', { id: saved.data.id }, env.demoAdminOpenId);
  expect(code).toMatchObject({ ok: true, data: { wxacodeError: null } });
  expect(code.data.wxacodeFileId).toEqual(expect.any(String));
  expect(await bundled('staff', 'whoami', {}, 'not_staff_at_all')).toMatchObject({ ok: true });
  expect(await bundled('staff', 'listStaff', {}, 'not_staff_at_all')).toMatchObject({ ok: false });
});

test('reports bundle: the dashboard (rollups from the database) for the demo admin; refused for a resident', async () => {
  expect(await bundled('reports', 'dashboard', {}, env.demoAdminOpenId)).toMatchObject({ ok: true });
  expect(await bundled('reports', 'dashboard', {}, 'bundle_resident_1')).toMatchObject({ ok: false });
});
