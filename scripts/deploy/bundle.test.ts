/**
 * Every declared function bundles into a deployable folder that runs with nothing but Node's built-ins and
 * what its package.json lists (copied from node_modules into an isolated folder outside the repository,
 * the way the cloud installs them), and answers the health action.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { functions, FUNCTION_RUNTIME } from '../../cloudfunctions/functions';
import { bundleFunction, bundleFunctions, esbuildTarget, packageOf, type FunctionBundle } from './bundle';
import { callHealth, installFromLocal } from './localInstall';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pufa-bundle-'));
const outDir = path.join(tmp, 'out');
let bundles: FunctionBundle[];

beforeAll(async () => {
  bundles = await bundleFunctions({ outDir });
}, 120_000);

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Copies one bundle into a fresh folder outside the repository and installs its package.json there. */
function isolate(bundle: FunctionBundle, install = true): string {
  const dir = fs.mkdtempSync(path.join(tmp, `run-${bundle.name}-`));
  fs.cpSync(bundle.dir, dir, { recursive: true });
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  if (install) installFromLocal(path.join(dir), pkg.dependencies ?? {});
  return dir;
}

test('the isolated folder really cannot see the repository packages', () => {
  const dir = fs.mkdtempSync(path.join(tmp, 'probe-'));
  fs.writeFileSync(path.join(dir, 'index.js'), "exports.main = async () => { try { require.resolve('@cloudbase/node-sdk'); return 'visible'; } catch { return 'hidden'; } };");
  expect(callHealth(dir).result).toBe('hidden');
});

test('bundles target the declared runtime', () => {
  expect(FUNCTION_RUNTIME).toMatch(/^Nodejs(\d+)\.(\d+)$/);
  const [, major, minor] = /^Nodejs(\d+)\.(\d+)$/.exec(FUNCTION_RUNTIME)!.map(Number);
  expect(major * 100 + minor).toBeGreaterThanOrEqual(1815);
  expect(esbuildTarget()).toBe(`node${major}`);
});

describe.each(functions.map((f) => [f.name]))('function %s', (name) => {
  const bundle = () => bundles.find((b) => b.name === name)!;

  test('has index.js, package.json and config.json', () => {
    const files = bundle().files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['index.js', 'package.json', 'config.json']));
    const pkg = JSON.parse(fs.readFileSync(path.join(bundle().dir, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('index.js');
    expect(Object.keys(pkg.dependencies)).toEqual(functions.find((f) => f.name === name)!.external ?? []);
    const config = JSON.parse(fs.readFileSync(path.join(bundle().dir, 'config.json'), 'utf8'));
    expect(config.permissions.openapi).toEqual(functions.find((f) => f.name === name)!.openapi ?? []);
    expect(Array.isArray(config.triggers)).toBe(true);
  });

  test('loads with only built-ins plus its package.json and answers health', () => {
    const dir = isolate(bundle());
    const r = callHealth(dir);
    expect(r.stderr).toBe('');
    expect(r.result).toEqual({ ok: true, data: { status: 'ok' } });
  });

  test('uses no built-in newer than the Nodejs18.15 runtime (esbuild lowers syntax, not APIs)', () => {
    const code = fs.readFileSync(path.join(bundle().dir, 'index.js'), 'utf8');
    const newer = code.match(/Object\.groupBy|Map\.groupBy|Promise\.withResolvers|Array\.fromAsync|\.toSorted\(|\.toReversed\(|\.toSpliced\(|\.isWellFormed\(|process\.loadEnvFile|\bparseEnv\(/g);
    expect(newer).toBeNull();
  });

  test('rejects an unknown action with a Chinese message instead of crashing', () => {
    const r = callHealth(isolate(bundle()), { action: 'no-such-action' });
    expect(r.result).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
  });
});

describe('runtime dependencies', () => {
  const src = path.join(tmp, 'src');
  beforeAll(() => {
    fs.mkdirSync(path.join(src, 'fixture'), { recursive: true });
    fs.writeFileSync(path.join(src, 'fixture', 'index.ts'), "import createDebug from 'debug';\nexport const main = async () => ({ ok: typeof createDebug('x') === 'function' });\n");
  });

  test('an import of an undeclared package is bundled in (no runtime dependency)', async () => {
    const b = await bundleFunction({ name: 'fixture', description: 'x', timeout: 3, memory: 128 }, { sourceRoot: src, outDir: path.join(tmp, 'fx1') });
    expect(b.dependencies).toEqual({});
    expect(callHealth(isolate(b)).result).toEqual({ ok: true });
  });

  test('a declared external is listed with its installed version and must be installed to load', async () => {
    const b = await bundleFunction({ name: 'fixture', description: 'x', timeout: 3, memory: 128, external: ['debug'] }, { sourceRoot: src, outDir: path.join(tmp, 'fx2') });
    const version = JSON.parse(fs.readFileSync(path.join(__dirname, '../../node_modules/debug/package.json'), 'utf8')).version;
    expect(b.dependencies).toEqual({ debug: version });
    const without = callHealth(isolate(b, false));
    expect(without.result).toBeUndefined();
    expect(without.stderr).toMatch(/Cannot find module 'debug'/);
    expect(callHealth(isolate(b, true)).result).toEqual({ ok: true });
  });

  test('invalid declarations are refused', async () => {
    await expect(bundleFunction({ name: 'fixture', description: 'x', timeout: 120, memory: 128 }, { sourceRoot: src, outDir: path.join(tmp, 'fx3') })).rejects.toThrow(/timeout/);
    await expect(bundleFunction({ name: 'fixture', description: 'x', timeout: 3, memory: 300 as 256 }, { sourceRoot: src, outDir: path.join(tmp, 'fx3') })).rejects.toThrow(/memory/);
    await expect(bundleFunction({ name: 'nothere', description: 'x', timeout: 3, memory: 128 }, { sourceRoot: src, outDir: path.join(tmp, 'fx3') })).rejects.toThrow(/not found/);
    await expect(
      bundleFunction({ name: 'fixture', description: 'x', timeout: 3, memory: 128, triggers: [{ name: 't', type: 'timer', config: '0 0 2 * * *' }] }, { sourceRoot: src, outDir: path.join(tmp, 'fx3') }),
    ).rejects.toThrow(/7 fields/);
  });
});

test('packageOf', () => {
  expect(packageOf('a/b/c')).toBe('a');
  expect(packageOf('@s/p/x')).toBe('@s/p');
});
