/**
 * Conformance: transactions through the real SDK, both `db.runTransaction(fn)` and `db.startTransaction()`.
 * Commit, rollback that leaves nothing, isolation, read-your-writes, conflicts and retries, unique keys.
 */
import { rejection, startTestCloud, type TestCloud } from './testkit';

let t: TestCloud;
let db: TestCloud['db'];
let _: TestCloud['db']['command'];

// The transaction object's collection() is typed loosely by the SDK; this is the part used here.
type Tx = {
  collection(name: string): {
    doc(id: string): { get(): Promise<{ data: Record<string, unknown> | null }>; set(d: object): Promise<unknown>; update(d: object): Promise<{ updated: number }>; remove(): Promise<{ deleted: number }> };
    add(d: object): Promise<{ id: string }>;
    where(q: object): { get(): Promise<{ data: Record<string, unknown>[] }>; updateAndReturn(d: object): Promise<{ updated: number; doc: Record<string, unknown> }> };
  };
  commit(): Promise<unknown>;
  rollback(reason?: unknown): Promise<unknown>;
};

async function balance(id: string): Promise<number> {
  return ((await db.collection('accounts').doc(id).get()).data[0] as { balance: number }).balance;
}

beforeAll(async () => {
  t = await startTestCloud();
  db = t.db;
  _ = db.command;
  await db.createCollection('accounts');
  await db.createCollection('log');
  t.cloud.store.ensureIndexes('log', [{ name: 'ref_unique', fields: [{ field: 'ref', direction: 1 }], unique: true }]);
});
afterAll(() => t.close());

beforeEach(async () => {
  await db.collection('accounts').where({ balance: _.exists(true) }).remove();
  await db.collection('log').where({ ref: _.exists(true) }).remove();
  await db.collection('accounts').add([
    { _id: 'alice', balance: 100 },
    { _id: 'bob', balance: 50 },
  ]);
});

test('runTransaction commits every write at once and returns the callback result', async () => {
  const result = await db.runTransaction(async (tx: Tx) => {
    const a = (await tx.collection('accounts').doc('alice').get()).data!;
    await tx.collection('accounts').doc('alice').update({ balance: _.inc(-30) });
    await tx.collection('accounts').doc('bob').update({ balance: _.inc(30) });
    await tx.collection('log').add({ ref: 't1', amount: 30 });
    // read-your-writes inside the transaction
    expect((await tx.collection('accounts').doc('alice').get()).data).toMatchObject({ balance: 70 });
    expect((await tx.collection('log').where({ ref: 't1' }).get()).data).toHaveLength(1);
    // not visible outside before commit
    expect(await balance('alice')).toBe(100);
    expect((await db.collection('log').where({ ref: 't1' }).count()).total).toBe(0);
    return a.balance;
  });
  expect(result).toBe(100);
  expect(await balance('alice')).toBe(70);
  expect(await balance('bob')).toBe(80);
  expect((await db.collection('log').where({ ref: 't1' }).count()).total).toBe(1);
});

test('a throwing callback rolls back and leaves nothing', async () => {
  const err = await rejection(
    db.runTransaction(async (tx: Tx) => {
      await tx.collection('accounts').doc('alice').update({ balance: _.inc(-1000) });
      await tx.collection('accounts').doc('carol').set({ balance: 1 });
      await tx.collection('accounts').doc('bob').remove();
      await tx.collection('log').add({ ref: 'never' });
      throw Object.assign(new Error('insufficient funds'), { code: 'APP_RULE' });
    }),
  );
  expect(err.message).toBe('insufficient funds');
  expect(await balance('alice')).toBe(100);
  expect(await balance('bob')).toBe(50);
  expect((await db.collection('accounts').doc('carol').get()).data).toEqual([]);
  expect((await db.collection('log').count()).total).toBe(0);
  expect(t.cloud.store.activeTransactions()).toBe(0);
});

test('transaction.rollback(reason) rejects runTransaction with the reason and writes nothing', async () => {
  const err = await rejection(
    db.runTransaction(async (tx: Tx) => {
      await tx.collection('accounts').doc('alice').update({ balance: 0 });
      await tx.rollback({ code: 'CUSTOM', message: 'changed my mind' });
    }),
  );
  expect(err).toMatchObject({ code: 'CUSTOM' });
  expect(await balance('alice')).toBe(100);
});

test('startTransaction: commit and rollback', async () => {
  const tx = (await db.startTransaction()) as unknown as Tx;
  await tx.collection('accounts').doc('alice').update({ balance: 1 });
  await tx.collection('accounts').add({ _id: 'dave', balance: 5 });
  const r = await tx.collection('accounts').where({ balance: _.lt(10) }).get();
  expect(r.data.map((d) => d._id).sort()).toEqual(['alice', 'dave']);
  await tx.commit();
  expect(await balance('alice')).toBe(1);
  expect(await balance('dave')).toBe(5);

  const tx2 = (await db.startTransaction()) as unknown as Tx;
  await tx2.collection('accounts').doc('dave').remove();
  await tx2.rollback();
  expect(await balance('dave')).toBe(5);
  expect((await rejection(tx2.commit())).code).toBe('DATABASE_TRANSACTION_FAIL');
});

test('two transactions writing one document: the second gets DATABASE_TRANSACTION_CONFLICT', async () => {
  const tx1 = (await db.startTransaction()) as unknown as Tx;
  const tx2 = (await db.startTransaction()) as unknown as Tx;
  await tx1.collection('accounts').doc('alice').update({ balance: _.inc(1) });
  const err = await rejection(tx2.collection('accounts').doc('alice').update({ balance: _.inc(2) }));
  expect(err.code).toBe('DATABASE_TRANSACTION_CONFLICT');
  await tx1.commit();
  expect(await balance('alice')).toBe(101);
});

test('a write outside the transaction after it read the document makes the commit conflict', async () => {
  const tx = (await db.startTransaction()) as unknown as Tx;
  const seen = (await tx.collection('accounts').doc('alice').get()).data!;
  await db.collection('accounts').doc('alice').update({ balance: _.inc(5) });
  const err = await rejection(tx.collection('accounts').doc('alice').update({ balance: (seen.balance as number) - 10 }));
  expect(err.code).toBe('DATABASE_TRANSACTION_CONFLICT');
  expect(await balance('alice')).toBe(105);
  // the conflict aborted the transaction
  expect((await rejection(tx.commit())).code).toBe('DATABASE_TRANSACTION_FAIL');
});

test('a write outside the transaction to a document it already wrote makes the commit conflict', async () => {
  const tx = (await db.startTransaction()) as unknown as Tx;
  await tx.collection('accounts').doc('bob').update({ balance: 0 });
  await db.collection('accounts').doc('bob').update({ balance: _.inc(1) });
  expect((await rejection(tx.commit())).code).toBe('DATABASE_TRANSACTION_CONFLICT');
  expect(await balance('bob')).toBe(51);
  expect(t.cloud.store.activeTransactions()).toBe(0);
});

test('runTransaction retries on conflict; concurrent transfers keep the total', async () => {
  const transfer = (from: string, to: string, amount: number) =>
    db.runTransaction(async (tx: Tx) => {
      const src = (await tx.collection('accounts').doc(from).get()).data as { balance: number };
      if (src.balance < amount) throw new Error('insufficient');
      await tx.collection('accounts').doc(from).update({ balance: src.balance - amount });
      const dst = (await tx.collection('accounts').doc(to).get()).data as { balance: number };
      await tx.collection('accounts').doc(to).update({ balance: dst.balance + amount });
    }, 10);
  const results = await Promise.allSettled(Array.from({ length: 20 }, (_v, i) => (i % 2 ? transfer('alice', 'bob', 3) : transfer('bob', 'alice', 2))));
  const ok = results.filter((r) => r.status === 'fulfilled').length;
  const failed = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
  expect(failed.every((f) => f.reason.code === 'DATABASE_TRANSACTION_CONFLICT' || f.reason.message === 'insufficient')).toBe(true);
  expect(ok).toBeGreaterThan(0);
  expect((await balance('alice')) + (await balance('bob'))).toBe(150);
  expect(t.cloud.store.activeTransactions()).toBe(0);
});

test('unique index inside a transaction: DATABASE_DUPLICATE_WRITE, and nothing is kept', async () => {
  await db.collection('log').add({ ref: 'taken' });
  const err = await rejection(
    db.runTransaction(async (tx: Tx) => {
      await tx.collection('accounts').doc('alice').update({ balance: 0 });
      await tx.collection('log').add({ ref: 'taken' });
    }),
  );
  expect(err.code).toBe('DATABASE_DUPLICATE_WRITE');
  expect(await balance('alice')).toBe(100);
  const dupInTx = await rejection(
    db.runTransaction(async (tx: Tx) => {
      await tx.collection('log').add({ ref: 'twice' });
      await tx.collection('log').add({ ref: 'twice' });
    }),
  );
  expect(dupInTx.code).toBe('DATABASE_DUPLICATE_WRITE');
  expect((await db.collection('log').where({ ref: 'twice' }).count()).total).toBe(0);
});

test('updateAndReturn and set inside a transaction', async () => {
  await db.runTransaction(async (tx: Tx) => {
    const r = await tx.collection('accounts').where({ _id: 'bob' }).updateAndReturn({ balance: _.inc(1) });
    expect(r.doc).toEqual({ _id: 'bob', balance: 51 });
    await tx.collection('accounts').doc('erin').set({ balance: 7 });
  });
  expect(await balance('bob')).toBe(51);
  expect(await balance('erin')).toBe(7);
});
