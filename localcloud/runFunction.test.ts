/**
 * The local function runner: identity per call through context.environment (read by getCaller), never
 * through process state, so concurrent callers never see each other's identity.
 */
import { getCaller, getDb } from '../cloudfunctions/shared/cloudbase';
import { runFunction, type FunctionContext } from './runFunction';
import { startTestCloud, type TestCloud } from './testkit';

let t: TestCloud;
beforeAll(async () => {
  t = await startTestCloud();
  process.env.LOCALCLOUD_URL = t.cloud.url;
  await t.db.createCollection('visits');
});
afterAll(async () => {
  delete process.env.LOCALCLOUD_URL;
  await t.close();
});

// A function that reads its caller, waits (so the calls interleave), writes, and reads the caller again.
async function main(event: { delay: number }, context: FunctionContext) {
  const before = getCaller(context);
  await new Promise((r) => setTimeout(r, event.delay));
  const db = getDb();
  await db.collection('visits').add({ openId: before.openId, appId: before.appId, at: new Date() });
  await new Promise((r) => setTimeout(r, event.delay));
  const after = getCaller(context);
  return { before, after, envOpenId: process.env.WX_OPENID ?? null, at: new Date(0) };
}

test('two concurrent callers never see each other', async () => {
  const calls = Array.from({ length: 20 }, (_v, i) => runFunction(main, { delay: (i * 7) % 13 }, { openId: i % 2 ? 'o-alice' : 'o-bob', appId: `wx-app-${i % 2}` }));
  const results = await Promise.all(calls);
  results.forEach((r, i) => {
    const openId = i % 2 ? 'o-alice' : 'o-bob';
    expect(r.before).toEqual({ openId, appId: `wx-app-${i % 2}` });
    expect(r.after).toEqual(r.before);
    expect(r.envOpenId).toBeNull();
    // the result crossed a JSON boundary, as in the cloud
    expect(r.at).toBe('1970-01-01T00:00:00.000Z');
  });
  expect((await t.db.collection('visits').where({ openId: 'o-alice' }).count()).total).toBe(10);
  expect((await t.db.collection('visits').where({ openId: 'o-bob', appId: 'wx-app-0' }).count()).total).toBe(10);
});

test('no caller: getCaller returns no identity', async () => {
  const r = await runFunction(async (_e: unknown, ctx: FunctionContext) => getCaller(ctx), {});
  expect(r).toEqual({});
  expect(getCaller(undefined)).toEqual({});
  expect(getCaller({ environment: '{not json' })).toEqual({});
});
