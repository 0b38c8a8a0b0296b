/**
 * Durability: a write the SDK saw acknowledged survives `kill -9` of the local cloud process.
 * The server runs as a child process (`tsx localcloud/cli.ts`), is killed with SIGKILL right after
 * the acknowledgements, and is restarted on the same database file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createApp } from '../cloudfunctions/shared/cloudbase';
import { killHard, startLocalCloudProcess, tempDir } from './testkit';
import { keyHeaders } from './runKey';

test('acknowledged writes survive kill -9', async () => {
  const dir = tempDir();
  const dbFile = path.join(dir, 'durable.sqlite');
  let first = await startLocalCloudProcess(dbFile);
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
    await killHard(first.child);

    expect(first.child.signalCode).toBe('SIGKILL');
    first = await startLocalCloudProcess(dbFile);
    const db2 = createApp(first.url).database();
    expect((await db2.collection('ledger').count()).total).toBe(52);
    expect((await db2.collection('ledger').doc('counter').get()).data[0]).toEqual({ _id: 'counter', n: 30 });
    expect((await db2.collection('ledger').doc('txn').get()).data[0]).toEqual({ _id: 'txn', committed: true });
    const file = await createApp(first.url).downloadFile({ fileID: upload.fileID });
    expect(String(file.fileContent)).toBe('a,b\n1,2\n');
  } finally {
    await killHard(first.child);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 90_000);
