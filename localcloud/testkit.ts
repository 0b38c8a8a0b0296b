/**
 * Test helper: a fresh local cloud on port 0 with a temporary database file, and the real SDK app pointed
 * at it (created by cloudfunctions/shared/cloudbase.ts, the module the functions use).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type CloudBaseApp, type Database } from '../cloudfunctions/shared/cloudbase';
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from './server';
import { type RunKey, runKey } from './runKey';
import { signJsonRequest } from './signature';

export interface TestCloud {
  cloud: LocalCloud;
  app: CloudBaseApp;
  db: Database;
  dir: string;
  dbFile: string;
  close(): Promise<void>;
}

export function tempDir(prefix = 'localcloud-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function startTestCloud(options: Partial<LocalCloudOptions> = {}): Promise<TestCloud> {
  const dir = tempDir();
  const dbFile = path.join(dir, 'db.sqlite');
  const cloud = await startLocalCloud({ port: 0, dbFile, ...options });
  const app = createApp(cloud.url);
  const db = app.database();
  return {
    cloud,
    app,
    db,
    dir,
    dbFile,
    async close() {
      await cloud.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The local cloud as its own process (`node --import tsx localcloud/cli.ts`: one process, so SIGKILL hits the
 * server itself), on `dbFile`, signing with this process's run key (the child inherits it). `ensure` creates
 * the declared collections and indexes (cloudfunctions/shared/collections.ts).
 */
export function startLocalCloudProcess(dbFile: string, options: { ensure?: boolean } = {}): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    runKey();
    const args = ['--import', 'tsx', path.join(__dirname, 'cli.ts'), '--port', '0', '--db', dbFile, ...(options.ensure ? [] : ['--no-ensure'])];
    const child = spawn(process.execPath, args, { cwd: path.resolve(__dirname, '..'), env: { ...process.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`local cloud did not start: ${err}`)), 30_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /^LOCALCLOUD_URL=(http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]! });
      }
    });
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => reject(new Error(`local cloud exited with ${code}: ${err}`)));
  });
}

/** kill -9, resolved once the process is gone. */
export function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** Awaits a promise that must reject, and returns the error (fails the test if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code?: string; message: string };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** POSTs a raw SDK-style action to the local cloud, signed with the run's key (for requests the SDK cannot express). */
export async function rawAction(url: string, params: Record<string, unknown>, key: RunKey = runKey()): Promise<Record<string, unknown>> {
  const target = `${url}/admin?env=local`;
  const res = await fetch(target, { method: 'POST', ...signJsonRequest(target, params, key) });
  return (await res.json()) as Record<string, unknown>;
}
