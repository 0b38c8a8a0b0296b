/**
 * The 错题本 loop on the production weapp build in the headless WeChat harness, by taps on the rendered view:
 * a quiz answered wrong → 我的 → 错题本 lists it → the next China day home says 今日复习 → five reviews on their
 * due days (the functions' clock moved with PUFA_CLOCK_OFFSET_MS) → mastered, the book is empty; 每日一练
 * done → home says so.
 */
import { adminApp } from '../shared/adminApp';
import { displayedAnswer, type DrawnQuestion, type StoredQuestion } from '../../cloudfunctions/shared/quiz/quizEngine';
import type { MiniProgram } from './miniProgram';
import { useWeappEnvironment } from './testEnvironment';

const weapp = useWeappEnvironment();
const DAY1 = Date.parse('2030-03-10T10:00:00+08:00');
const setDay = (n: number) => (process.env.PUFA_CLOCK_OFFSET_MS = String(DAY1 + (n - 1) * 86400e3 - Date.now()));

type Drawn = DrawnQuestion & { snapshot: StoredQuestion };

afterAll(() => {
  delete process.env.PUFA_CLOCK_OFFSET_MS;
});

async function setUp() {
  const db = adminApp('local', weapp.env().localCloudUrl).database();
  await db.collection('campaigns').where({ source: 'content' }).update({ status: 'archived' });
  await db.collection('campaigns').add({
    _id: 'wx-review',
    title: '错题本测试活动',
    bannerText: '学宪法',
    summary: '测试',
    start: '2030-01-01T00:00:00+08:00',
    end: '2031-12-31T23:59:59+08:00',
    themeLaws: ['xianfa'],
    lessonIds: [],
    quiz: { questionsPerQuiz: 3, passMark: 60, attemptsPerDay: 5, pool: { laws: [], tags: [], questionIds: ['q-xianfa-001', 'q-xianfa-002', 'q-xianfa-003'] } },
    status: 'published',
    pinned: true,
    source: 'staff',
    version: 1,
    updatedAt: new Date().toISOString(),
  });
  return db;
}

/** Answers every question on screen, right or wrong as asked (read from the stored key), then 交卷. */
async function answerAll(mp: MiniProgram, db: Awaited<ReturnType<typeof setUp>>, collection: 'attempts' | 'study_sessions', where: Record<string, unknown>, right: boolean) {
  const docs = (await db.collection(collection).where(where).get()).data as { drawn: Drawn[]; startedAt: string }[];
  const drawn = docs.sort((a, b) => new Date(b.startedAt).getTime() - new Date(a.startedAt).getTime())[0].drawn;
  await mp.waitForText(`第 1 / ${drawn.length} 题`);
  for (let i = 1; i <= drawn.length; i++) {
    await mp.waitForText(`第 ${i} / ${drawn.length} 题`);
    const d = drawn.find((x) => mp.text().includes(x.snapshot.stem))!;
    expect(d).toBeDefined();
    const key = displayedAnswer(d.snapshot, d);
    let label: string;
    if (typeof key === 'boolean') label = (right ? key : !key) ? '正确' : '错误';
    else label = `${right ? key[0] : d.optionOrder.map((_, k) => 'ABCDEF'[k]).find((l) => !key.includes(l))}. `;
    const option = mp.elements().find((n) => n.classes.includes('option') && (typeof key === 'boolean' ? n.text.endsWith(label) : n.text.includes(label)));
    expect(option).toBeDefined();
    await mp.tapNode(option!);
    await mp.tap(i < drawn.length ? '下一题' : '交卷', 'button');
  }
  await mp.waitForText(/答对 \d+ 题/);
}

test('wrong → 错题本 → 今日复习 on the due days → mastered, out of the book; 每日一练 done → home says so', async () => {
  const db = await setUp();
  setDay(1);
  const mp = await weapp.launch();
  await mp.waitForText('每日一练');
  await mp.tap('开始答题', 'button');
  await answerAll(mp, db, 'attempts', { campaignId: 'wx-review' }, false);
  expect(mp.text()).toContain('0 分');

  await mp.switchTab('/pages/me/index');
  await mp.idle();
  await mp.tap('错题本');
  expect(mp.current?.info.route).toBe('packages/review/pages/book/index');
  await mp.waitForText('共 3 题');
  expect(mp.text()).toMatch(/你的答案：.+正确答案：/);
  expect(mp.text()).toContain('3月11日复习');

  for (const [round, day] of [2, 5, 12, 26, 56].entries()) {
    setDay(day);
    await mp.reLaunch('/pages/home/index');
    await mp.waitForText('今日复习 3 题');
    await mp.tap('今日复习 3 题', 'button');
    expect(mp.current?.info.route).toBe('packages/review/pages/session/index');
    await answerAll(mp, db, 'study_sessions', { kind: 'review' }, true);
    expect(mp.text()).toContain('答对 3 题');
    if (round === 4) expect(mp.text()).toContain('3 道错题已经学会');
  }
  await mp.tap('看我的错题本', 'button');
  await mp.waitForText('错题本是空的');

  await mp.reLaunch('/pages/home/index');
  await mp.tap('开始每日一练', 'button');
  await answerAll(mp, db, 'study_sessions', { kind: 'practice' }, true);
  await mp.reLaunch('/pages/home/index');
  await mp.waitForText('今天的每日一练已完成');
  expect(mp.find('开始每日一练', 'button')).toBeNull();
  expect(mp.problems).toEqual([]);
  expect(mp.notOk()).toEqual([]);
}, 300_000);
