/**
 * Production builds of the mini-program (weapp) and the H5 app, rebuilt only when a source is newer than the
 * last build. Quiet unless the build fails; `ensureBuildWithProgress` (npm start) says how far it has got.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';

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

/** Takes a per-target lock (a directory), so parallel jest workers never build into one folder at once; returns its release. */
function takeBuildLock(target: BuildTarget): () => void {
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
  return () => fs.rmSync(lock, { recursive: true, force: true });
}

export function ensureBuild(target: BuildTarget, log: (s: string) => void = console.log): void {
  if (!buildIsStale(target)) return;
  const release = takeBuildLock(target);
  try {
    build(target, log);
  } finally {
    release();
  }
}

const STARTING = { h5: '正在构建 H5 页面（第一次在两核电脑上约 2–5 分钟；之后只在源码改动时重建）…', weapp: '正在构建小程序（npm run build:weapp，约 1–3 分钟）…' };

// eslint-disable-next-line no-control-regex -- strips the ANSI escapes of the progress bar
const plain = (s: string) => s.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');

/** Taro prints progress bars on stderr and can exit 0 after "Compiled with some errors". */
function failIfBroken(target: BuildTarget, status: number | null, output: string): void {
  if (status !== 0 || /Compiled with some errors|ERROR in /.test(output)) {
    const errors = output.split('\n').filter((l) => /error|Error|ERROR/.test(l)).slice(0, 20).join('\n');
    throw new Error(`${target} build failed (npm run build:${target}):\n${errors}`);
  }
}

function build(target: BuildTarget, log: (s: string) => void): void {
  if (!buildIsStale(target)) return;
  log(STARTING[target]);
  const r = spawnSync('npm', ['run', '--silent', `build:${target}`], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  failIfBroken(target, r.status, plain(`${r.stdout ?? ''}\n${r.stderr ?? ''}`));
}

/** The same build for a person waiting at a terminal: every 15 seconds, how long so far and what it is working on. */
export async function ensureBuildWithProgress(target: BuildTarget, log: (s: string) => void = console.log, everyMs = 15_000): Promise<void> {
  if (!buildIsStale(target)) return;
  const release = takeBuildLock(target);
  try {
    if (!buildIsStale(target)) return;
    log(STARTING[target]);
    const t0 = Date.now();
    const child = spawn('npm', ['run', '--silent', `build:${target}`], { cwd: repoRoot });
    let output = '';
    let step = '';
    const take = (chunk: Buffer) => {
      const text = plain(chunk.toString('utf8'));
      output += text;
      // The progress bar's last line names the file being compiled, e.g. "babel-loader › src/pages/home/index.tsx".
      const files = [...text.matchAll(/›\s*(\S+)/g)];
      if (files.length) step = files[files.length - 1][1];
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    const timer = setInterval(() => log(`  仍在构建…已用 ${Math.round((Date.now() - t0) / 1000)} 秒${step ? `，正在处理 ${step}` : ''}`), everyMs);
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearInterval(timer);
    failIfBroken(target, status, output);
    log(`构建完成，用时 ${Math.round((Date.now() - t0) / 1000)} 秒。`);
  } finally {
    release();
  }
}

export const ensureH5Build = (log?: (s: string) => void) => ensureBuild('h5', log);
export const ensureWeappBuild = (log?: (s: string) => void) => ensureBuild('weapp', log);
