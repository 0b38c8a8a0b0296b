/**
 * Conformance: aggregation through the real SDK. Every stage and group accumulator listed in the issue,
 * $lookup across collections, and the cloud's default of 20 records without $limit.
 */
import { rejection, startTestCloud, type TestCloud } from './testkit';

let t: TestCloud;
let db: TestCloud['db'];
let _: TestCloud['db']['command'];
let $: TestCloud['db']['command']['aggregate'];

const sales = [
  { _id: 's1', village: 'east', kind: 'quiz', score: 80, tags: ['a', 'b'], day: '2024-01-01', at: new Date('2024-01-01T10:00:00Z') },
  { _id: 's2', village: 'east', kind: 'lesson', score: 60, tags: ['b'], day: '2024-01-01', at: new Date('2024-01-01T11:00:00Z') },
  { _id: 's3', village: 'west', kind: 'quiz', score: 100, tags: [], day: '2024-01-02', at: new Date('2024-01-02T09:00:00Z') },
  { _id: 's4', village: 'west', kind: 'quiz', score: 40, tags: ['a'], day: '2024-01-02', at: new Date('2024-01-02T12:00:00Z') },
  { _id: 's5', village: 'north', kind: 'lesson', score: 90, tags: ['c', 'a'], day: '2024-01-03', at: new Date('2024-01-03T08:00:00Z') },
];

beforeAll(async () => {
  t = await startTestCloud();
  db = t.db;
  _ = db.command;
  $ = db.command.aggregate;
  await db.createCollection('sales');
  await db.createCollection('villages');
  await db.collection('sales').add(sales);
  await db.collection('villages').add([
    { _id: 'east', name: '东村' },
    { _id: 'west', name: '西村' },
  ]);
});
afterAll(() => t.close());

const agg = () => db.collection('sales').aggregate();

test('match + group with sum, avg, min, max, first, last, push, addToSet; sort', async () => {
  const res = await agg()
    .match({ score: _.gte(40) })
    .sort({ at: 1 })
    .group({
      _id: '$village',
      n: $.sum(1),
      total: $.sum('$score'),
      avg: $.avg('$score'),
      min: $.min('$score'),
      max: $.max('$score'),
      first: $.first('$_id'),
      last: $.last('$_id'),
      ids: $.push('$_id'),
      kinds: $.addToSet('$kind'),
      lastAt: $.max('$at'),
    })
    .sort({ _id: 1 })
    .end();
  expect(res.data).toEqual([
    { _id: 'east', n: 2, total: 140, avg: 70, min: 60, max: 80, first: 's1', last: 's2', ids: ['s1', 's2'], kinds: expect.arrayContaining(['quiz', 'lesson']), lastAt: new Date('2024-01-01T11:00:00Z') },
    { _id: 'north', n: 1, total: 90, avg: 90, min: 90, max: 90, first: 's5', last: 's5', ids: ['s5'], kinds: ['lesson'], lastAt: new Date('2024-01-03T08:00:00Z') },
    { _id: 'west', n: 2, total: 140, avg: 70, min: 40, max: 100, first: 's3', last: 's4', ids: ['s3', 's4'], kinds: ['quiz'], lastAt: new Date('2024-01-02T12:00:00Z') },
  ]);
  expect((res.data[0] as { lastAt: Date }).lastAt).toBeInstanceOf(Date);
});

test('project, addFields, skip, limit, count', async () => {
  const res = await agg()
    .sort({ score: -1 })
    .project({ _id: 0, village: 1, score: 1 })
    .addFields({ double: $.multiply(['$score', 2]) })
    .skip(1)
    .limit(2)
    .end();
  expect(res.data).toEqual([
    { village: 'north', score: 90, double: 180 },
    { village: 'east', score: 80, double: 160 },
  ]);
  const counted = await agg().match({ kind: 'quiz' }).count('quizzes').end();
  expect(counted.data).toEqual([{ quizzes: 3 }]);
});

test('unwind and sortByCount', async () => {
  const res = await agg().unwind('$tags').sortByCount('$tags').end();
  expect(res.data[0]).toEqual({ _id: 'a', count: 3 });
  expect(res.data).toHaveLength(3);
  const keep = await agg().unwind({ path: '$tags', preserveNullAndEmptyArrays: true }).count('n').end();
  expect(keep.data).toEqual([{ n: 7 }]);
});

test('lookup joins another collection', async () => {
  const res = await agg()
    .match({ _id: _.in(['s1', 's5']) })
    .lookup({ from: 'villages', localField: 'village', foreignField: '_id', as: 'v' })
    .project({ v: 1 })
    .end();
  expect(res.data).toEqual([
    { _id: 's1', v: [{ _id: 'east', name: '东村' }] },
    { _id: 's5', v: [] },
  ]);
  const missing = await rejection(agg().lookup({ from: 'no_such', localField: 'village', foreignField: '_id', as: 'v' }).end());
  expect(missing.code).toBe('DATABASE_COLLECTION_NOT_EXIST');
});

test('sample, replaceRoot, bucket', async () => {
  const sample = await agg().sample({ size: 3 }).end();
  expect(sample.data).toHaveLength(3);
  expect(new Set((sample.data as { _id: string }[]).map((d) => d._id)).size).toBe(3);
  for (let k = 0; k < 20; k++) {
    const all = await agg().sample({ size: 10 }).end();
    expect(new Set((all.data as { _id: string }[]).map((d) => d._id)).size).toBe(5); // without replacement
  }
  const roots = await agg().match({ _id: 's1' }).replaceRoot({ newRoot: { v: '$village', s: '$score' } }).end();
  expect(roots.data).toEqual([{ v: 'east', s: 80 }]);
  const buckets = await agg()
    .bucket({ groupBy: '$score', boundaries: [0, 50, 90, 101], default: 'other', output: { n: $.sum(1), ids: $.push('$_id') } })
    .end();
  expect(buckets.data).toEqual([
    { _id: 0, n: 1, ids: ['s4'] },
    { _id: 50, n: 2, ids: ['s1', 's2'] },
    { _id: 90, n: 2, ids: ['s3', 's5'] },
  ]);
  const withDefault = await agg()
    .bucket({ groupBy: '$score', boundaries: [50, 90, 100], default: 'other' })
    .end();
  expect(withDefault.data).toEqual([
    { _id: 50, count: 2 },
    { _id: 90, count: 1 },
    { _id: 'other', count: 2 },
  ]);
});

test('without $limit an aggregation returns at most 20 records, as in the cloud', async () => {
  await db.createCollection('big');
  await db.collection('big').add(Array.from({ length: 30 }, (_v, i) => ({ i })));
  expect((await db.collection('big').aggregate().match({ i: _.gte(0) }).end()).data).toHaveLength(20);
  expect((await db.collection('big').aggregate().match({ i: _.gte(0) }).limit(100).end()).data).toHaveLength(30);
  expect((await db.collection('big').aggregate().group({ _id: null, n: $.sum(1) }).end()).data).toEqual([{ _id: null, n: 30 }]);
});

test('unknown collection, unknown stage, unsupported stage', async () => {
  expect((await rejection(db.collection('nothing').aggregate().match({}).end())).code).toBe('DATABASE_COLLECTION_NOT_EXIST');
  const stages = db.collection('sales').aggregate() as unknown as { _pipe(stage: string, param: unknown): { end(): Promise<unknown> } };
  expect((await rejection(stages._pipe('bogusStage', {}).end())).code).toBe('INVALID_PARAM');
  const geo = await rejection(agg().geoNear({ near: new db.Geo.Point(113, 23), spherical: true, distanceField: 'd' }).end());
  expect(geo.code).toBe('LOCALCLOUD_UNSUPPORTED');
});

test('bucketAuto', async () => {
  const auto = await agg().bucketAuto({ groupBy: '$score', buckets: 2 }).end();
  expect((auto.data as { count: number }[]).reduce((n, b) => n + b.count, 0)).toBe(5);
});
