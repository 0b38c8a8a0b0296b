/** Builds the production weapp (dist/weapp) when any of its sources is newer than the last build (as h5Build.ts). */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { repoRoot } from '../shared/h5Build';

export const weappDir = path.join(repoRoot, 'dist', 'weapp');

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

export function weappBuildIsStale(): boolean {
  const marker = path.join(weappDir, 'app.json');
  if (!fs.existsSync(marker)) return true;
  const sources = Math.max(
    newestMtime(path.join(repoRoot, 'miniprogram', 'src')),
    newestMtime(path.join(repoRoot, 'miniprogram', 'config')),
    newestMtime(path.join(repoRoot, 'cloudfunctions', 'contracts')),
  );
  return fs.statSync(marker).mtimeMs < sources;
}

export function ensureWeappBuild(log: (s: string) => void = console.log): void {
  if (!weappBuildIsStale()) return;
  log('正在构建小程序（npm run build:weapp，约 15 秒）…');
  const r = spawnSync('npm', ['run', '--silent', 'build:weapp'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('weapp build failed (npm run build:weapp)');
}
