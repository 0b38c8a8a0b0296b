/**
 * Conformance: the cloud's error codes and the SDK's throw behaviour. Unknown collections, unique indexes,
 * invalid requests, and unsupported actions that must fail loudly, never succeed silently.
 */
import { rawAction, rejection, startTestCloud, type TestCloud } from './testkit';

let t: TestCloud;
let db: TestCloud['db'];
let _: TestCloud['db']['command'];

beforeAll(async () => {
  t = await startTestCloud();
  db = t.db;
  _ = db.command;
});
afterAll(() => t.close());

test('every operation on a collection that was not created fails with DATABASE_COLLECTION_NOT_EXIST', async () => {
  const c = db.collection('ghost');
  const calls = [
    c.get(),
    c.doc('x').get(),
    c.add({ a: 1 }),
    c.doc('x').set({ a: 1 }),
    c.doc('x').update({ a: 1 }),
    c.where({ a: 1 }).update({ a: 2 }),
    c.where({ a: 1 }).remove(),
    c.doc('x').remove(),
    c.count(),
    c.where({ a: 1 }).updateAndReturn({ a: _.inc(1) }),
    c.aggregate().match({}).end(),
  ];
  for (const call of calls) expect((await rejection(call)).code).toBe('DATABASE_COLLECTION_NOT_EXIST');
  expect(t.cloud.store.hasCollection('ghost')).toBe(false);
});

test('createCollection creates once; a second time fails with DATABASE_COLLECTION_ALREADY_EXIST', async () => {
  await db.createCollection('once');
  expect((await rejection(db.createCollection('once'))).code).toBe('DATABASE_COLLECTION_ALREADY_EXIST');
  expect((await rejection(db.createCollection('bad name!'))).code).toBe('INVALID_PARAM');
});

test('a unique index rejects the second write with DATABASE_DUPLICATE_WRITE (insert, update, set)', async () => {
  await db.createCollection('people');
  t.cloud.store.ensureIndexes('people', [{ name: 'openId_unique', fields: [{ field: 'openId', direction: 1 }], unique: true }]);
  await db.collection('people').add({ _id: 'p1', openId: 'o-1' });
  const dup = await rejection(db.collection('people').add({ _id: 'p2', openId: 'o-1' }));
  expect(dup.code).toBe('DATABASE_DUPLICATE_WRITE');
  expect(dup.message).toMatch(/E11000 duplicate key error collection: people index: openId_unique/);
  await db.collection('people').add({ _id: 'p2', openId: 'o-2' });
  expect((await rejection(db.collection('people').doc('p2').update({ openId: 'o-1' }))).code).toBe('DATABASE_DUPLICATE_WRITE');
  expect((await rejection(db.collection('people').doc('p3').set({ openId: 'o-2' }))).code).toBe('DATABASE_DUPLICATE_WRITE');
  expect((await db.collection('people').count()).total).toBe(2);
  // idempotent writes: the same submission twice records once
  const submit = () => db.collection('people').add({ openId: 'o-3' }).then(() => 'stored', (e: { code?: string }) => e.code);
  expect(await Promise.all([submit(), submit(), submit()])).toEqual(expect.arrayContaining(['stored', 'DATABASE_DUPLICATE_WRITE']));
  expect((await db.collection('people').where({ openId: 'o-3' }).count()).total).toBe(1);
});

test('unique indexes treat a missing field as null, as the cloud does', async () => {
  await db.createCollection('codes');
  t.cloud.store.ensureIndexes('codes', [{ name: 'code_unique', fields: [{ field: 'code', direction: 1 }], unique: true }]);
  await db.collection('codes').add({ name: 'no code' });
  expect((await rejection(db.collection('codes').add({ name: 'also no code' }))).code).toBe('DATABASE_DUPLICATE_WRITE');
  expect((await rejection(db.collection('codes').add({ code: null }))).code).toBe('DATABASE_DUPLICATE_WRITE');
  await db.collection('codes').add({ code: 'A' });
  // creating a unique index over existing duplicates fails loudly
  await db.createCollection('dups');
  await db.collection('dups').add([{ k: 1 }, { k: 1 }]);
  expect(() => t.cloud.store.ensureIndexes('dups', [{ name: 'k', fields: [{ field: 'k', direction: 1 }], unique: true }])).toThrow(/duplicate/);
});

test('a compound unique index is unique on the combination', async () => {
  await db.createCollection('pairs');
  t.cloud.store.ensureIndexes('pairs', [{ name: 'a_b', fields: [{ field: 'a', direction: 1 }, { field: 'b', direction: -1 }], unique: true }]);
  await db.collection('pairs').add([{ a: 1, b: 1 }, { a: 1, b: 2 }, { a: 2, b: 1 }]);
  expect((await rejection(db.collection('pairs').add({ a: 1, b: 2 }))).code).toBe('DATABASE_DUPLICATE_WRITE');
});

test('invalid requests fail with INVALID_PARAM', async () => {
  await db.createCollection('inv');
  const bad = await rawAction(t.cloud.url, { action: 'database.getDocument', collectionName: 'inv', queryType: 'WHERE', query: '{not json' });
  expect(bad.code).toBe('INVALID_PARAM');
  const noName = await rawAction(t.cloud.url, { action: 'database.getDocument', queryType: 'WHERE' });
  expect(noName.code).toBe('INVALID_PARAM');
  const badDoc = await rawAction(t.cloud.url, { action: 'database.insertDocument', collectionName: 'inv', data: ['[1,2]'] });
  expect(badDoc.code).toBe('INVALID_PARAM');
  const decimal = await rawAction(t.cloud.url, { action: 'database.insertDocument', collectionName: 'inv', data: ['{"x":{"$numberDecimal":"1.5"}}'] });
  expect(decimal.code).toBe('LOCALCLOUD_UNSUPPORTED');
});

test('unsupported actions and operators fail loudly', async () => {
  const fn = await rejection(t.app.callFunction({ name: 'anything', data: {} }));
  expect(fn.code).toBe('LOCALCLOUD_UNSUPPORTED');
  expect(fn.message).toMatch(/functions\.invokeFunction is not supported/);
  const raw = await rawAction(t.cloud.url, { action: 'database.somethingNew', collectionName: 'inv' });
  expect(raw.code).toBe('LOCALCLOUD_UNSUPPORTED');
  const geo = await rejection(db.collection('inv').where({ loc: _.geoNear({ geometry: new db.Geo.Point(113, 23), maxDistance: 10 }) }).get());
  expect(geo.code).toBe('LOCALCLOUD_UNSUPPORTED');
  const res = await fetch(`${t.cloud.url}/v1/model/whatever`, { method: 'POST' });
  expect(res.status).toBe(404);
});

test('the server listens on 127.0.0.1 only', () => {
  expect(t.cloud.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
});
