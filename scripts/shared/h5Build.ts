/** Builds the production H5 app when any of its sources is newer than the last build. */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

export const repoRoot = path.resolve(__dirname, '../..');
export const h5Dir = path.join(repoRoot, 'dist', 'h5');

function newestMtime(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

export function h5BuildIsStale(): boolean {
  const marker = path.join(h5Dir, 'index.html');
  if (!fs.existsSync(marker)) return true;
  const sources = Math.max(
    newestMtime(path.join(repoRoot, 'miniprogram', 'src')),
    newestMtime(path.join(repoRoot, 'miniprogram', 'config')),
    newestMtime(path.join(repoRoot, 'cloudfunctions', 'contracts')),
  );
  return fs.statSync(marker).mtimeMs < sources;
}

export function ensureH5Build(log: (s: string) => void = console.log): void {
  if (!h5BuildIsStale()) return;
  log('正在构建 H5 页面（约 20 秒）…');
  const r = spawnSync('npm', ['run', '--silent', 'build:h5'], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  // Taro prints progress bars on stderr and can exit 0 after "Compiled with some errors".
  const output = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
  if (r.status !== 0 || /Compiled with some errors|ERROR in /.test(output)) {
    const errors = output.split('\n').filter((l) => /error|Error|ERROR/.test(l)).slice(0, 20).join('\n');
    throw new Error(`H5 build failed (npm run build:h5):\n${errors}`);
  }
}
