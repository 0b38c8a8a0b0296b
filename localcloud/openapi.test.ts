/**
 * Open API calls through the real wx-server-sdk (cloud.openapi.*), via cloudfunctions/shared/openapi.ts:
 * locally they are recorded in the outbox (GET /outbox) and answered like WeChat, never sent.
 */
import { getUnlimitedCode, getWxCloud, sendSubscribeMessage } from '../cloudfunctions/shared/openapi';
import { createApp } from '../cloudfunctions/shared/cloudbase';
import { rejection, startTestCloud, type TestCloud } from './testkit';
import { keyHeaders } from './runKey';

let t: TestCloud;
beforeAll(async () => {
  t = await startTestCloud();
  process.env.LOCALCLOUD_URL = t.cloud.url;
});
afterAll(async () => {
  delete process.env.LOCALCLOUD_URL;
  await t.close();
});

async function outbox(api?: string) {
  const res = await fetch(`${t.cloud.url}/outbox${api ? `?api=${encodeURIComponent(api)}` : ''}`, { headers: keyHeaders() });
  return (await res.json()) as { id: number; api: string; data: Record<string, unknown>; response: Record<string, unknown> }[];
}

test('subscribeMessage.send is recorded, not sent', async () => {
  const r = await sendSubscribeMessage({ touser: 'o-resident-1', templateId: 'TPL_QUIZ', page: 'pages/quiz/index?c=spring', data: { thing1: { value: '宪法宣传周答题' }, time2: { value: '2024-12-04 10:00' } }, miniprogramState: 'developer' });
  expect(r).toMatchObject({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' });
  const [entry] = await outbox('subscribeMessage.send');
  expect(entry).toMatchObject({
    api: 'subscribeMessage.send',
    data: { touser: 'o-resident-1', template_id: 'TPL_QUIZ', page: 'pages/quiz/index?c=spring', miniprogram_state: 'developer', data: { thing1: { value: '宪法宣传周答题' }, time2: { value: '2024-12-04 10:00' } } },
    response: { errcode: 0, errmsg: 'ok' },
  });
});

test('wxacode.getUnlimited returns a PNG and is recorded', async () => {
  const code = await getUnlimitedCode({ scene: 'inv=AB12CD', page: 'pages/invite/index', width: 280, checkPath: false });
  expect(code.contentType).toBe('image/png');
  expect(code.buffer.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const [entry] = await outbox('wxacode.getUnlimited');
  expect(entry!.data).toMatchObject({ scene: 'inv=AB12CD', page: 'pages/invite/index', width: 280, check_path: false });
  expect(entry!.response).toMatchObject({ contentType: 'image/png' });
});

test('an open API the local cloud does not emulate fails loudly (and is still recorded)', async () => {
  const err = await rejection(getWxCloud().openapi.phonenumber.getPhoneNumber({ code: 'x' }) as Promise<unknown>);
  expect(err.message).toMatch(/not emulated/);
  expect(await outbox('phonenumber.getPhoneNumber')).toHaveLength(1);
});

test('node-sdk callWxOpenApi goes to the outbox too; POST /outbox records, DELETE clears', async () => {
  const r = await createApp(t.cloud.url).callWxOpenApi({ apiName: 'subscribeMessage.send', requestData: { touser: 'o2', template_id: 'T' } });
  expect(r.result).toMatchObject({ errcode: 0 });
  await fetch(`${t.cloud.url}/outbox`, { method: 'POST', headers: keyHeaders({ 'content-type': 'application/json' }), body: JSON.stringify({ api: 'custom.thing', data: { a: 1 } }) });
  expect((await outbox()).map((e) => e.api)).toEqual(['subscribeMessage.send', 'wxacode.getUnlimited', 'phonenumber.getPhoneNumber', 'subscribeMessage.send', 'custom.thing']);
  await fetch(`${t.cloud.url}/outbox`, { method: 'DELETE', headers: keyHeaders() });
  expect(await outbox()).toEqual([]);
});

test("wx-server-sdk's own database() works against the local cloud too", async () => {
  const wxdb = getWxCloud().database();
  await wxdb.createCollection('wx_side');
  await wxdb.collection('wx_side').add({ data: { _id: 'w1', at: new Date(5), n: 1 } });
  await wxdb.collection('wx_side').doc('w1').update({ data: { n: wxdb.command.inc(2) } });
  const got = (await wxdb.collection('wx_side').doc('w1').get()) as { data: unknown };
  expect(got.data).toEqual({ _id: 'w1', at: new Date(5), n: 3 });
});
