/**
 * Conformance: writes through the real @cloudbase/node-sdk. Every update operator, doc.set / upsert,
 * multi updates, updateAndReturn, remove, result counts, invalid updates, and 200 concurrent _.inc.
 */
import { rawAction, rejection, startTestCloud, type TestCloud } from './testkit';

let t: TestCloud;
let db: TestCloud['db'];
let _: TestCloud['db']['command'];

beforeAll(async () => {
  t = await startTestCloud();
  db = t.db;
  _ = db.command;
  await db.createCollection('u');
});
afterAll(() => t.close());

async function fresh(id: string, doc: Record<string, unknown>) {
  await db.collection('u').doc(id).set(doc);
  return db.collection('u').doc(id);
}
async function read(id: string): Promise<Record<string, unknown>> {
  return (await db.collection('u').doc(id).get()).data[0] as Record<string, unknown>;
}

describe('update operators', () => {
  test('set (nested and whole objects), inc, mul, min, max', async () => {
    const ref = await fresh('ops1', { a: 1, b: 2, c: 10, o: { x: 1, y: 2 }, d: new Date(1000) });
    const r = await ref.update({ a: _.inc(2), b: _.mul(3), c: _.min(4), o: { y: 5, z: 6 }, n: _.set({ k: 1 }), d: _.max(new Date(5000)), e: _.inc(1) });
    expect(r.updated).toBe(1);
    expect(await read('ops1')).toEqual({ _id: 'ops1', a: 3, b: 6, c: 4, o: { x: 1, y: 5, z: 6 }, n: { k: 1 }, d: new Date(5000), e: 1 });
    await ref.update({ o: _.set({ only: true }), c: _.max(9) });
    expect(await read('ops1')).toMatchObject({ o: { only: true }, c: 9 });
  });

  test('remove (unset) and rename', async () => {
    const ref = await fresh('ops2', { a: 1, b: 2, nested: { x: 1, y: 2 } });
    await ref.update({ a: _.remove(), 'nested.x': _.remove(), b: _.rename('bee') });
    expect(await read('ops2')).toEqual({ _id: 'ops2', bee: 2, nested: { y: 2 } });
  });

  test('push with each / position / slice / sort, unshift, pop, shift', async () => {
    const ref = await fresh('arr1', { a: [3, 1], b: [1, 2, 3], c: [1, 2, 3], d: [5], s: [{ n: 2 }, { n: 1 }] });
    await ref.update({ a: _.push(7) });
    expect((await read('arr1')).a).toEqual([3, 1, 7]);
    await ref.update({ a: _.push({ each: [0, 9], position: 1 }) });
    expect((await read('arr1')).a).toEqual([3, 0, 9, 1, 7]);
    await ref.update({ a: _.push({ each: [4], sort: 1, slice: 4 }) });
    expect((await read('arr1')).a).toEqual([0, 1, 3, 4]);
    await ref.update({ s: _.push({ each: [{ n: 0 }], sort: { n: -1 } }) });
    expect((await read('arr1')).s).toEqual([{ n: 2 }, { n: 1 }, { n: 0 }]);
    await ref.update({ b: _.pop(), c: _.shift(), d: _.unshift(1, 2) });
    expect(await read('arr1')).toMatchObject({ b: [1, 2], c: [2, 3], d: [1, 2, 5] });
    await ref.update({ fresh: _.push({ each: [3, 1, 2], sort: 1 }) });
    expect((await read('arr1')).fresh).toEqual([1, 2, 3]);
  });

  test('pull (value and condition), pullAll, addToSet (one and each)', async () => {
    const ref = await fresh('arr2', { a: [1, 2, 3, 4, 2], b: [{ x: 1 }, { x: 5 }], c: ['a', 'b', 'c', 'a'], s: ['x'] });
    await ref.update({ a: _.pull(2), b: _.pull({ x: _.gt(2) }), c: _.pullAll(['a', 'c']) });
    expect(await read('arr2')).toMatchObject({ a: [1, 3, 4], b: [{ x: 1 }], c: ['b'] });
    await ref.update({ a: _.pull(_.gte(3)) });
    expect((await read('arr2')).a).toEqual([1]);
    await ref.update({ s: _.addToSet('x') });
    expect((await read('arr2')).s).toEqual(['x']);
    await ref.update({ s: _.addToSet('y') });
    await ref.update({ s: _.addToSet({ $each: ['y', 'z', 'z'] }) });
    expect((await read('arr2')).s).toEqual(['x', 'y', 'z']);
    await ref.update({ t: _.addToSet({ $each: ['q', 'q', 'r'] }) });
    expect((await read('arr2')).t).toEqual(['q', 'r']);
  });

  test('dotted paths create nested objects; serverDate is set by the server', async () => {
    const ref = await fresh('dots', { a: { b: 1 } });
    const before = Date.now();
    await ref.update({ 'a.c.d': 5, 'x.y': _.inc(2), at: db.serverDate() });
    const doc = await read('dots');
    expect(doc).toMatchObject({ a: { b: 1, c: { d: 5 } }, x: { y: 2 } });
    expect(doc.at).toBeInstanceOf(Date);
    expect((doc.at as Date).getTime()).toBeGreaterThanOrEqual(before - 1000);
  });
});

describe('documents', () => {
  test('doc.set replaces the whole document and upserts a missing one', async () => {
    const created = await db.collection('u').doc('s1').set({ a: 1, b: 2 });
    expect(created.upsertedId).toBe('s1');
    const replaced = await db.collection('u').doc('s1').set({ c: 3 });
    expect(replaced.updated).toBe(1);
    expect(await read('s1')).toEqual({ _id: 's1', c: 3 });
    // CloudBase counts the matched document, changed or not
    const same = await db.collection('u').doc('s1').set({ c: 3 });
    expect(same.updated).toBe(1);
  });

  test('doc.update of a missing document updates nothing; an unchanged match still counts 1 (CloudBase counts matched documents)', async () => {
    expect((await db.collection('u').doc('nope').update({ a: 1 })).updated).toBe(0);
    expect((await db.collection('u').doc('nope').get()).data).toEqual([]);
    await fresh('same', { a: 1 });
    expect((await db.collection('u').doc('same').update({ a: 1 })).updated).toBe(1);
    expect((await db.collection('u').doc('same').update({ a: 2 })).updated).toBe(1);
  });

  test('where().update updates every match; where().remove removes every match', async () => {
    await db.createCollection('multi');
    await db.collection('multi').add(Array.from({ length: 10 }, (_v, i) => ({ i, even: i % 2 === 0 })));
    const r = await db.collection('multi').where({ even: true }).update({ tagged: true, i: _.inc(100) });
    expect(r.updated).toBe(5);
    expect((await db.collection('multi').where({ tagged: true, i: _.gte(100) }).count()).total).toBe(5);
    const del = await db.collection('multi').where({ even: false }).remove();
    expect(del.deleted).toBe(5);
    expect((await db.collection('multi').count()).total).toBe(5);
    expect((await db.collection('multi').doc('missing').remove()).deleted).toBe(0);
  });

  test('add: generated ids, given ids, several at once', async () => {
    const one = await db.collection('u').add({ a: 1 });
    expect(one.id).toMatch(/^[0-9a-f]{32}$/);
    const many = await db.collection('u').add([{ _id: 'm1' }, { _id: 'm2' }, { x: 1 }]);
    expect(many.ids).toHaveLength(3);
    expect(many.ids!.slice(0, 2)).toEqual(['m1', 'm2']);
    // a batch with a duplicate inserts nothing
    const err = await rejection(db.collection('u').add([{ _id: 'm3' }, { _id: 'm1' }]));
    expect(err.code).toBe('DATABASE_DUPLICATE_WRITE');
    expect((await db.collection('u').doc('m3').get()).data).toEqual([]);
  });

  test('updateAndReturn returns the updated document', async () => {
    await fresh('uar', { kind: 'counter', n: 1 });
    const r = await db.collection('u').where({ kind: 'counter' }).updateAndReturn({ n: _.inc(4) });
    expect(r.updated).toBe(1);
    expect(r.doc).toEqual({ _id: 'uar', kind: 'counter', n: 5 });
    // setting a field to the value it already has still counts the matched document (CloudBase: updated 1)
    const unchanged = await db.collection('u').where({ kind: 'counter' }).updateAndReturn({ n: 5 });
    expect(unchanged.updated).toBe(1);
    expect(unchanged.doc).toEqual({ _id: 'uar', kind: 'counter', n: 5 });
    const none = await db.collection('u').where({ kind: 'nothing' }).updateAndReturn({ n: _.inc(1) });
    expect(none.updated).toBe(0);
    expect(none.doc ?? null).toBeNull();
  });
});

describe('invalid updates fail loudly', () => {
  test('operators on the wrong type, unknown operators, _id', async () => {
    await fresh('bad', { s: 'text', n: 1 });
    expect((await rejection(db.collection('u').doc('bad').update({ s: _.inc(1) }))).code).toBe('INVALID_PARAM');
    expect((await rejection(db.collection('u').doc('bad').update({ n: _.push(1) }))).code).toBe('INVALID_PARAM');
    const raw = await rawAction(t.cloud.url, { action: 'database.modifyDocument', collectionName: 'u', queryType: 'DOC', query: '{"_id":"bad"}', data: '{"$frobnicate":{"n":1}}', merge: true, multi: false, upsert: false });
    expect(raw.code).toBe('INVALID_PARAM');
    const id = await rawAction(t.cloud.url, { action: 'database.modifyDocument', collectionName: 'u', queryType: 'DOC', query: '{"_id":"bad"}', data: '{"$set":{"_id":"other"}}', merge: true, multi: false, upsert: false });
    expect(id.code).toBe('INVALID_PARAM');
    expect(await read('bad')).toEqual({ _id: 'bad', s: 'text', n: 1 });
  });
});

describe('concurrency', () => {
  test('200 concurrent _.inc on one document end exact', async () => {
    await fresh('hot', { n: 0 });
    const results = await Promise.all(Array.from({ length: 200 }, () => db.collection('u').doc('hot').update({ n: _.inc(1) })));
    expect(results.every((r) => r.updated === 1)).toBe(true);
    expect((await read('hot')).n).toBe(200);
  });

  test('concurrent inserts with the same _id: exactly one wins', async () => {
    const attempts = await Promise.allSettled(Array.from({ length: 20 }, (_v, i) => db.collection('u').add({ _id: 'race', i })));
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    expect(attempts.filter((a) => a.status === 'rejected').every((a) => (a as PromiseRejectedResult).reason.code === 'DATABASE_DUPLICATE_WRITE')).toBe(true);
  });
});
