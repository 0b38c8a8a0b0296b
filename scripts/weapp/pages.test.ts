/**
 * Every page of app.json (read from the build, so new pages are included) opens in the headless WeChat harness
 * and renders its first screen: residents' pages as a resident, staff pages as the demo admin, with real ids.
 * No script error, console.error, unhandled rejection, template or setData problem, unemulated wx call, or
 * `ok: false` from a cloud function.
 */
import { weappDir } from '../shared/appBuild';
import { loadAppModel } from './appModel';
import { checkAllPages, FIRST_SCREEN_BUDGET, formatRows, type PageRow } from './checkPages';
import { useWeappEnvironment } from './testEnvironment';

const weapp = useWeappEnvironment();

/** Chinese text each known page shows on its first screen (a new page must at least render text). */
const EXPECTED: Record<string, string[]> = {
  'pages/home/index': ['开始答题', '一分钟学法'],
  'pages/learn/index': ['已读', '去阅读'],
  'pages/me/index': ['我所在的村（社区）', '我的学习', '字体大小'],
  'packages/lesson/pages/reader/index': ['约 1 分钟', '✓ 已读'],
  'packages/quiz/pages/take/index': ['第 1 / ', '下一题'],
  'packages/quiz/pages/result/index': ['分', '60 分合格', '共 '],
  'packages/staff/pages/home/index': ['演示管理员', '活动管理', '数据看板'],
  'packages/staff/pages/redeem/index': ['输入邀请码'],
  'packages/staff/pages/campaigns/index': ['新建活动', '进行中'],
  'packages/staff/pages/campaign/index': ['基本信息', '活动名称', '答题设置'],
  'packages/staff/pages/preview/index': ['以下是居民在首页和答题时看到的样子', '开始答题'],
  'packages/staff/pages/notices/index': ['写一条通知', '发布到首页'],
  'packages/staff/pages/events/index': ['新建线下活动', '小程序检查院坝会'],
  'packages/staff/pages/event/index': ['活动信息', '生成签到码'],
  'packages/staff/pages/members/index': ['邀请同事', '演示管理员'],
  'packages/staff/pages/audit/index': ['演示管理员', '新建线下活动'],
  'packages/staff/pages/push/index': ['订阅了本活动提醒的居民', '推送记录'],
  'packages/staff/pages/dashboard/index': ['参与人数', '参与人次'],
  'packages/checkin/pages/index/index': ['活动签到', '签到'],
  'packages/review/pages/book/index': ['我的错题本', '共 '],
  'packages/review/pages/session/index': ['每日一练', '第 1 / 5 题'],
  'packages/villages/pages/board/index': ['比一比', '年全年', '参与'],
};

let rows: PageRow[] = [];
beforeAll(async () => {
  ({ rows } = await checkAllPages(weapp.env(), weappDir));
}, 300_000);

const pages = loadAppModel(weappDir).pages.map((p) => p.route);

test('every page of app.json was opened, in order', () => {
  expect(rows.map((r) => r.route)).toEqual(pages);
});

test.each(pages)('%s renders its first screen without a problem', (route) => {
  const row = rows.find((r) => r.route === route);
  expect(row).toBeDefined();
  expect({ route, problems: row!.problems, notOk: row!.notOk }).toEqual({ route, problems: [], notOk: [] });
  expect(row!.firstRenderMs).not.toBeNull();
  expect(row!.text.length).toBeGreaterThan(0);
  for (const text of EXPECTED[route] ?? []) expect(row!.text).toContain(text);
  expect(row!.passed).toBe(true);
});

test('first meaningful setData within budget (home < 32 KB, checked in its row above); no page comes near 256 KB', () => {
  const home = rows.find((r) => r.route === 'pages/home/index')!;
  expect(home.firstMeaningfulPayload).toBeGreaterThan(0);
  expect(FIRST_SCREEN_BUDGET['pages/home/index']).toBe(32 * 1024);
  for (const r of rows) expect(`${r.route} ${r.largestPayload < 256 * 1024}`).toBe(`${r.route} true`);
  const passed = rows.filter((r) => r.passed).length;
  expect(formatRows(rows).split('\n')).toHaveLength(rows.length + 2);
  expect(formatRows(rows)).toMatch(new RegExp(`\n${passed} passed, ${rows.length - passed} failed$`));
});
