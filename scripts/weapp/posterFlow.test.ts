/**
 * The event poster on the production weapp build in the headless WeChat harness: the demo admin opens an offline
 * event, presses 生成签到码, the poster is drawn on an offscreen canvas with the event's title, time and place and
 * the check-in code, and 保存海报到相册 exports it and saves it to the album (the canvas is a stand-in: the test
 * asserts what was drawn and the calls, as a phone would make them).
 */
import { HttpResident } from '../testing/residentClient';
import { chinaToday } from '../testing/staffFixtures';
import { signInCookie, type MiniProgram } from './miniProgram';
import { useWeappEnvironment } from './testEnvironment';

const weapp = useWeappEnvironment();
const callsOf = (mp: MiniProgram, api: string) => mp.calls.filter((c) => c.api === api).map((c) => c.args as Record<string, any>);

test('生成签到码 → the poster is drawn (title, time, place, code) → 保存海报到相册 saves it once', async () => {
  const env = weapp.env();
  const admin = new HttpResident(env.url);
  admin.cookie = await signInCookie(env.url, env.demoAdminOpenId, env.signInToken);
  const options = await admin.ok('getEditorOptions', {}, 'staff');
  const village = options.villages[0];
  const event = await admin.ok(
    'saveEvent',
    { event: { type: '院坝会', title: '三组院坝会：土地承包讲解', date: chinaToday(), time: '09:30', villageId: village.id, place: '张家院坝', themeLaws: ['tudichengbao'], campaignId: null, lessonId: null, notes: '' } },
    'staff',
  );
  const mp = await weapp.launch({ path: 'packages/staff/pages/event/index', query: { id: event.id }, identity: { signInAs: env.demoAdminOpenId, signInToken: env.signInToken } });
  await mp.waitForText('生成签到码');
  expect(mp.find('保存海报到相册', 'button')).toBeNull();
  await mp.tap('生成签到码', 'button');
  await mp.waitForText('保存海报到相册');
  // the poster is made as soon as the code is there; the save button is enabled once it is drawn
  for (let i = 0; i < 100 && mp.find('保存海报到相册', 'button')?.node.disabled !== false; i++) await new Promise((r) => setTimeout(r, 50));
  const [canvas] = callsOf(mp, 'createOffscreenCanvas');
  expect(canvas).toMatchObject({ type: '2d' });
  expect(canvas.height / canvas.width).toBeCloseTo(297 / 210, 1); // A4 portrait
  const exported = callsOf(mp, 'canvasToTempFilePath').find((c) => c.destWidth === canvas.width)!;
  expect(exported).toBeDefined();
  const drawn = exported.texts.join('');
  expect(drawn).toContain('三组院坝会：土地承包讲解');
  expect(drawn).toContain('09:30');
  expect(drawn).toContain('张家院坝');
  expect(drawn).toContain(village.name);
  expect(exported.images).toHaveLength(1); // the check-in code

  await mp.tap('保存海报到相册', 'button');
  await mp.waitForText('已保存到相册');
  expect(callsOf(mp, 'saveImageToPhotosAlbum')).toEqual([{ filePath: expect.stringMatching(/^http:\/\/tmp\/canvas_\d+\.png$/) }]);
  expect(mp.problems).toEqual([]);
  expect(mp.notOk()).toEqual([]);
}, 300_000);
