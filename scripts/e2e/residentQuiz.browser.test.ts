/**
 * A resident, in Chromium on a phone-sized screen, opens the H5 build served by the local server,
 * reads a lesson, takes the live campaign's quiz and sees the score. Screenshots go to .artifacts/.
 */
import type { Browser, Page } from 'playwright-core';
import { startLocalEnvironment, type LocalEnvironment } from '../../appserver/localEnvironment';
import { adminApp } from '../shared/adminApp';
import { campaignDoc } from '../testing/campaignDoc';
import { launchChromium, artifactPath } from '../testing/chromium';
import { answerKey, openPhone, takeQuiz } from '../testing/phone';

let env: LocalEnvironment;
let browser: Browser;
let key: ReturnType<typeof answerKey>;

beforeAll(async () => {
  env = await startLocalEnvironment({ port: 0, dbFile: ':memory:' });
  const db = adminApp('local', env.localCloudUrl).database();
  key = answerKey(db.collection('questions'));
  await db.collection('campaigns').add(campaignDoc('e2e-live', { title: '浏览器测试普法活动', bannerText: '学宪法 讲宪法', pinned: true, quiz: { questionsPerQuiz: 3, attemptsPerDay: 5 } }));
  await db.collection('campaigns').add(
    campaignDoc('e2e-once', { title: '每天只能答一次的活动', bannerText: '一天一次', summary: '这个活动每天只能答一次题。', lessonIds: ['l-xianfa-01'], quiz: { questionsPerQuiz: 2, attemptsPerDay: 1 } }),
  );
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await env?.close();
});

async function phone(): Promise<Page> {
  return (await openPhone(browser)).page;
}

it('resident reads a lesson, takes the quiz and sees the score', async () => {
  const page = await phone();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(env.url, { waitUntil: 'domcontentloaded' });
  await page.getByText('浏览器测试普法活动').first().waitFor({ timeout: 30000 });
  await page.getByText('12348').first().waitFor();
  await page.screenshot({ path: artifactPath('home.png'), fullPage: false });

  // Read the first 宪法 lesson.
  const lessonLink = page.locator('[data-testid="law-xianfa"] [data-testid="lesson-link"]').first();
  const lessonTitle = (await lessonLink.locator('[data-testid="lesson-link-title"]').textContent())?.trim() ?? '';
  expect(lessonTitle.length).toBeGreaterThan(2);
  await lessonLink.click();
  await page.getByText('法条原文').waitFor();
  await page.locator('[data-testid="lesson-title"]').filter({ hasText: lessonTitle }).waitFor();
  await page.getByText(/《中华人民共和国宪法》第.+条/).first().waitFor();
  await page.locator('[data-testid="lesson-read"]').waitFor();
  await page.screenshot({ path: artifactPath('lesson.png') });

  // Take the quiz from the lesson page, answering every question right.
  await page.getByText('学完了，去答题').click();
  await page.getByText('第 1 / 3 题', { exact: false }).waitFor();
  await page.screenshot({ path: artifactPath('quiz.png') });
  await takeQuiz(page, 3, key.right);
  const score = page.getByTestId('score');
  expect(await score.textContent()).toMatch(/100 分/);
  expect((await score.locator('.verdict').textContent())?.trim()).toBe('✓ 合格');
  await expect(page.locator('[data-testid="graded-item"]').count()).resolves.toBe(3);
  await page.getByText('解析：').first().waitFor();
  await page.screenshot({ path: artifactPath('result.png'), fullPage: true });

  // Again, answering every question wrong: 0 分 and 未合格, never 合格.
  await page.getByTestId('quiz-again').click();
  await takeQuiz(page, 3, key.wrong);
  expect(await page.getByTestId('score').textContent()).toMatch(/(^|\D)0 分/);
  expect((await page.getByTestId('score').locator('.verdict').textContent())?.trim()).toBe('未合格（60 分合格）');
  expect(errors).toEqual([]);
});

it('at the largest text size every page still works: no sideways scrolling, touch targets at least 44 px', async () => {
  const page = await phone();
  await page.goto(env.url, { waitUntil: 'domcontentloaded' });
  await page.getByText('浏览器测试普法活动').first().waitFor({ timeout: 30000 });
  await page.getByText('我的', { exact: true }).last().click();
  await page.getByText('字体大小').waitFor();
  await page.getByText('特大', { exact: true }).click();
  await page.locator('[data-font-scale="1.5"]:visible').first().waitFor();

  const check = async (label: string) => {
    const m = await page.evaluate(() => {
      const visible = [...document.querySelectorAll('.btn, .option, .list-item')].filter((e) => (e as HTMLElement).offsetParent !== null);
      const heights = visible.map((e) => e.getBoundingClientRect().height);
      return { scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth, minTarget: Math.min(...heights), count: heights.length };
    });
    expect({ label, sideways: m.scrollWidth > m.width + 1 }).toEqual({ label, sideways: false });
    expect(m.count).toBeGreaterThan(0);
    expect(m.minTarget).toBeGreaterThanOrEqual(44);
  };
  await check('我的');
  await page.getByText('首页', { exact: true }).last().click();
  await page.getByText('浏览器测试普法活动').first().waitFor();
  await check('首页');
  await page.screenshot({ path: artifactPath('home-largest-text.png') });
  await page.locator('[data-testid="campaign-banner"]').first().getByText('开始答题').click();
  await page.locator('[data-testid="question"]').waitFor();
  await check('答题');
  await page.screenshot({ path: artifactPath('quiz-largest-text.png') });
});

it('when the connection drops, home and a lesson read before stay readable, with a note', async () => {
  const page = await phone();
  await page.goto(env.url, { waitUntil: 'domcontentloaded' });
  await page.getByText('浏览器测试普法活动').first().waitFor({ timeout: 30000 });
  const lessonLink = page.locator('[data-testid="law-xianfa"] [data-testid="lesson-link"]').first();
  const title = ((await lessonLink.locator('[data-testid="lesson-link-title"]').textContent()) ?? '').trim();
  await lessonLink.click();
  await page.locator('[data-testid="lesson-title"]').filter({ hasText: title }).waitFor();
  await page.goBack();
  await page.getByText('浏览器测试普法活动').first().waitFor();
  // Visit 学法 once online: on H5 each page's code is fetched on first visit (in WeChat tab pages ship in the main package).
  await page.getByText('学法', { exact: true }).last().click();
  await page.getByText(/共 \d+ 课/).waitFor();
  await page.getByText('首页', { exact: true }).last().click();

  await page.context().setOffline(true);
  // Home refreshes on show unless it asked less than a second ago (useServerData's maxAgeMs): come back later.
  await page.waitForTimeout(1500);
  await page.getByText('学法', { exact: true }).last().click();
  await page.getByText('首页', { exact: true }).last().click();
  await page.locator('[data-testid="stale-notice"]:visible').waitFor({ timeout: 15000 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: artifactPath('offline-home.png') });
  expect(await page.locator('[data-testid="stale-notice"]:visible').textContent()).toContain('网络不给力');
  await expect(page.getByText('浏览器测试普法活动').first().isVisible()).resolves.toBe(true);

  await page.locator('[data-testid="law-xianfa"] [data-testid="lesson-link"]:visible').first().click();
  await page.getByText('这是您之前打开过的内容').waitFor({ timeout: 15000 });
  await page.locator('[data-testid="lesson-title"]:visible').filter({ hasText: title }).waitFor();
  await page.screenshot({ path: artifactPath('offline-lesson.png') });
  await page.context().setOffline(false);
});

it('a push link opens 活动详情; after the day’s last attempt there is no 再答一次, and home says so with the best score', async () => {
  const { page, errors } = await openPhone(browser);
  await page.goto(`${env.url}/#/pages/home/index?campaign=e2e-once`, { waitUntil: 'domcontentloaded' });
  const detail = page.getByTestId('campaign-detail');
  await detail.getByText('每天只能答一次的活动').waitFor({ timeout: 30000 });
  expect(await page.getByTestId('campaign-rules').textContent()).toContain('每天可答1 次');
  expect(await page.getByTestId('rule-left-today').textContent()).toContain('1 次');
  expect(await page.getByTestId('rule-best').textContent()).toContain('还没有答过');
  await page.getByTestId('campaign-lessons').getByRole('link').first().waitFor();
  await page.screenshot({ path: artifactPath('campaign-detail.png'), fullPage: true });

  await page.getByTestId('campaign-rules').getByTestId('start-quiz').click();
  await takeQuiz(page, 2, key.right);
  await page.getByTestId('quiz-no-more').waitFor({ timeout: 15000 });
  expect(await page.getByTestId('quiz-again').count()).toBe(0);
  expect(await page.getByTestId('quiz-no-more').textContent()).toContain('明天再来');
  await page.screenshot({ path: artifactPath('result-last-attempt.png'), fullPage: true });

  await page.locator('taro-button-core:visible', { hasText: '返回首页' }).click();
  const card = page.getByTestId('campaign-banner').filter({ hasText: '每天只能答一次的活动' });
  await card.getByTestId('campaign-progress').filter({ hasText: '最好成绩 100 分' }).waitFor({ timeout: 15000 });
  expect(await card.getByTestId('campaign-progress').textContent()).toContain('今天的 1 次已答完');
  expect(await card.getByTestId('start-quiz').count()).toBe(0);
  expect(errors).toEqual([]);
});
