/**
 * Durability: a write the SDK saw acknowledged survives `kill -9` of the local cloud process.
 * The server runs as a child process (`tsx localcloud/cli.ts`), is killed with SIGKILL right after
 * the acknowledgements, and is restarted on the same database file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createApp } from '../cloudfunctions/shared/cloudbase';
import { tempDir } from './testkit';
import { keyHeaders, runKey } from './runKey';

const repo = path.resolve(__dirname, '..');

function startChild(dbFile: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    // node --import tsx: one process, so SIGKILL hits the server itself (the tsx wrapper would leave it running)
    runKey(); // the child inherits this process's run key (LOCALCLOUD_SECRETID/SECRETKEY)
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'cli.ts'), '--port', '0', '--db', dbFile, '--no-ensure'], { cwd: repo, env: { ...process.env }, stdio: ['ignore', 'pipe', 'pipe'] });
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

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

test('acknowledged writes survive kill -9', async () => {
  const dir = tempDir();
  const dbFile = path.join(dir, 'durable.sqlite');
  let first = await startChild(dbFile);
  try {
    const health = (await (await fetch(`${first.url}/_local/info`, { headers: keyHeaders() })).json()) as { pid: number };
    expect(health.pid).toBe(first.child.pid);
    const db = createApp(first.url).database();
    const _ = db.command;
    await db.createCollection('ledger');
    await db.collection('ledger').add({ _id: 'counter', n: 0 });
    const acks = await Promise.all(Array.from({ length: 50 }, (_v, i) => db.collection('ledger').add({ _id: `e${i}`, i })));
    expect(acks).toHaveLength(50);
    await Promise.all(Array.from({ length: 30 }, () => db.collection('ledger').doc('counter').update({ n: _.inc(1) })));
    await db.runTransaction(async (tx: { collection(n: string): { doc(id: string): { set(d: object): Promise<unknown> } } }) => {
      await tx.collection('ledger').doc('txn').set({ committed: true });
    });
    const upload = await createApp(first.url).uploadFile({ cloudPath: 'exports/ledger.csv', fileContent: Buffer.from('a,b\n1,2\n') });
    // no clean shutdown: SIGKILL straight after the acknowledgements
    await killed(first.child);

    expect(first.child.signalCode).toBe('SIGKILL');
    first = await startChild(dbFile);
    const db2 = createApp(first.url).database();
    expect((await db2.collection('ledger').count()).total).toBe(52);
    expect((await db2.collection('ledger').doc('counter').get()).data[0]).toEqual({ _id: 'counter', n: 30 });
    expect((await db2.collection('ledger').doc('txn').get()).data[0]).toEqual({ _id: 'txn', committed: true });
    const file = await createApp(first.url).downloadFile({ fileID: upload.fileID });
    expect(String(file.fileContent)).toBe('a,b\n1,2\n');
  } finally {
    await killed(first.child);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 90_000);
