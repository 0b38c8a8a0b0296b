/**
 * The function registry (cloudfunctions/functions.ts) is the one list: every function folder is declared,
 * the local server serves exactly the declared functions, and cloudbaserc.json is generated from it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FUNCTION_HANDLER, FUNCTION_RUNTIME, functionEnv, functions, sharedEnv } from '../../cloudfunctions/functions';
import { functionLoaders, loadFunction } from '../../appserver/functions';
import { cloudbasercPath, cloudbasercText, renderCloudbaserc } from './cloudbaserc';
import { loadDotEnv } from './env';

const root = path.resolve(__dirname, '../..');
const cfDir = path.join(root, 'cloudfunctions');

test('every folder cloudfunctions/<name>/index.ts is declared, and every declared function has one', () => {
  const folders = fs
    .readdirSync(cfDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(cfDir, e.name, 'index.ts')))
    .map((e) => e.name)
    .sort();
  expect(functions.map((f) => f.name).sort()).toEqual(folders);
  for (const f of functions) expect(fs.readFileSync(path.join(cfDir, f.name, 'index.ts'), 'utf8')).toMatch(/export (const|async function|function) main\b|export \{[^}]*\bmain\b/);
});

test('names are unique and descriptions are set', () => {
  expect(new Set(functions.map((f) => f.name)).size).toBe(functions.length);
  for (const f of functions) expect(f.description).toMatch(/[\u4e00-\u9fff]/);
});

test('the local server serves exactly the declared functions', async () => {
  expect(Object.keys(functionLoaders).sort()).toEqual(functions.map((f) => f.name).sort());
  expect(loadFunction('no-such-function')).toBeNull();
  expect(loadFunction('__proto__')).toBeNull();
  const first = functions[0].name;
  const mod = await loadFunction(first)!;
  expect(typeof mod.main).toBe('function');
  expect(loadFunction(first)).toBe(loadFunction(first));
});

test('timeouts and memory suit the functions (exports get more)', () => {
  for (const f of functions) {
    expect(f.timeout).toBeGreaterThanOrEqual(3);
    expect(f.timeout).toBeLessThanOrEqual(60);
    expect([128, 256, 512, 1024, 2048]).toContain(f.memory);
  }
  const base = functions.find((f) => f.name === 'resident')!;
  for (const f of functions.filter((d) => /report|export/i.test(d.name))) {
    expect(f.timeout).toBeGreaterThan(base.timeout);
    expect(f.memory).toBeGreaterThan(base.memory);
  }
});

test('the pseudonym salt is a required secret of every function', () => {
  expect(sharedEnv.PUFA_PERSON_SALT).toMatchObject({ fromEnv: 'PUFA_PERSON_SALT', required: true, secret: true });
  for (const f of functions) expect(functionEnv(f).PUFA_PERSON_SALT).toEqual(sharedEnv.PUFA_PERSON_SALT);
});

describe('cloudbaserc.json', () => {
  const committed = JSON.parse(fs.readFileSync(cloudbasercPath, 'utf8'));

  test('is up to date with the registry (npm run bundle:functions regenerates it)', () => {
    expect(fs.readFileSync(cloudbasercPath, 'utf8')).toBe(cloudbasercText());
  });

  test('lists every function with runtime ≥ Nodejs18.15, handler, timeout and memory', () => {
    expect(committed.version).toBe('2.0');
    expect(committed.functionRoot).toBe('./dist/cloudfunctions');
    expect(committed.functions.map((f: { name: string }) => f.name)).toEqual(functions.map((f) => f.name));
    for (const f of committed.functions) {
      const [, major, minor] = /^Nodejs(\d+)\.(\d+)$/.exec(f.runtime)!.map(Number);
      expect(major * 100 + minor).toBeGreaterThanOrEqual(1815);
      expect(f.runtime).toBe(FUNCTION_RUNTIME);
      expect(f.handler).toBe(FUNCTION_HANDLER);
      const decl = functions.find((d) => d.name === f.name)!;
      expect(f.timeout).toBe(decl.timeout);
      expect(f.memorySize).toBe(decl.memory);
      expect(f.installDependency).toBe((decl.external ?? []).length > 0);
    }
  });

  test('holds no secret and no environment id: environment values are {{env.NAME}} references', () => {
    expect(committed.envId).toMatch(/^\{\{env\.[A-Z_]+\}\}$/);
    for (const f of committed.functions) {
      const decl = functions.find((d) => d.name === f.name)!;
      for (const [name, value] of Object.entries(functionEnv(decl))) {
        if (typeof value === 'string') expect(f.envVariables[name]).toBe(value);
        else expect(f.envVariables[name]).toBe(`{{env.${value.fromEnv}}}`);
      }
    }
    const text = fs.readFileSync(cloudbasercPath, 'utf8');
    expect(text).not.toMatch(/AKID[0-9A-Za-z]{10,}|secretKey|secretId|-----BEGIN/);
  });

  test('renders triggers only for functions that have them', () => {
    const rc = renderCloudbaserc([{ name: 'x', description: '测试', timeout: 5, memory: 128, triggers: [{ name: 'nightly', type: 'timer', config: '0 0 2 * * * *' }] }]);
    expect(rc.functions[0].triggers).toEqual([{ name: 'nightly', type: 'timer', config: '0 0 2 * * * *' }]);
    expect(renderCloudbaserc([{ name: 'y', description: '测试', timeout: 5, memory: 128 }]).functions[0]).not.toHaveProperty('triggers');
  });
});

test('.env.example lists every setting with a comment, and holds no value', () => {
  const lines = fs.readFileSync(path.join(root, '.env.example'), 'utf8').split('\n');
  const fromRegistry = [sharedEnv, ...functions.map((f) => f.env ?? {})].flatMap((env) => Object.values(env).flatMap((v) => (typeof v === 'string' ? [] : [v.fromEnv])));
  // The app's build settings: every TARO_APP_* the Taro config passes into the app.
  const taroConfig = fs.readFileSync(path.join(root, 'miniprogram/config/index.ts'), 'utf8');
  const fromBuild = [...taroConfig.matchAll(/process\.env\.(TARO_APP_[A-Z0-9_]+)/g)].map((m) => m[1]);
  expect(fromBuild).toContain('TARO_APP_CLOUD_ENV');
  const settings = new Set([...fromRegistry, ...fromBuild, 'TARO_APP_ID', 'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY', 'TENCENTCLOUD_SESSIONTOKEN', 'MP_PRIVATE_KEY_PATH']);
  for (const name of settings) {
    const i = lines.findIndex((l) => l.startsWith(`${name}=`));
    expect(`${name}: ${i >= 0 ? 'listed' : 'missing'}`).toBe(`${name}: listed`);
    expect(lines[i]).toBe(`${name}=`);
    expect(lines[i - 1]).toMatch(/^#/);
  }
  for (const l of lines) if (/^[A-Z_]+=/.test(l)) expect(l).toMatch(/^[A-Z_]+=$/);
});

test('.env and .env.local are read without overriding the shell, and can be switched off', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pufa-dotenv-'));
  fs.writeFileSync(path.join(dir, '.env'), 'A=from-env\nB=from-env\n# comment\nC="quoted value"\n');
  fs.writeFileSync(path.join(dir, '.env.local'), 'B=from-local\n');
  const env: NodeJS.ProcessEnv = { A: 'from-shell' };
  expect(loadDotEnv(dir, env).sort()).toEqual(['B', 'C']);
  expect(env).toEqual({ A: 'from-shell', B: 'from-local', C: 'quoted value' });
  const off: NodeJS.ProcessEnv = { PUFA_DOTENV: 'off' };
  expect(loadDotEnv(dir, off)).toEqual([]);
  expect(off).toEqual({ PUFA_DOTENV: 'off' });
  fs.rmSync(dir, { recursive: true, force: true });
});
