/**
 * The README's commands, run as written while a local environment runs (issue #13 item 7): `npm start`
 * records where it runs in .data/local.json (here a temp file through PUFA_LOCAL_RUN), and export,
 * stats:verify and staff find the local cloud and the run's key there, with no URL or key given. With
 * nothing running each says so in one line (no ECONNREFUSED stack, no slow-request warnings). A typo in
 * an option is an error with the usage line, never a run with defaults.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalEnvironment, type LocalEnvironment } from '../../appserver/localEnvironment';
import { readLocalRun, writeLocalRun } from './localRun';

const repo = path.resolve(__dirname, '../..');
let env: LocalEnvironment;
let dir: string;
let runFile: string;

function npm(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  // the shell of someone who ran `npm start` elsewhere: no URL, no key in the environment
  const clean: NodeJS.ProcessEnv = { ...process.env, PUFA_LOCAL_RUN: runFile };
  for (const k of ['LOCALCLOUD_URL', 'LOCALCLOUD_SECRETID', 'LOCALCLOUD_SECRETKEY']) delete clean[k];
  return new Promise((resolve) => {
    execFile('npm', ['run', '--silent', ...args], { cwd: repo, env: clean, timeout: 90_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pufa-localrun-'));
  runFile = path.join(dir, 'local.json');
  env = await startLocalEnvironment({ port: 0, dbFile: ':memory:', allowDevSignIn: true });
  writeLocalRun({ appUrl: env.url, localCloudUrl: env.localCloudUrl, pid: process.pid, ...env.key, signInToken: env.signInToken ?? undefined, startedAt: new Date().toISOString() }, runFile);
}, 120_000);
afterAll(async () => {
  await env?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('local.json holds the URLs, the pid and the key, readable by the owner only', () => {
  expect(fs.statSync(runFile).mode & 0o777).toBe(0o600);
  expect(readLocalRun(runFile)).toMatchObject({ appUrl: env.url, localCloudUrl: env.localCloudUrl, pid: process.pid, secretId: env.key.secretId });
});

test('the README commands work as written while the environment runs', async () => {
  const year = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 4);
  const out = path.join(dir, '报表.xlsx');
  const exported = await npm(['export', '--', '--from', `${year}-01-01`, '--to', `${year}-12-31`, '--format', 'xlsx', '--out', out]);
  expect(exported.stderr).toBe('');
  expect(exported.stdout).toContain('✓ 已导出');
  expect(fs.existsSync(out)).toBe(true);
  const verified = await npm(['stats:verify']);
  expect(verified.stdout).toContain('✓ 全部一致');
  expect(verified.code).toBe(0);
  const added = await npm(['staff', '--', 'add', '--openid', 'readme_admin_01', '--role', 'admin']);
  expect(added.stdout).toContain('已添加工作人员');
  const listed = await npm(['staff', '--', 'list']);
  expect(listed.stdout).toMatch(/admin\s+管理员\s+…min_01/);
}, 300_000);

test('a typo in an option is an error with the usage line', async () => {
  const r = await npm(['export', '--', '--frm', '2026-01-01']);
  expect(r.code).not.toBe(0);
  expect(r.stderr).toMatch(/unknown option --frm/);
  expect(r.stderr).toMatch(/用法 \/ usage: npm run export/);
}, 120_000);

test('with nothing running, each command says so in one line', async () => {
  fs.rmSync(runFile);
  for (const args of [['stats:verify'], ['export', '--', '--format', 'csv'], ['staff', '--', 'list']]) {
    const r = await npm(args);
    expect(r.code).not.toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/本地环境没有在运行.*npm start/);
    expect(r.stderr + r.stdout).not.toMatch(/ECONNREFUSED|longer than 3s|\n\s+at /);
  }
  // a record whose process is gone counts as nothing running
  writeLocalRun({ appUrl: env.url, localCloudUrl: env.localCloudUrl, pid: 2 ** 22 + 12345, ...env.key, startedAt: new Date().toISOString() }, runFile);
  const stale = await npm(['stats:verify']);
  expect(stale.stderr.trim()).toMatch(/^✗ 本地环境没有在运行（记录的进程 \d+ 已经退出）/);
}, 300_000);
