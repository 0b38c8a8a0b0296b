import { startTestCloud, type TestCloud } from '../../localcloud/testkit';
import type { Db } from './handler';
import { incrementDoc, readAll } from './database';

let t: TestCloud;
let db: Db;
beforeAll(async () => {
  t = await startTestCloud();
  db = t.db as unknown as Db;
  await t.db.createCollection('many');
  await t.db.createCollection('counters');
  const docs = Array.from({ length: 2345 }, (_, i) => ({ _id: `d${String(i).padStart(5, '0')}`, even: i % 2 === 0 }));
  for (let i = 0; i < docs.length; i += 500) await t.db.collection('many').add(docs.slice(i, i + 500));
});
afterAll(() => t.close());

it('reads every matching document past the SDK page of 1000, in _id order', async () => {
  const all = await readAll(db, 'many', {}, { _id: true });
  expect(all).toHaveLength(2345);
  expect(new Set(all.map((d) => d._id)).size).toBe(2345);
  expect(all.map((d) => d._id)).toEqual([...all.map((d) => d._id)].sort());
  const even = await readAll(db, 'many', { even: true });
  expect(even).toHaveLength(1173);
});

it('creates a counter on first use and adds under concurrent creators', async () => {
  await Promise.all(Array.from({ length: 8 }, () => incrementDoc(db, 'counters', 'c1', { kind: 'x' }, { n: db.command.inc(2) }, { n: 2 })));
  const doc = (await t.db.collection('counters').doc('c1').get()).data[0] as { n: number; kind: string };
  expect(doc).toMatchObject({ n: 16, kind: 'x' });
});
