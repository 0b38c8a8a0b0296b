/**
 * Where the local environment runs. `npm start` writes `.data/local.json` (app URL, local cloud URL, pid,
 * the run's key pair, the dev sign-in token; mode 0600) and removes it when it stops. Every command with
 * `--env local` finds the local cloud there unless --url or LOCALCLOUD_URL says otherwise, and says in one
 * line when nothing is running.
 */
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './appBuild';
import { type RunKey, useRunKey } from '../../localcloud/runKey';

export interface LocalRun extends RunKey {
  appUrl: string;
  localCloudUrl: string;
  pid: number;
  /** /dev/sign-in?token=… (when npm start enabled dev sign-in). */
  signInToken?: string;
  startedAt: string;
}

export const localRunFile = () => process.env.PUFA_LOCAL_RUN ?? path.join(repoRoot, '.data', 'local.json');

export class NotRunningError extends Error {
  constructor(detail: string) {
    super(`本地环境没有在运行（${detail}）：请先在另一个终端运行 npm start / nothing is running locally: start it with npm start`);
    this.name = 'NotRunningError';
  }
}

export function writeLocalRun(run: LocalRun, file = localRunFile()): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(run, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
}

/** Removes the record if it is still this process's. */
export function removeLocalRun(pid = process.pid, file = localRunFile()): void {
  const run = readLocalRun(file);
  if (run && run.pid === pid) fs.rmSync(file, { force: true });
}

export function readLocalRun(file = localRunFile()): LocalRun | null {
  try {
    const run = JSON.parse(fs.readFileSync(file, 'utf8')) as LocalRun;
    return typeof run.localCloudUrl === 'string' && typeof run.pid === 'number' ? run : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function reachable(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url.replace(/\/+$/, '')}/_local/health`, { signal: AbortSignal.timeout(3000) });
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * The local cloud a `--env local` command talks to: `url` (--url), else LOCALCLOUD_URL, else the one
 * `npm start` recorded. The run's key comes from the environment or the record. Throws NotRunningError
 * (one line) when nothing answers there.
 */
export async function localTarget(url?: string): Promise<{ url: string; run: LocalRun | null }> {
  const run = readLocalRun();
  const explicit = url ?? process.env.LOCALCLOUD_URL;
  let target = explicit;
  if (!target) {
    if (!run) throw new NotRunningError(`没有 ${path.relative(process.cwd(), localRunFile()) || localRunFile()}`);
    if (!alive(run.pid)) throw new NotRunningError(`记录的进程 ${run.pid} 已经退出`);
    target = run.localCloudUrl;
  }
  if (!(await reachable(target))) throw new NotRunningError(`${target} 没有应答`);
  if (run && (!process.env.LOCALCLOUD_SECRETID || !process.env.LOCALCLOUD_SECRETKEY)) useRunKey(run);
  return { url: target, run };
}
