/**
 * Check-in at an offline event, end to end: staff make the event and its codes, residents check in by the
 * code in the scene, once per person per event however often they scan, counted as participation
 * (kind 'checkin', the event's campaign, village and laws), and staff see scans beside their own numbers.
 */
import { startLocalEnvironment, type LocalEnvironment } from '../../appserver/localEnvironment';
import { adminApp } from '../../scripts/shared/adminApp';
import { HttpResident, testId } from '../../scripts/testing/residentClient';
import { signedIn, staffCall, staffOk } from '../../scripts/testing/staffClient';
import { campaignInput, chinaToday } from '../../scripts/testing/staffFixtures';
import { personKey } from '../shared/identity';
import { keyHeaders } from '../../localcloud/runKey';

let env: LocalEnvironment;
let db: ReturnType<ReturnType<typeof adminApp>['database']>;
let editor: HttpResident;
let campaignId: string;
let campaignStart: string;
let villageId: string;
let lesson: { id: string; title: string };

const dayOffset = (days: number) => new Date(Date.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);

async function newEvent(over: Record<string, unknown> = {}) {
  return staffOk(editor, 'saveEvent', {
    event: { type: '院坝会', title: '宪法进院坝', date: chinaToday(), villageId, place: '三组院坝', themeLaws: ['xianfa', 'minfadian-3-hetong'], campaignId, lessonId: lesson.id, notes: '', ...over },
  });
}

beforeAll(async () => {
  env = await startLocalEnvironment({ port: 0, dbFile: ':memory:', allowDevSignIn: true });
  db = adminApp('local', env.localCloudUrl).database();
  await db.collection('staff').add({ _id: 'st_checkin_editor', openId: 'checkin_editor_01', role: 'editor', name: '签到编辑', createdAt: new Date(), createdBy: 'test' });
  editor = await signedIn(env, 'checkin_editor_01');
  const input = campaignInput({ title: '签到关联活动' });
  campaignStart = input.start;
  const c = await staffOk(editor, 'saveCampaign', { campaign: input });
  await staffOk(editor, 'setCampaignStatus', { id: c.id, op: 'publish' });
  campaignId = c.id;
  const opts = await staffOk(editor, 'getEditorOptions');
  villageId = opts.villages[1].id;
  lesson = opts.lessons.find((l: { law: string }) => l.law === 'xianfa');
});
afterAll(async () => {
  await env?.close();
});

describe('event codes', () => {
  it('makes a mini-program code with scene e=<code> once, and an H5 QR of the check-in URL', async () => {
    const event = await newEvent();
    expect(event.code).toMatch(/^[a-z0-9]{8}$/);
    await fetch(`${env.localCloudUrl}/outbox`, { method: 'DELETE', headers: keyHeaders() });
    const codes = await staffOk(editor, 'getEventCode', { id: event.id, h5Base: `${env.url}/` });
    expect(codes.scene).toBe(`e=${event.code}`);
    expect(codes.scene.length).toBeLessThan(32);
    expect(codes.page).toBe('packages/checkin/pages/index/index');
    expect(codes.wxacodeError).toBeNull();
    const png = await fetch(codes.wxacodeUrl);
    expect(png.status).toBe(200);
    expect(Buffer.from(await png.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
    expect(codes.h5Url).toBe(`${env.url}/#/packages/checkin/pages/index/index?e=${event.code}`);
    expect(codes.h5QrDataUrl).toMatch(/^data:image\/png;base64,/);

    const calls = (await (await fetch(`${env.localCloudUrl}/outbox?api=wxacode.getUnlimited`, { headers: keyHeaders() })).json()) as { data: { scene: string; page: string } }[];
    expect(calls).toHaveLength(1);
    expect(calls[0].data).toMatchObject({ scene: `e=${event.code}`, page: 'packages/checkin/pages/index/index' });
    // Asking again reuses the stored image.
    const again = await staffOk(editor, 'getEventCode', { id: event.id });
    expect(again.wxacodeFileId).toBe(codes.wxacodeFileId);
    expect(again.h5Url).toBeNull();
    expect(((await (await fetch(`${env.localCloudUrl}/outbox?api=wxacode.getUnlimited`, { headers: keyHeaders() })).json()) as unknown[]).length).toBe(1);
  });
});

describe('check-in', () => {
  it('one check-in per person per event, counted once as participation on the event date, with the event lesson', async () => {
    const event = await newEvent();
    const r = new HttpResident(env.url);
    const first = await r.ok('checkIn', { eventCode: event.code, checkInId: testId('checkin') });
    expect(first).toMatchObject({ eventId: event.id, eventTitle: '宪法进院坝', already: false, campaign: { id: campaignId }, lesson: { id: lesson.id, title: lesson.title } });
    expect(first.villageName).toBeTruthy();

    // Scanning again (a new client id, and a retry of the same one) counts nothing more.
    const second = await r.ok('checkIn', { eventCode: event.code, checkInId: testId('checkin') });
    expect(second).toMatchObject({ already: true, checkedInAt: first.checkedInAt });
    const parallel = await Promise.all([1, 2, 3].map(() => r.call('checkIn', { eventCode: event.code, checkInId: testId('checkin') })));
    expect(parallel.every((p) => p.ok && p.data.already)).toBe(true);

    const key = personKey(await whoAmI(r));
    expect((await db.collection('checkins').where({ eventId: event.id }).count()).total).toBe(1);
    const events = (await db.collection('events').where({ kind: 'checkin', personKey: key }).get()).data;
    expect(events).toHaveLength(1);
    // Issue #13: a check-in counts on the event's date (noon China time there), not the moment it was scanned, and
    // goes to the linked campaign only if that campaign is live at that moment; otherwise to 日常学习 ('none').
    // The fixture campaign starts an hour before the test runs, so which one applies depends on the time of day.
    const countedAt = new Date(`${chinaToday()}T12:00:00+08:00`);
    expect(new Date(events[0].at).toISOString()).toBe(countedAt.toISOString());
    const credited = new Date(campaignStart) <= countedAt ? campaignId : 'none';
    expect(events[0]).toMatchObject({ campaignId: credited, villageId, laws: ['minfadian-3-hetong', 'xianfa'], day: chinaToday() });
    const rollup = (await db.collection('rollups').doc(`d|${chinaToday()}|${credited}|${villageId}|checkin`).get()).data[0];
    expect(rollup.count).toBe(1);
    expect((await db.collection('rollups').doc(`l|${chinaToday()}|xianfa|checkin`).get()).data[0].count).toBe(1);

    // Another resident counts separately.
    const other = new HttpResident(env.url);
    expect((await other.ok('checkIn', { eventCode: event.code, checkInId: testId('checkin') })).already).toBe(false);
    expect((await db.collection('rollups').doc(`d|${chinaToday()}|${credited}|${villageId}|checkin`).get()).data[0].count).toBe(2);

    // Staff see the scans beside the numbers they enter afterwards.
    const after = await staffOk(editor, 'recordEventNumbers', { id: event.id, attendees: 25, leaflets: 120, banners: 2, notes: '村民反映土地流转问题' });
    expect(after).toMatchObject({ checkIns: 2, attendees: 25, leaflets: 120, banners: 2, reached: 27, notes: '村民反映土地流转问题' });
    expect((await staffOk(editor, 'listEvents', {})).find((e: { id: string }) => e.id === event.id).reached).toBe(27);
  });

  it('names the event before 签到, says a bad code is not found, and says so when reopened after checking in', async () => {
    const event = await newEvent({ title: '预览用的院坝会' });
    const r = new HttpResident(env.url);
    const before = await r.ok('getCheckIn', { eventCode: event.code });
    expect(before).toMatchObject({ eventTitle: '预览用的院坝会', type: '院坝会', date: chinaToday(), place: '三组院坝', window: 'open', checkedIn: null });
    expect(before.villageName).toBeTruthy();
    expect((await db.collection('checkins').where({ eventId: event.id }).count()).total).toBe(0);
    await r.ok('checkIn', { eventCode: event.code, checkInId: testId('checkin') });
    expect((await r.ok('getCheckIn', { eventCode: event.code })).checkedIn).toMatchObject({ already: true, eventTitle: '预览用的院坝会', lesson: { id: lesson.id } });
    expect((await new HttpResident(env.url).ok('getCheckIn', { eventCode: event.code })).checkedIn).toBeNull();
    expect((await r.call('getCheckIn', { eventCode: 'zzzz9999' })).code).toBe('NOT_FOUND');
    expect((await r.ok('getCheckIn', { eventCode: (await newEvent({ title: '下周', date: dayOffset(7) })).code })).window).toBe('early');
  });

  it('refuses unknown, archived and out-of-window events', async () => {
    const r = new HttpResident(env.url);
    expect((await r.call('checkIn', { eventCode: 'zzzz9999', checkInId: testId('checkin') })).code).toBe('NOT_FOUND');
    expect((await r.call('checkIn', { eventCode: 'BAD CODE', checkInId: testId('checkin') })).code).toBe('INVALID_INPUT');
    const archived = await newEvent({ title: '已归档的活动' });
    await staffOk(editor, 'archiveEvent', { id: archived.id });
    expect((await r.call('checkIn', { eventCode: archived.code, checkInId: testId('checkin') })).code).toBe('NOT_FOUND');
    const later = await newEvent({ title: '下周的活动', date: dayOffset(7) });
    const early = await r.call('checkIn', { eventCode: later.code, checkInId: testId('checkin') });
    expect(early.code).toBe('NOT_AVAILABLE');
    const past = await newEvent({ title: '上周的活动', date: dayOffset(-7) });
    expect((await r.call('checkIn', { eventCode: past.code, checkInId: testId('checkin') })).code).toBe('NOT_AVAILABLE');
    expect((await db.collection('checkins').where({ personKey: personKey(await whoAmI(r)) }).count()).total).toBe(0);
    // Editing the archived one is refused too.
    expect((await staffCall(editor, 'archiveEvent', { id: archived.id })).code).toBe('CONFLICT');
  });
});

/** The OPENID behind a test client's cookie (the local server signs `<openId>.<mac>`). */
async function whoAmI(r: HttpResident): Promise<string> {
  const value = decodeURIComponent(r.cookie.split('=')[1] ?? '');
  return value.slice(0, value.lastIndexOf('.'));
}
