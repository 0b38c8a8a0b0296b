/**
 * Production builds of the mini-program (weapp) and the H5 app, rebuilt only when a source is newer than the
 * last build. Quiet unless the build fails.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

export const repoRoot = path.resolve(__dirname, '../..');
export type BuildTarget = 'weapp' | 'h5';
export const buildDir = (target: BuildTarget) => path.join(repoRoot, 'dist', target);
export const h5Dir = buildDir('h5');
export const weappDir = buildDir('weapp');

/** The file a finished build writes last enough to date it. */
const MARKER: Record<BuildTarget, string> = { h5: 'index.html', weapp: 'app.json' };
const SOURCES = ['miniprogram/src', 'miniprogram/config', 'cloudfunctions/contracts'];

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

export function buildIsStale(target: BuildTarget): boolean {
  const marker = path.join(buildDir(target), MARKER[target]);
  if (!fs.existsSync(marker)) return true;
  const sources = Math.max(...SOURCES.map((s) => newestMtime(path.join(repoRoot, s))));
  return fs.statSync(marker).mtimeMs < sources;
}

/** Runs `fn` holding a per-target lock (a directory), so parallel jest workers never build into one folder at once. */
function withBuildLock(target: BuildTarget, fn: () => void): void {
  const lock = path.join(repoRoot, 'dist', `.${target}-build.lock`);
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // A lock older than the longest build is left over from a killed process.
      if (fs.existsSync(lock) && Date.now() - fs.statSync(lock).mtimeMs > 10 * 60_000) fs.rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`waited 15 min for ${lock}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export function ensureBuild(target: BuildTarget, log: (s: string) => void = console.log): void {
  if (!buildIsStale(target)) return;
  withBuildLock(target, () => build(target, log));
}

function build(target: BuildTarget, log: (s: string) => void): void {
  if (!buildIsStale(target)) return;
  log(target === 'h5' ? '正在构建 H5 页面（约 20 秒）…' : '正在构建小程序（npm run build:weapp，约 15 秒）…');
  const r = spawnSync('npm', ['run', '--silent', `build:${target}`], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  // Taro prints progress bars on stderr and can exit 0 after "Compiled with some errors".
  // eslint-disable-next-line no-control-regex -- strips the ANSI escapes of the progress bar
  const output = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
  if (r.status !== 0 || /Compiled with some errors|ERROR in /.test(output)) {
    const errors = output.split('\n').filter((l) => /error|Error|ERROR/.test(l)).slice(0, 20).join('\n');
    throw new Error(`${target} build failed (npm run build:${target}):\n${errors}`);
  }
}

export const ensureH5Build = (log?: (s: string) => void) => ensureBuild('h5', log);
export const ensureWeappBuild = (log?: (s: string) => void) => ensureBuild('weapp', log);
