/**
 * LocalStore and codec units: what a restart must keep (collections, indexes, array paths), the stored
 * form, and EJSON compatibility with the bson package the SDK uses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { decodeEJSON, encodeEJSON, storeParse, storeStringify } from './codec';
import { LocalStore } from './store';
import { tempDir } from './testkit';

// the bson the SDK itself uses (a dependency of @cloudbase/database)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { EJSON } = require(require.resolve('bson', { paths: [path.dirname(require.resolve('@cloudbase/database'))] })) as typeof import('bson');

test('a reopened database keeps collections, indexes and array paths (even after a rolled-back write)', () => {
  const dir = tempDir();
  const file = path.join(dir, 's.sqlite');
  let store = new LocalStore({ dbFile: file });
  store.createCollection('c');
  store.ensureIndexes('c', [{ name: 'x', fields: [{ field: 'x', direction: 1 }] }]);
  store.insert('c', [{ _id: 'one', x: 'plain' }]);
  // the array at x is first seen in a write that fails (duplicate _id) and is rolled back
  expect(() => store.insert('c', [{ _id: 'two', x: ['a', 'b'] }, { _id: 'one' }])).toThrow(/duplicate/);
  store.insert('c', [{ _id: 'three', x: ['a', 'c'] }]);
  store.close();
  store = new LocalStore({ dbFile: file });
  expect(store.find('c', { x: 'a' }).map((d) => d._id)).toEqual(['three']);
  expect(store.explain('c', { x: 'a' }).join(' ')).not.toMatch(/USING INDEX ix_c__x/);
  expect(store.listCollections()).toEqual([{ name: 'c', count: 2, indexes: [{ name: 'x', fields: [{ field: 'x', direction: 1 }], unique: false }] }]);
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('group commit: concurrent writes share a transaction, a failing one does not undo the others', async () => {
  const store = new LocalStore({ dbFile: ':memory:' });
  store.createCollection('g');
  const results = await Promise.allSettled([
    store.write(() => store.insert('g', [{ _id: 'a' }])),
    store.write(() => store.insert('g', [{ _id: 'a' }])),
    store.write(() => store.insert('g', [{ _id: 'b' }, { _id: 'c' }])),
  ]);
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  expect(store.count('g', {})).toBe(3);
  store.close();
});

test('stored form round-trips every supported type and keeps dates sortable as text', () => {
  const doc = { d: new Date('2024-05-01T00:00:00Z'), neg: new Date(-1), re: /a.b/im, buf: Buffer.from([1, 2, 3]), nan: NaN, inf: -Infinity, ctl: '\u0000x', s: 'plain', n: [1, { m: null }] };
  const text = storeStringify(doc);
  expect(JSON.parse(text).d < JSON.parse(storeStringify({ d: new Date('2024-05-02T00:00:00Z') })).d).toBe(true);
  expect(JSON.parse(text).neg < JSON.parse(text).d).toBe(true);
  const back = storeParse(text);
  expect(back).toEqual(doc);
  expect(back.re).toBeInstanceOf(RegExp);
});

test('EJSON: what bson (the SDK) writes decodes to the same values, and what we write bson reads back', () => {
  const value = { a: 1, b: 1.5, c: -(2 ** 40), d: new Date(1234567890123), e: 'x', f: [true, null, { g: new Date(0) }], h: { i: {} } };
  expect(decodeEJSON(EJSON.stringify(value, { relaxed: false }))).toEqual(value);
  expect(decodeEJSON(EJSON.stringify(value, { relaxed: true }))).toEqual(value);
  const back = EJSON.parse(encodeEJSON(value)) as typeof value;
  expect(back.d).toBeInstanceOf(Date);
  expect(back).toEqual(value);
  expect((decodeEJSON('{"$regularExpression":{"pattern":"^a","options":"ix"}}') as RegExp).flags).toBe('i');
  expect(decodeEJSON('{"n":{"$numberDouble":"NaN"},"l":{"$numberLong":"9007199254740991"},"o":{"$oid":"5f0c6b3e1c9d440000a1b2c3"}}')).toEqual({ n: NaN, l: 9007199254740991, o: '5f0c6b3e1c9d440000a1b2c3' });
});
