import { startTestCloud, type TestCloud } from '../../localcloud/testkit';
import { readAll } from './readAll';

let t: TestCloud;
beforeAll(async () => {
  t = await startTestCloud();
  await t.db.createCollection('many');
  const docs = Array.from({ length: 2345 }, (_, i) => ({ _id: `d${String(i).padStart(5, '0')}`, even: i % 2 === 0 }));
  for (let i = 0; i < docs.length; i += 500) await t.db.collection('many').add(docs.slice(i, i + 500));
});
afterAll(() => t.close());

it('reads every matching document past the SDK page of 1000', async () => {
  const all = await readAll<{ _id: string }>(t.db.collection('many').field({ _id: true }));
  expect(all).toHaveLength(2345);
  expect(new Set(all.map((d) => d._id)).size).toBe(2345);
  const even = await readAll<{ _id: string }>(t.db.collection('many').where({ even: true }));
  expect(even).toHaveLength(1173);
});
