/**
 * 镇情设置 end to end (real SDK → local cloud through the local app server): only admins read and save it;
 * bad input gets a structured Chinese error and changes nothing; a save is audited; residents' home (help
 * card, village list) and the reports read the merged profile; content sync never overwrites it.
 */
import { startLocalEnvironment, type LocalEnvironment } from '../../appserver/localEnvironment';
import { adminApp } from '../../scripts/shared/adminApp';
import { HttpResident } from '../../scripts/testing/residentClient';
import { signedIn, staffCall, staffOk } from '../../scripts/testing/staffClient';
import { defaultPaths, loadLibrary } from '../../content-compiler/library';
import { toDocuments } from '../../content-compiler/toDocuments';
import { syncContent } from '../../content-compiler/sync';
import type { TownSettingsInput, TownSettingsView } from '../contracts/staff';

let env: LocalEnvironment;
let db: ReturnType<ReturnType<typeof adminApp>['database']>;
let admin: HttpResident;
let editor: HttpResident;
let resident: HttpResident;
const ADMIN = 'demo_admin_local';

beforeAll(async () => {
  env = await startLocalEnvironment({ port: 0, dbFile: ':memory:', allowDevSignIn: true });
  db = adminApp('local', env.localCloudUrl).database();
  await db.collection('staff').add({ _id: 'st_town_editor', openId: 'town_editor_0001', role: 'editor', name: '镇情编辑', createdAt: new Date(), createdBy: 'test' });
  [admin, editor] = await Promise.all([signedIn(env, ADMIN), signedIn(env, 'town_editor_0001')]);
  resident = new HttpResident(env.url);
});
afterAll(async () => {
  await env?.close();
});

const stored = async () => JSON.stringify((await db.collection('town_settings').limit(10).get()).data);

function inputOf(view: TownSettingsView, over: Partial<TownSettingsInput> = {}): TownSettingsInput {
  return {
    villages: view.villages.map((v) => ({ id: v.id, name: v.name, population: v.population })),
    station: { address: view.station.address, phones: view.station.phones, hours: view.station.hours },
    advisers: view.advisers,
    bannerUnit: view.bannerUnit === view.contentBannerUnit ? '' : view.bannerUnit,
    ...over,
  };
}

it('only admins read or save it; an editor is refused and nothing changes', async () => {
  const view: TownSettingsView = await staffOk(admin, 'getTownSettings');
  expect(view.villages.length).toBeGreaterThan(1);
  expect(view.villages[0].placeholder).toBe(true);
  for (const who of [editor, resident]) {
    const before = await stored();
    expect((await staffCall(who, 'getTownSettings')).code).toBe('FORBIDDEN');
    expect((await staffCall(who, 'saveTownSettings', { town: inputOf(view) })).code).toBe('FORBIDDEN');
    expect(await stored()).toBe(before);
  }
});

it('bad input gets a ranged Chinese message for its field and changes nothing', async () => {
  const view: TownSettingsView = await staffOk(admin, 'getTownSettings');
  const before = await stored();
  const villages = inputOf(view).villages;
  const cases: [TownSettingsInput, string, RegExp][] = [
    [inputOf(view, { villages: villages.map((v, i) => (i === 1 ? { ...v, population: -5 } : v)) }), 'town.villages.1.population', /^常住人口：1–200000 人$/],
    [inputOf(view, { villages: villages.map((v, i) => (i === 0 ? { ...v, population: 2.5 } : v)) }), 'town.villages.0.population', /^常住人口：请填整数，1–200000 人$/],
    [inputOf(view, { villages: villages.map((v, i) => (i === 0 ? { ...v, name: '' } : v)) }), 'town.villages.0.name', /^村（社区）名称：不能为空，1–20 字$/],
    [inputOf(view, { advisers: ['律'.repeat(31)] }), 'town.advisers.0', /^法律顾问单位：最多 30 字$|^法律顾问单位：1–30 字$/],
    [inputOf(view, { station: { address: '', phones: ['打这个电话'], hours: '' } }), 'town.station.phones.0', /^服务站电话：电话只能有/],
    [inputOf(view, { bannerUnit: '副副副' }), 'town.bannerUnit', /^标语计量单位：最多 2 字$/],
    [inputOf(view, { bannerUnit: 'p' }), 'town.bannerUnit', /^标语计量单位：请填一个量词/],
    // rules the server checks beyond the schema: a village cannot be dropped, names are unique
    [inputOf(view, { villages: villages.slice(1) }), 'town.villages', /不能删除/],
    [inputOf(view, { villages: villages.map((v, i) => (i === 1 ? { ...v, name: villages[0]!.name } : v)) }), 'town.villages.1.name', /重复/],
  ];
  for (const [town, field, message] of cases) {
    const r = await staffCall(admin, 'saveTownSettings', { town });
    expect({ code: r.code, field: r.field }).toEqual({ code: 'INVALID_INPUT', field });
    expect(r.message).toMatch(message);
    expect(r.fields?.[field]).toBe(r.message);
    expect(r.message).not.toMatch(/town\.|villages|population|[a-z]+\.[a-z]+/);
  }
  expect(await stored()).toBe(before);
});

it('a save renames villages, sets populations and contacts; residents and reports read it; it is audited', async () => {
  const view: TownSettingsView = await staffOk(admin, 'getTownSettings');
  const town = inputOf(view, {
    villages: [...view.villages.map((v, i) => ({ id: v.id, name: `测试村${i + 1}`, population: 1000 + i })), { id: null, name: '新建社区', population: 800 }],
    station: { address: '古路镇政府一楼', phones: ['023-6700 0000'], hours: '工作日 9:00–17:00' },
    advisers: ['重庆中柱律师事务所'],
  });
  const saved: TownSettingsView = await staffOk(admin, 'saveTownSettings', { town });
  expect(saved.villages.map((v) => v.name)).toEqual([...view.villages.map((_, i) => `测试村${i + 1}`), '新建社区']);
  expect(saved.villages.every((v) => !v.placeholder)).toBe(true);
  const added = saved.villages[saved.villages.length - 1]!;
  expect(added.id).toMatch(/^v-[a-z0-9]{6}$/);
  expect(saved.updatedByName).toBeTruthy();

  const home = await resident.ok('getHome', {});
  expect(home.profile.villages.map((v: { name: string }) => v.name)).toEqual(saved.villages.map((v) => v.name));
  expect(home.legalHelp.station).toMatchObject({ address: '古路镇政府一楼', phone: '023-6700 0000' });
  expect(home.legalHelp.station.note).toContain('工作日 9:00–17:00');
  expect(home.legalHelp.hotline.map((h: { number: string }) => h.number)).toContain('023-6700 0000');
  expect(home.legalHelp.advisers).toEqual(['重庆中柱律师事务所']);
  await resident.ok('setVillage', { villageId: added.id });

  const dash = (await admin.ok('dashboard', {}, 'reports')) as { villages: { id: string; name: string; population: number | null }[] };
  const villages = dash.villages;
  expect(villages.find((v) => v.id === view.villages[0]!.id)).toMatchObject({ name: '测试村1', population: 1000 });
  expect(villages.some((v) => v.name.includes('待填写'))).toBe(false);

  const audit = await staffOk(admin, 'listAudit', { limit: 5 });
  expect(audit[0]).toMatchObject({ action: 'town.save', actionLabel: '修改镇情设置' });
  expect(audit[0].summary).toContain('村（社区）名称');
  expect(audit[0].summary).toContain('服务站电话');

  // A later save keeps every id; the village cannot be dropped and the error said so above
  const again: TownSettingsView = await staffOk(admin, 'saveTownSettings', { town: inputOf(saved) });
  expect(again.villages.map((v) => v.id)).toEqual(saved.villages.map((v) => v.id));
});

it('content sync never overwrites what staff set', async () => {
  const before = await stored();
  const { library } = loadLibrary(defaultPaths());
  const summary = await syncContent(db as never, toDocuments(library));
  expect(summary.town).toBeDefined();
  expect(await stored()).toBe(before);
  const view: TownSettingsView = await staffOk(admin, 'getTownSettings');
  expect(view.villages[0]!.name).toBe('测试村1');
  expect(view.station.address).toBe('古路镇政府一楼');
});

it('标语 are counted in the unit of content/town.yaml until staff set another; sync keeps staff\'s; the paragraph uses it', async () => {
  const first: TownSettingsView = await staffOk(admin, 'getTownSettings');
  // content/town.yaml: reporting.bannerUnit 副 (quoted from the town's 2021 report)
  expect(first).toMatchObject({ bannerUnit: '副', contentBannerUnit: '副' });
  const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  const villageId = first.villages[0]!.id;
  const now = new Date().toISOString();
  await db.collection('offline_events').add({ _id: 'oe-banners', code: 'BNR001', type: '院坝会', title: '标语计数', date: today, villageId, place: '院坝', themeLaws: ['xianfa'], campaignId: null, lessonId: null, attendees: 5, leaflets: 20, banners: 7, notes: '', checkIns: 0, createdBy: 'test', createdAt: now, updatedAt: now, archived: false });
  const paragraph = async () => ((await admin.ok('dashboard', {}, 'reports')) as { paragraph: string; bannerUnit: string });
  expect((await paragraph()).paragraph).toContain('悬挂宣传标语7副');

  const saved: TownSettingsView = await staffOk(admin, 'saveTownSettings', { town: inputOf(first, { bannerUnit: '条' }) });
  expect(saved).toMatchObject({ bannerUnit: '条', contentBannerUnit: '副' });
  expect((await staffOk(admin, 'listAudit', { limit: 1 }))[0].summary).toContain('标语计量单位');
  const dash = await paragraph();
  expect(dash.bannerUnit).toBe('条');
  expect(dash.paragraph).toContain('悬挂宣传标语7条');
  expect(dash.paragraph).not.toContain('7副');

  // content sync (which writes settings/town, bannerUnit 副 included) leaves staff's unit alone
  const { library } = loadLibrary(defaultPaths());
  await syncContent(db as never, toDocuments(library));
  expect(((await db.collection('settings').doc('town').get()).data[0] as { bannerUnit?: string }).bannerUnit).toBe('副');
  expect((await paragraph()).paragraph).toContain('悬挂宣传标语7条');
  // a save that does not send the field (an older page) keeps it
  const { bannerUnit: _omitted, ...withoutUnit } = inputOf(saved);
  expect((await staffOk(admin, 'saveTownSettings', { town: withoutUnit })).bannerUnit).toBe('条');
  // emptied: back to the content profile's
  expect((await staffOk(admin, 'saveTownSettings', { town: inputOf(saved, { bannerUnit: '' }) })).bannerUnit).toBe('副');
  expect((await paragraph()).paragraph).toContain('悬挂宣传标语7副');
  await db.collection('offline_events').doc('oe-banners').remove();
});
