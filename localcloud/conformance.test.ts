/**
 * Conformance with CloudBase's documented behaviour, one test per deviation the local cloud used to have
 * (issue #17), each through the real SDK. The expected values come from CloudBase's documentation:
 * - db.serverDate({ offset }): "offset: 引用服务端时间的偏移量，毫秒" — the stored time is the server's now + offset;
 * - command.elemMatch: matches an array field that has at least one element (a document) meeting all conditions;
 * - transactions use snapshot isolation (MongoDB); DATABASE_TRANSACTION_CONFLICT on a write conflict;
 *   DATABASE_TRANSACTION_FAIL "[ResourceUnavailable.TransactionNotExist] … must be commit or abort in 30 seconds";
 * - update/set return `updated`: the number of documents matched and updated;
 * - $week: "一年中的第几周 (0–53)，以周日为一周的开始，一年第一个周日之前的日期为第 0 周" (2019-05-14 → 19);
 * - $substr / $substrBytes: "如果长度为负数，返回从开始位置到字符串结尾";
 * - $indexOfCP: the code-point index of the first occurrence (-1 when absent), counted in code points (UTF-8
 *   characters), so an emoji before the match counts once; start/end bound the search; null for a missing string;
 * - a field name starting with `$` is refused by the database (DATABASE_REQUEST_FAILED).
 * What the local cloud cannot emulate fails loudly with LOCALCLOUD_UNSUPPORTED ($jsonSchema).
 */
import { rawAction, rejection, startTestCloud, type TestCloud } from './testkit';
import { TRANSACTION_LIFETIME_MS } from './store/transactions';

let t: TestCloud;
let db: TestCloud['db'];
let _: TestCloud['db']['command'];
let $: TestCloud['db']['command']['aggregate'];

beforeAll(async () => {
  t = await startTestCloud();
  db = t.db;
  _ = db.command;
  $ = db.command.aggregate;
  for (const c of ['dates', 'arrays', 'tx', 'strings', 'fields']) await db.createCollection(c);
});
afterAll(() => t.close());

test('serverDate({ offset }) stores the server time plus the offset (sent as an EJSON number)', async () => {
  const before = Date.now();
  await db.collection('dates').add({ _id: 'plus', at: db.serverDate({ offset: 60_000 }), year: db.serverDate({ offset: 365 * 24 * 3600 * 1000 }), now: db.serverDate() });
  const after = Date.now();
  const doc = (await db.collection('dates').doc('plus').get()).data[0] as { at: Date; year: Date; now: Date };
  expect(new Date(doc.at).getTime()).toBeGreaterThanOrEqual(before + 60_000);
  expect(new Date(doc.at).getTime()).toBeLessThanOrEqual(after + 60_000);
  expect(new Date(doc.year).getTime() - new Date(doc.now).getTime()).toBe(365 * 24 * 3600 * 1000);
});

test('elemMatch with field conditions matches only array elements that are documents', async () => {
  await db.collection('arrays').add([
    { _id: 'plain', tags: [1, 2, 3] },
    { _id: 'docs', tags: [{ n: 1 }, { n: 5 }] },
    { _id: 'mixed', tags: [7, { m: 1 }] },
  ]);
  const ids = async (q: object) => ((await db.collection('arrays').where(q).get()).data as { _id: string }[]).map((d) => d._id).sort();
  expect(await ids({ tags: _.elemMatch({ n: _.gt(2) }) })).toEqual(['docs']);
  expect(await ids({ tags: _.elemMatch({ n: _.exists(true) }) })).toEqual(['docs']);
  expect(await ids({ tags: _.elemMatch({ m: _.exists(true) }) })).toEqual(['mixed']);
  // value conditions (operators only) still apply to plain elements
  expect(await ids({ tags: _.elemMatch(_.gt(2)) })).toEqual(['mixed', 'plain']);
});

test('a transaction reads the snapshot taken when it began; a conflicting write gets the cloud\'s conflict error', async () => {
  await db.collection('tx').add([
    { _id: 'a', v: 1 },
    { _id: 'b', v: 1 },
  ]);
  const tx = (await db.startTransaction()) as unknown as {
    collection(n: string): { doc(id: string): { get(): Promise<{ data: { v: number } | null }>; update(d: object): Promise<unknown> }; where(q: object): { get(): Promise<{ data: { _id: string }[] }> } };
    rollback(): Promise<unknown>;
  };
  expect((await tx.collection('tx').doc('a').get()).data?.v).toBe(1);
  // committed outside the transaction after it began
  await db.collection('tx').doc('b').update({ v: 2 });
  await db.collection('tx').add({ _id: 'c', v: 1 });
  await db.collection('tx').doc('a').remove();
  expect((await tx.collection('tx').doc('b').get()).data?.v).toBe(1);
  expect((await tx.collection('tx').doc('a').get()).data?.v).toBe(1);
  expect((await tx.collection('tx').where({ v: 1 }).get()).data.map((d) => d._id).sort()).toEqual(['a', 'b']);
  const e = await rejection(tx.collection('tx').doc('b').update({ v: 3 }));
  expect(e.code).toBe('DATABASE_TRANSACTION_CONFLICT');
  expect(e.message).toMatch(/\[ResourceUnavailable\.TransactionConflict\]/);
  expect(((await db.collection('tx').doc('b').get()).data[0] as { v: number }).v).toBe(2);
});

test('an unknown or expired transaction fails with the cloud\'s message; the lifetime is 30 s', async () => {
  expect(TRANSACTION_LIFETIME_MS).toBe(30_000);
  const r = await rawAction(t.cloud.url, { action: 'database.commitTransaction', transactionId: 'no-such-transaction' });
  expect(r.code).toBe('DATABASE_TRANSACTION_FAIL');
  expect(r.message).toMatch(/^\[ResourceUnavailable\.TransactionNotExist\] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds/);
});

test('a transaction lives 30 s: at 29 s it still commits, one begun 31 s ago is gone with the cloud\'s message', async () => {
  const realNow = Date.now.bind(Date);
  const later = (ms: number) => jest.spyOn(Date, 'now').mockImplementation(() => realNow() + ms);
  type Tx = { collection(n: string): { doc(id: string): { set(d: object): Promise<unknown> } }; commit(): Promise<unknown> };
  try {
    const alive = (await db.startTransaction()) as unknown as Tx;
    await alive.collection('tx').doc('alive').set({ v: 1 });
    later(29_000);
    await alive.commit();
    jest.restoreAllMocks();
    expect((await db.collection('tx').doc('alive').get()).data).toHaveLength(1);

    const expired = (await db.startTransaction()) as unknown as Tx;
    await expired.collection('tx').doc('expired').set({ v: 1 });
    later(31_000);
    const e = await rejection(expired.commit());
    expect(e.code).toBe('DATABASE_TRANSACTION_FAIL');
    expect(e.message).toMatch(/^\[ResourceUnavailable\.TransactionNotExist\] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds/);
  } finally {
    jest.restoreAllMocks();
  }
  expect((await db.collection('tx').doc('expired').get()).data).toEqual([]);
});

test('$week counts Sunday-started weeks from 0 (2019-05-14 is week 19)', async () => {
  await db.collection('dates').add([
    { _id: 'w1', d: new Date('2019-05-14T00:00:00Z') },
    { _id: 'w2', d: new Date('2019-01-01T00:00:00Z') },
    { _id: 'w3', d: new Date('2019-01-06T00:00:00Z') },
    { _id: 'w4', d: new Date('2016-12-31T00:00:00Z') },
  ]);
  const res = await db
    .collection('dates')
    .aggregate()
    .match({ _id: _.in(['w1', 'w2', 'w3', 'w4']) })
    .project({ w: $.week('$d') })
    .sort({ _id: 1 })
    .limit(10)
    .end();
  expect((res.data as { _id: string; w: number }[]).map((d) => [d._id, d.w])).toEqual([
    ['w1', 19],
    ['w2', 0],
    ['w3', 1],
    ['w4', 52],
  ]);
});

test('$substr / $substrBytes with a negative length read to the end; $indexOfCP finds code points', async () => {
  await db.collection('strings').add({ _id: 's', s: 'hello world', zh: '中华人民共和国民法典' });
  const res = await db
    .collection('strings')
    .aggregate()
    .project({ a: $.substr(['$s', 6, -1]), b: $.substrBytes(['$s', 0, -1]), c: $.substr(['$s', 0, 5]), i: $.indexOfCP(['$zh', '民法典']), j: $.indexOfCP(['$zh', '刑法']) })
    .limit(1)
    .end();
  expect(res.data[0]).toMatchObject({ a: 'world', b: 'hello world', c: 'hello', i: 7, j: -1 });
});

test('$indexOfCP counts code points: an emoji or a CJK extension character before the match is one', async () => {
  // '👍' (U+1F44D) and '𠀀' (U+20000) are one code point each but two UTF-16 code units.
  await db.collection('strings').add({ _id: 'astral', s: '👍普法𠀀学堂民法典', empty: null });
  const res = await db
    .collection('strings')
    .aggregate()
    .match({ _id: 'astral' })
    .project({
      law: $.indexOfCP(['$s', '民法典']),
      afterEmoji: $.indexOfCP(['$s', '普法']),
      from: $.indexOfCP(['$s', '学', 4]),
      before: $.indexOfCP(['$s', '民', 0, 6]),
      window: $.indexOfCP(['$s', '民', 0, 7]),
      pastEnd: $.indexOfCP(['$s', '学', 9]),
      emptySub: $.indexOfCP(['$s', '', 3]),
      missing: $.indexOfCP(['$nothing', '法']),
      len: $.strLenCP('$s'),
    })
    .end();
  expect(res.data[0]).toMatchObject({ law: 6, afterEmoji: 1, from: 4, before: -1, window: 6, pastEnd: -1, emptySub: 3, missing: null, len: 9 });
  // The same in a query expression.
  const hit = await db.collection('strings').where(_.expr($.eq([$.indexOfCP(['$s', '学堂']), 4]))).get();
  expect((hit.data as { _id: string }[]).map((d) => d._id)).toEqual(['astral']);
});

test('_.jsonSchema is not emulated: LOCALCLOUD_UNSUPPORTED, never a silent result', async () => {
  const e = await rejection(db.collection('fields').where(_.jsonSchema({ required: ['x'] })).get());
  expect(e.code).toBe('LOCALCLOUD_UNSUPPORTED');
});

test('a field name starting with $ is refused with DATABASE_REQUEST_FAILED and writes nothing', async () => {
  const r = await rawAction(t.cloud.url, { action: 'database.insertDocument', collectionName: 'fields', data: ['{"_id":"d","$bad":1}'] });
  expect(r.code).toBe('DATABASE_REQUEST_FAILED');
  expect((await db.collection('fields').count()).total).toBe(0);
});
