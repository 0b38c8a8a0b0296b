/**
 * Flows on the production weapp build in the headless WeChat harness, by taps and typing on the rendered view:
 * a resident takes a quiz from the home page to the score, reads a lesson (marked read), checks in through the
 * scanned code's scene; the demo admin fills in and publishes a new campaign, which residents then see.
 */
import { HttpResident } from '../testing/residentClient';
import { chinaToday } from '../testing/staffFixtures';
import { signInCookie } from './miniProgram';
import { expectClean, useWeappEnvironment } from './testEnvironment';

const weapp = useWeappEnvironment();

test('home → 开始答题 → every question answered → 交卷 → the result page with the score', async () => {
  const mp = await weapp.launch();
  expect(mp.current?.info.route).toBe('pages/home/index');
  await mp.tap('开始答题', 'button');
  expect(mp.current?.info.route).toBe('packages/quiz/pages/take/index');
  await mp.waitForText(/第 1 \/ \d+ 题/);
  const total = Number(/第 1 \/ (\d+) 题/.exec(mp.text())![1]);
  for (let i = 1; i <= total; i++) {
    await mp.waitForText(`第 ${i} / ${total} 题`);
    const option = mp.elements().find((n) => n.classes.includes('option'));
    expect(option).toBeDefined();
    await mp.tapNode(option!);
    expect(mp.find('✓', 'text')).not.toBeNull();
    await mp.tap(i < total ? '下一题' : '交卷', 'button');
  }
  await mp.waitForText('合格');
  expect(mp.current?.info.route).toBe('packages/quiz/pages/result/index');
  expect(mp.text()).toMatch(/\d+ 分/);
  expect(mp.text()).toContain(`共 ${total} 题`);
  expect(mp.cloudCalls.map((c) => `${c.action}:${c.ok}`)).toEqual(expect.arrayContaining(['startQuiz:true', 'submitAttempt:true']));
  expect(mp.stack.map((p) => p.info.route)).toEqual(['pages/home/index', 'packages/quiz/pages/result/index']);
  expectClean(mp);
});

test('学法 → a lesson opens in its subpackage and is marked read; back on 学法 it counts', async () => {
  const mp = await weapp.launch({ path: 'pages/learn/index' });
  await mp.waitForText('已读 0 课');
  await mp.tap('去阅读 ›');
  expect(mp.current?.info.route).toBe('packages/lesson/pages/reader/index');
  await mp.waitForText('✓ 已读');
  expect(mp.cloudCalls.filter((c) => c.action === 'markLessonRead').map((c) => c.ok)).toEqual([true]);
  await mp.navigateBack();
  await mp.idle();
  expect(mp.current?.info.route).toBe('pages/learn/index');
  await mp.waitForText('已读 1 课');
  expectClean(mp);
});

test('check-in through the scanned code: scene e=<code> opens the page, one tap on 签到 checks in', async () => {
  const env = weapp.env();
  const admin = new HttpResident(env.url);
  admin.cookie = await signInCookie(env.url, env.demoAdminOpenId, env.signInToken);
  const options = await admin.ok('getEditorOptions', {}, 'staff');
  const event = await admin.ok('saveEvent', { event: { type: '宣传摊位', title: '赶场天普法摊位', date: chinaToday(), villageId: options.villages[0].id, place: '场镇', themeLaws: ['xianfa'], campaignId: null, lessonId: null, notes: '' } }, 'staff');
  const mp = await weapp.launch({ path: 'packages/checkin/pages/index/index', query: { scene: encodeURIComponent(`e=${event.code}`) }, scene: 1047 });
  await mp.waitForText('活动签到');
  await mp.tap(/^签到$/, 'button');
  await mp.waitForText('签到成功');
  expect(mp.text()).toContain('赶场天普法摊位');
  expect(mp.cloudCalls.filter((c) => c.action === 'checkIn').map((c) => c.ok)).toEqual([true]);
  expectClean(mp);
});

test('the demo admin fills in a new campaign, saves and publishes it; a resident sees it on the home page', async () => {
  const title = '小程序里新建的宪法活动';
  const mp = await weapp.launch({ path: 'packages/staff/pages/campaigns/index', identity: { signInAs: weapp.env().demoAdminOpenId, signInToken: weapp.env().signInToken } });
  await mp.tap('新建活动');
  expect(mp.current?.info.route).toBe('packages/staff/pages/campaign/index');
  await mp.waitForText('基本信息');
  await mp.type(mp.field('活动名称'), title);
  await mp.type(mp.field('横幅标语'), '学宪法 讲宪法 守宪法');
  await mp.type(mp.field('活动简介', 'textarea'), '在小程序工作台里填写并发布的活动');
  const xianfa = mp.elements().find((n) => n.classes.includes('chip') && n.text === '宪法');
  expect(xianfa).toBeDefined();
  await mp.tapNode(xianfa!);
  expect(mp.elements().find((n) => n.classes.includes('chip') && n.text === '✓ 宪法')).toBeDefined();
  await mp.tap(/^保存$/, 'button');
  await mp.waitForText('✓ 已保存');
  await mp.tap(/^发布$/, 'button');
  await mp.waitForText('撤回为草稿');
  expect(mp.cloudCalls.map((c) => `${c.action}:${c.ok}`)).toEqual(expect.arrayContaining(['saveCampaign:true', 'setCampaignStatus:true']));
  expectClean(mp);

  const resident = await weapp.launch();
  await resident.waitForText(title);
  expectClean(resident);
});

test('navigation follows app.json: tab pages only by switchTab, known pages only, at most 10 pages on the stack', async () => {
  const mp = await weapp.launch();
  expect(await mp.navigateTo('/pages/learn/index')).toBe('can not navigateTo a tabbar page');
  expect(await mp.switchTab('/packages/checkin/pages/index/index')).toBe('can not switch to no-tabBar page');
  expect(await mp.navigateTo('/packages/quiz/pages/nowhere/index')).toBe('page "packages/quiz/pages/nowhere/index" is not found');
  for (let i = 2; i <= 10; i++) expect(await mp.navigateTo('/packages/checkin/pages/index/index')).toBeNull();
  expect(mp.stack).toHaveLength(10);
  expect(await mp.navigateTo('/packages/checkin/pages/index/index')).toBe('webview count limit exceed');
  expect(await mp.navigateBack()).toBeNull();
  expect(mp.stack).toHaveLength(9);
  expect(await mp.switchTab('/pages/me/index')).toBeNull();
  await mp.idle();
  expect(mp.stack.map((p) => p.info.route)).toEqual(['pages/me/index']);
  expect(mp.closed.map((p) => p.info.route)).toEqual(Array(9).fill('packages/checkin/pages/index/index'));
  expect(mp.problems.map((p) => p.kind)).toEqual(['navigation', 'navigation', 'navigation', 'navigation']);
  expect(mp.notOk()).toEqual([]);
});
