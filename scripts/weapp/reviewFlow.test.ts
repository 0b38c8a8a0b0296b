/**
 * The 错题本 loop on the production weapp build in the headless WeChat harness, by taps on the rendered view:
 * a campaign quiz answered all wrong → 我的 → 错题本 lists the questions → on the next China day home says
 * 今日复习 → review sessions on each due day (the functions' clock moved with PUFA_CLOCK_OFFSET_MS) → mastered,
 * the book is empty; 每日一练 done → home says so. The same resident throughout (the identity cookie is kept
 * between launches, as WeChat keeps the OPENID).
 */
import { adminApp } from '../shared/adminApp';
import { campaignDoc, chinaWindow } from '../testing/campaignDoc';
import { expectClean, useWeappEnvironment } from './testEnvironment';
import { answerAll, answerKeyOf } from './quizTaps';

const weapp = useWeappEnvironment();
const CAMPAIGN = 'weapp-review';
const DAY1 = Date.parse('2030-03-10T10:00:00+08:00');
function setDay(n: number) {
  process.env.PUFA_CLOCK_OFFSET_MS = String(DAY1 + (n - 1) * 86400e3 - Date.now());
}
const db = () => adminApp('local', weapp.env().localCloudUrl).database();

beforeAll(async () => {
  await db().collection('campaigns').where({ source: 'content' }).update({ status: 'archived' });
  await db()
    .collection('campaigns')
    .add(campaignDoc(CAMPAIGN, { title: '宪法复习小程序测试', pinned: true, ...chinaWindow('2030-01-01', '2031-12-31'), quiz: { questionsPerQuiz: 3, attemptsPerDay: 5, pool: { laws: [], tags: [], questionIds: ['q-xianfa-001', 'q-xianfa-002', 'q-xianfa-003'] } } }));
  setDay(1);
}, 600_000);
afterAll(() => {
  delete process.env.PUFA_CLOCK_OFFSET_MS;
});

test('wrong answers → 错题本 → 今日复习 on each due day until mastered → the book is empty; 每日一练 done shows on home', async () => {
  // Day 1: the campaign quiz from home, every answer wrong.
  let mp = await weapp.launch();
  await mp.waitForText('宪法复习小程序测试');
  const cookie = mp.identityCookie;
  expect(cookie).not.toBe('');
  expect(mp.text()).not.toMatch(/今日复习 \d+ 题/);
  await mp.tap('开始答题', 'button');
  await mp.waitForText(/第 1 \/ 3 题/);
  await answerAll(mp, await answerKeyOf(db(), 'attempts', { campaignId: CAMPAIGN }, false));
  expect(mp.current?.info.route).toBe('packages/quiz/pages/result/index');
  expect(mp.text()).toContain('0 分');
  expectClean(mp);
  mp.close();

  // 我的 → 错题本: the three questions under 宪法, each with the answer given, the right one and the article.
  mp = await weapp.launch({ path: 'pages/me/index', identity: { cookie } });
  await mp.tap(/^错题本/);
  expect(mp.current?.info.route).toBe('packages/review/pages/book/index');
  await mp.waitForText('共 3 题');
  const book = mp.text();
  expect(book).toMatch(/你的答案：.+正确答案：.+解析：.+《宪法》第.+条/);
  expect(book).toContain('3月11日复习');
  expectClean(mp);
  mp.close();

  // Each due day: not due the day before, due that day; the review (all right) moves them on; the fifth masters them.
  const dueDays = [2, 5, 12, 26, 56];
  for (const [round, day] of dueDays.entries()) {
    setDay(day - 1);
    mp = await weapp.launch({ identity: { cookie } });
    await mp.waitForText('宪法复习小程序测试');
    expect(mp.text()).not.toMatch(/今日复习 \d+ 题/);
    mp.close();
    setDay(day);
    mp = await weapp.launch({ identity: { cookie } });
    await mp.waitForText('今日复习 3 题');
    await mp.tap('今日复习 3 题', 'button');
    expect(mp.current?.info.route).toBe('packages/review/pages/session/index');
    await mp.waitForText(/第 1 \/ 3 题/);
    await answerAll(mp, await answerKeyOf(db(), 'study_sessions', { kind: 'review' }, true));
    await mp.waitForText('答对 3 题');
    if (round < dueDays.length - 1) expect(mp.text()).not.toContain('道错题已经学会');
    else expect(mp.text()).toContain('3 道错题已经学会');
    expectClean(mp);
    if (round < dueDays.length - 1) mp.close();
  }
  await mp.tap('看我的错题本');
  await mp.waitForText('错题本是空的');
  mp.close();

  // 每日一练: five questions; once done, home says so and offers it no more.
  mp = await weapp.launch({ identity: { cookie } });
  await mp.waitForText('每日一练');
  await mp.tap('开始每日一练', 'button');
  expect(mp.current?.info.route).toBe('packages/review/pages/session/index');
  await mp.waitForText(/第 1 \/ \d+ 题/);
  await answerAll(mp, await answerKeyOf(db(), 'study_sessions', { kind: 'practice' }, true));
  expectClean(mp);
  mp.close();
  mp = await weapp.launch({ identity: { cookie } });
  await mp.waitForText(/今天的每日一练已完成（\d+ 分）/);
  expect(mp.find('开始每日一练')).toBeNull();
  expectClean(mp);
}, 600_000);
