/**
 * The production weapp build (npm run build:weapp, rebuilt here when its sources are newer): within the size
 * budget, app.json as WeChat requires (and as the source declares), no content/ text inside, and
 * `npm run upload -- --dry-run` accepting it offline. One file, so that only one build runs at a time.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { defaultPaths, loadLibrary } from '../../content-compiler/library';
import { appJsonProblems, sourceAppConfig } from './appRules';
import { contentInBuild, contentNeedles } from './contentLeak';
import { measure, readAppJson, subpackagesOf } from './measure';
import { packIgnore } from './size';
import { ensureWeappBuild, weappDir } from '../shared/appBuild';

const root = path.resolve(__dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pufa-weapp-'));

beforeAll(() => ensureWeappBuild(() => {}), 180_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('within budget: main ≤ 500 KB, each subpackage ≤ 400 KB, total ≤ 1.5 MB', () => {
  const r = measure(weappDir, packIgnore());
  const app = readAppJson(weappDir);
  expect(r.packages.map((p) => p.name)).toEqual(['main', ...subpackagesOf(app).map((s) => s.root.replace(/\/$/, ''))]);
  for (const p of r.packages) expect(`${p.name} ${p.bytes}`).toBe(`${p.name} ${Math.min(p.bytes, p.budget)}`);
  expect(r.total.bytes).toBeLessThanOrEqual(r.total.budget);
  expect(r.over).toEqual([]);
});

test('production build: minified JavaScript, no source maps', () => {
  const app = fs.readFileSync(path.join(weappDir, 'app.js'), 'utf8');
  expect(app.split('\n').length).toBeLessThan(20);
  expect(fs.readdirSync(weappDir, { recursive: true }).filter((f) => String(f).endsWith('.map'))).toEqual([]);
});

test('the built app.json follows the rules and is the source app.config.ts', () => {
  const built = readAppJson(weappDir);
  expect(appJsonProblems(built, weappDir)).toEqual([]);
  const source = sourceAppConfig(path.join(root, 'miniprogram/src/app.config.ts'), 'weapp');
  expect(built.pages).toEqual(source.pages);
  expect(subpackagesOf(built)).toEqual(subpackagesOf(source));
  expect(built.tabBar?.list?.map((t) => t.pagePath)).toEqual(source.tabBar?.list?.map((t) => t.pagePath));
  expect(built.__usePrivacyCheck__).toBe(true);
});

test('no lesson or question text is bundled into the app (it comes from the functions)', () => {
  const needles = contentNeedles(loadLibrary(defaultPaths()).library);
  expect(needles.length).toBeGreaterThan(500);
  expect(contentInBuild(weappDir, needles)).toEqual([]);
  const h5 = path.join(root, 'dist', 'h5');
  if (fs.existsSync(path.join(h5, 'index.html'))) expect(contentInBuild(h5, needles)).toEqual([]);
});

describe('npm run upload -- --dry-run', () => {
  const key = path.join(tmp, 'private.wx0123456789abcdef.key');
  fs.writeFileSync(key, crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }));
  const upload = (args: string[], env: NodeJS.ProcessEnv) =>
    spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/deploy/upload.ts', ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: tmp, PUFA_DOTENV: 'off', ...env },
      timeout: 120_000,
    });

  test('accepts valid inputs and the build, offline, and says what it would upload', () => {
    const r = upload(['--version', '1.0.0', '--desc', '首个体验版', '--dry-run', '--no-build'], { TARO_APP_ID: 'wx0123456789abcdef', MP_PRIVATE_KEY_PATH: key });
    expect(r.stderr).not.toMatch(/✗/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/主包 main\s+\d+/);
    expect(r.stdout).toContain('miniprogram-ci 计算的包大小：主包');
    expect(r.stdout).toContain('✓ 检查通过（--dry-run：没有上传）。将上传：版本 1.0.0「首个体验版」，AppID wx0123456789abcdef');
  }, 120_000);

  test('refuses bad inputs with reasons, before building anything', () => {
    const r = upload(['--version', 'v1', '--desc', '', '--dry-run', '--no-build'], { TARO_APP_ID: 'wx123', MP_PRIVATE_KEY_PATH: path.join(tmp, 'missing.key') });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--version 要像 1.0.3');
    expect(r.stderr).toContain('--desc 不能为空');
    expect(r.stderr).toContain('TARO_APP_ID 格式不对');
    expect(r.stderr).toContain('MP_PRIVATE_KEY_PATH 指向的文件不存在');
  }, 60_000);

  test('refuses a key that is not a private key, and a build made for another cloud environment', () => {
    const notKey = path.join(tmp, 'not-a-key.txt');
    fs.writeFileSync(notKey, 'hello');
    const bad = upload(['--version', '1.0.0', '--desc', 'x', '--dry-run', '--no-build'], { TARO_APP_ID: 'wx0123456789abcdef', MP_PRIVATE_KEY_PATH: notKey });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('不像代码上传密钥');
    const env = upload(['--version', '1.0.0', '--desc', 'x', '--dry-run', '--no-build'], { TARO_APP_ID: 'wx0123456789abcdef', MP_PRIVATE_KEY_PATH: key, TARO_APP_CLOUD_ENV: 'cloud1-not-this-build' });
    expect(env.status).toBe(2);
    expect(env.stderr).toContain('不是按 TARO_APP_CLOUD_ENV=cloud1-not-this-build 构建的');
  }, 120_000);
});
