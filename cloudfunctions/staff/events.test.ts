/**
 * Offline events as staff use them (real SDK → local cloud): a start time besides the date, the check-in
 * code kept once made, numbers out of range refused with a ranged message (never changed, nothing written),
 * and the dashboard's 30-day chart counting unscanned attendees as the totals do.
 */
import { startLocalEnvironment, type LocalEnvironment } from '../../appserver/localEnvironment';
import { adminApp } from '../../scripts/shared/adminApp';
import type { HttpResident } from '../../scripts/testing/residentClient';
import { signedIn, staffCall, staffOk } from '../../scripts/testing/staffClient';
import { chinaToday } from '../../scripts/testing/staffFixtures';

let env: LocalEnvironment;
let db: ReturnType<ReturnType<typeof adminApp>['database']>;
let admin: HttpResident;
let villageId: string;

beforeAll(async () => {
  env = await startLocalEnvironment({ port: 0, dbFile: ':memory:', allowDevSignIn: true });
  db = adminApp('local', env.localCloudUrl).database();
  admin = await signedIn(env, 'demo_admin_local');
  villageId = (await staffOk(admin, 'getEditorOptions')).villages[0].id;
});
afterAll(async () => {
  await env?.close();
});

const eventInput = (over: Record<string, unknown> = {}) => ({ type: '院坝会', title: '时间测试院坝会', date: chinaToday(), time: '19:30', villageId, place: '三组院坝', themeLaws: ['xianfa'], campaignId: null, lessonId: null, notes: '', ...over });
const stored = async (id: string) => JSON.stringify((await db.collection('offline_events').doc(id).get()).data);

it('an event keeps its start time; a wrong time is refused for that field and nothing is saved', async () => {
  const e = await staffOk(admin, 'saveEvent', { event: eventInput() });
  expect(e).toMatchObject({ date: chinaToday(), time: '19:30', codeMade: false });
  expect((await staffOk(admin, 'getEvent', { id: e.id })).time).toBe('19:30');
  const before = await stored(e.id);
  const r = await staffCall(admin, 'saveEvent', { id: e.id, event: eventInput({ time: '25:10' }) });
  expect(r).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'event.time' });
  expect(r.message).toMatch(/^开始时间：/);
  expect(await stored(e.id)).toBe(before);
});

it('the check-in code is remembered once made, and audited once', async () => {
  const e = await staffOk(admin, 'saveEvent', { event: eventInput({ title: '签到码测试' }) });
  const first = await staffOk(admin, 'getEventCode', { id: e.id, h5Base: env.url });
  expect(first.h5QrDataUrl).toMatch(/^data:image\/png;base64,/);
  expect((await staffOk(admin, 'getEvent', { id: e.id })).codeMade).toBe(true);
  expect((await staffOk(admin, 'listEvents', {})).find((x: { id: string }) => x.id === e.id).codeMade).toBe(true);
  const again = await staffOk(admin, 'getEventCode', { id: e.id, h5Base: env.url });
  expect(again.h5Url).toBe(first.h5Url);
  const audits = (await db.collection('audit_log').where({ action: 'event.code', target: `event:${e.id}` }).get()).data;
  expect(audits).toHaveLength(1);
});

it('numbers out of range or fractional are refused with the range and change nothing', async () => {
  const e = await staffOk(admin, 'saveEvent', { event: eventInput({ title: '数字测试' }) });
  const before = await stored(e.id);
  const cases: [Record<string, number>, string, string][] = [
    [{ leaflets: 99999999 }, 'leaflets', '宣传单：0–100000 份'],
    [{ attendees: -1 }, 'attendees', '未扫码的到场人数：0–100000 人'],
    [{ banners: 2.5 }, 'banners', '标语：请填整数，0–100000 条'],
  ];
  for (const [over, field, message] of cases) {
    const r = await staffCall(admin, 'recordEventNumbers', { id: e.id, attendees: 1, leaflets: 1, banners: 1, ...over });
    expect(r).toMatchObject({ ok: false, code: 'INVALID_INPUT', field, message, fields: { [field]: message } });
    expect(await stored(e.id)).toBe(before);
  }
});

it('the 30-day chart counts unscanned attendees like the totals', async () => {
  const e = await staffOk(admin, 'saveEvent', { event: eventInput({ title: '图表测试' }) });
  const before = await admin.ok('dashboard', {}, 'reports');
  await staffOk(admin, 'recordEventNumbers', { id: e.id, attendees: 7, leaflets: 0, banners: 0 });
  const after = await admin.ok('dashboard', {}, 'reports');
  const todayOf = (d: { days: { day: string; times: number }[] }) => d.days.find((p) => p.day === chinaToday())!.times;
  expect(after.yearTotals.times - before.yearTotals.times).toBe(7);
  expect(todayOf(after) - todayOf(before)).toBe(7);
  // an archived event stays in every figure with its check-ins (issue #13's rule): both keep it
  await staffOk(admin, 'archiveEvent', { id: e.id });
  const archived = await admin.ok('dashboard', {}, 'reports');
  expect(todayOf(archived)).toBe(todayOf(after));
  expect(archived.yearTotals.times).toBe(after.yearTotals.times);
});
