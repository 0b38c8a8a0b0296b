/**
 * 电子证书 on the production weapp build in the headless WeChat harness, by taps: a campaign quiz passed →
 * the result offers the certificate → its page draws it (the canvas is a stand-in here: the test asserts what was
 * drawn, the verification mini-program code fetched by fileID, the export and the album save) → 我的 → 我的证书
 * lists it → 转发 gives a card that opens 证书查验 → another person scanning the code (scene c=<number>) sees 有效;
 * an altered number 无效.
 */
import { adminApp } from '../shared/adminApp';
import { campaignDoc } from '../testing/campaignDoc';
import type { MiniProgram } from './miniProgram';
import { useWeappEnvironment } from './testEnvironment';
import { answerAll, answerKeyOf } from './quizTaps';

const weapp = useWeappEnvironment();
const CAMPAIGN = 'weapp-cert';
const TITLE = '宪法证书小程序测试';
const db = () => adminApp('local', weapp.env().localCloudUrl).database();

beforeAll(async () => {
  await db().collection('campaigns').where({ source: 'content' }).update({ status: 'archived' });
  await db()
    .collection('campaigns')
    .add(campaignDoc(CAMPAIGN, { title: TITLE, pinned: true, quiz: { questionsPerQuiz: 3, attemptsPerDay: 5, pool: { laws: [], tags: [], questionIds: ['q-xianfa-001', 'q-xianfa-002', 'q-xianfa-003'] } } }));
}, 600_000);

function expectClean(mp: MiniProgram) {
  expect(mp.problems).toEqual([]);
  expect(mp.notOk()).toEqual([]);
}
const callsOf = (mp: MiniProgram, api: string) => mp.calls.filter((c) => c.api === api).map((c) => c.args as Record<string, any>);

test('pass → 获得电子证书 → the certificate drawn and saved to the album → 我的证书 → shared card and scanned code say 有效', async () => {
  let mp = await weapp.launch();
  await mp.waitForText(TITLE);
  const cookie = mp.identityCookie;
  await mp.tap('开始答题', 'button');
  await mp.waitForText(/第 1 \/ 3 题/);
  await answerAll(mp, await answerKeyOf(db(), 'attempts', { campaignId: CAMPAIGN }, true));
  expect(mp.text()).toContain('100 分');
  await mp.waitForText('获得电子证书（优秀）');

  await mp.tap('查看证书', 'button');
  expect(mp.current?.info.route).toBe('packages/certificate/pages/view/index');
  await mp.waitForText('证书编号');
  await mp.idle();
  const number = /证书编号：(\d{4}-[0-9A-Z]{8}-[0-9A-Z]{6})/.exec(mp.text())![1];
  // drawn on a 1080 × 1440 offscreen canvas with the verification code fetched by its cloud fileID, then exported
  expect(callsOf(mp, 'createOffscreenCanvas')).toContainEqual({ type: '2d', width: 1080, height: 1440 });
  const [fetched] = callsOf(mp, 'cloud.downloadFile');
  expect(fetched.fileID).toMatch(/certificate-codes\//);
  const exported = callsOf(mp, 'canvasToTempFilePath').find((c) => c.destWidth === 1080)!;
  expect(exported.texts).toEqual(expect.arrayContaining(['电子证书', '重庆市渝北区古路镇', '优秀', number, '扫码查验真伪']));
  expect(exported.texts.join('')).toContain(TITLE);
  expect(exported.images).toHaveLength(1);
  expect(mp.find('保存到相册', 'button')).not.toBeNull();
  await mp.tap('保存到相册', 'button');
  await mp.waitForText('已保存到相册');
  expect(callsOf(mp, 'saveImageToPhotosAlbum')).toEqual([{ filePath: expect.stringMatching(/^http:\/\/tmp\/canvas_\d+\.png$/) }]);

  // 转发: the card opens 证书查验 of this number, with a picture drawn when tapped
  const share = mp.current!.instance.onShareAppMessage({ from: 'menu' });
  expect(share).toMatchObject({ title: `我在“${TITLE}”答题获得优秀证书`, path: `/packages/certificate/pages/verify/index?no=${number}` });
  expect((await share.promise).imageUrl).toMatch(/^http:\/\/tmp\/canvas_\d+\.png$/);
  expect(mp.current!.instance.onShareTimeline()).toMatchObject({ query: `no=${number}` });
  expectClean(mp);
  mp.close();

  // 我的 → 我的证书
  mp = await weapp.launch({ path: 'pages/me/index', identity: { cookie } });
  await mp.tap(/^我的证书/);
  expect(mp.current?.info.route).toBe('packages/certificate/pages/mine/index');
  await mp.waitForText(number);
  expect(mp.text()).toContain(TITLE);
  expectClean(mp);
  mp.close();

  // someone else scans the code on the certificate
  mp = await weapp.launch({ path: 'packages/certificate/pages/verify/index', query: { scene: encodeURIComponent(`c=${number}`) }, scene: 1047 });
  expect(mp.identityCookie).not.toBe(cookie);
  await mp.waitForText('✓ 有效');
  expect(mp.text()).toContain(TITLE);
  expect(mp.text()).toContain('重庆市渝北区古路镇');
  expectClean(mp);
  const serial = number.split('-')[1];
  await mp.reLaunch(`/packages/certificate/pages/verify/index?no=${number.replace(serial, serial.slice(0, -1) + (serial.endsWith('7') ? '8' : '7'))}`);
  await mp.waitForText('✗ 无效');
  expect(mp.text()).not.toContain(TITLE);
  expectClean(mp);
  mp.close();
}, 600_000);
