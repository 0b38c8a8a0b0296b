/**
 * Installs the dependencies a bundle's package.json lists into `<dir>/node_modules` by copying them (and
 * what they depend on) from this repository's node_modules — what the cloud's `npm install` would do,
 * offline. Used to prove that a bundle runs with Node's built-ins plus exactly what its package.json lists.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { repoRoot } from './env';

interface Manifest {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** Where Node would find `pkg` when required from `fromDir` (inside repo node_modules), or null. */
function locate(pkg: string, fromDir: string): string | null {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', pkg);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === path.dirname(dir) || !dir.startsWith(repoRoot)) return null;
  }
}

export function installFromLocal(dir: string, dependencies: Record<string, string>, from = repoRoot): string[] {
  const installed: string[] = [];
  const seen = new Set<string>();
  const visit = (pkg: string, requiredFrom: string, optional: boolean) => {
    const src = locate(pkg, requiredFrom);
    if (!src) {
      if (optional) return;
      throw new Error(`${pkg} is not installed in ${from}/node_modules (needed by ${requiredFrom})`);
    }
    if (seen.has(src)) return;
    seen.add(src);
    // Keep the relative layout (hoisted or nested) so that resolution inside the copy matches the original.
    const rel = path.relative(from, src);
    const dest = path.join(dir, rel);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.cpSync(src, dest, { recursive: true, dereference: true, filter: (p) => !p.slice(src.length).split(path.sep).includes('node_modules') });
    installed.push(rel);
    const manifest = JSON.parse(fs.readFileSync(path.join(src, 'package.json'), 'utf8')) as Manifest;
    for (const d of Object.keys(manifest.dependencies ?? {})) visit(d, src, false);
    for (const d of Object.keys(manifest.optionalDependencies ?? {})) visit(d, src, true);
  };
  for (const pkg of Object.keys(dependencies)) visit(pkg, from, false);
  return installed;
}

export interface HealthResult {
  status: number | null;
  stdout: string;
  stderr: string;
  result?: unknown;
}

function runnerScript(event: unknown, context: unknown): string {
  return `
    const m = require('./index.js');
    Promise.resolve(m.main(${JSON.stringify(event)}, ${JSON.stringify(context ?? {})})).then(
      (r) => { process.stdout.write('\\n@@RESULT@@' + JSON.stringify(r)); process.exit(0); },
      (e) => { console.error(e && e.stack || e); process.exit(3); });`;
}

function parseRun(status: number | null, stdout: string, stderr: string): HealthResult {
  const marker = stdout.lastIndexOf('@@RESULT@@');
  return { status, stdout, stderr, result: marker >= 0 ? JSON.parse(stdout.slice(marker + 10)) : undefined };
}

export interface CallOptions {
  context?: unknown;
  env?: Record<string, string>;
}

function childEnv(dir: string, options: CallOptions) {
  return { PATH: process.env.PATH ?? '', HOME: dir, NODE_PATH: '', ...options.env };
}

/**
 * Runs `require('./index.js').main(event, context)` in a fresh Node process inside `dir`, with an
 * environment that points nowhere (no NODE_PATH, HOME = dir, plus only `options.env`), and returns what main
 * resolved to. Default: the health action with an empty context. Blocks this process while it runs.
 */
export function callBundle(dir: string, event: unknown = { action: 'health' }, options: CallOptions = {}): HealthResult {
  const r = spawnSync(process.execPath, ['-e', runnerScript(event, options.context)], { cwd: dir, encoding: 'utf8', env: childEnv(dir, options), timeout: 30_000 });
  return parseRun(r.status, r.stdout, r.stderr);
}

/** callBundle without blocking: for a bundle that talks to a server running in this process (the local cloud). */
export function callBundleAsync(dir: string, event: unknown, options: CallOptions = {}): Promise<HealthResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', runnerScript(event, options.context)], { cwd: dir, env: childEnv(dir, options), timeout: 30_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve(parseRun(status, stdout, stderr)));
  });
}

export const callHealth = (dir: string, event: unknown = { action: 'health' }) => callBundle(dir, event);
