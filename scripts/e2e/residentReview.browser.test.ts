/**
 * The 错题本 loop in Chromium on a phone-sized screen (H5 build, local server): answer a quiz wrong → 错题本
 * shows the questions → the next China day home says 今日复习 → review (five rounds, the functions' clock moved
 * with PUFA_CLOCK_OFFSET_MS) → mastered, the book is empty; 每日一练 done → home says so.
 * Screenshots (default and largest text) go to .artifacts/review-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { startLocalEnvironment, type LocalEnvironment } from '../../appserver/localEnvironment';
import { adminApp } from '../shared/adminApp';
import { campaignDoc, chinaWindow } from '../testing/campaignDoc';
import { launchChromium, artifactPath } from '../testing/chromium';
import { displayedAnswer, type DrawnQuestion, type StoredQuestion } from '../../cloudfunctions/shared/quiz/quizEngine';

let env: LocalEnvironment;
let browser: Browser;
let db: ReturnType<ReturnType<typeof adminApp>['database']>;

const DAY1 = Date.parse('2030-03-10T10:00:00+08:00');
function setDay(n: number) {
  process.env.PUFA_CLOCK_OFFSET_MS = String(DAY1 + (n - 1) * 86400e3 - Date.now());
}

beforeAll(async () => {
  env = await startLocalEnvironment({ port: 0, dbFile: ':memory:' });
  db = adminApp('local', env.localCloudUrl).database();
  await db.collection('campaigns').where({ source: 'content' }).update({ status: 'archived' });
  await db.collection('campaigns').add(
    campaignDoc('e2e-review', { title: '错题本测试活动', pinned: true, ...chinaWindow('2030-01-01', '2031-12-31'), quiz: { questionsPerQuiz: 3, attemptsPerDay: 5, pool: { laws: [], tags: [], questionIds: ['q-xianfa-001', 'q-xianfa-002', 'q-xianfa-003'] } } }),
  );
  setDay(1);
  browser = await launchChromium();
});
afterAll(async () => {
  delete process.env.PUFA_CLOCK_OFFSET_MS;
  await browser?.close();
  await env?.close();
});

async function phone(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN', isMobile: true, hasTouch: true });
  return context.newPage();
}

type Drawn = DrawnQuestion & { snapshot: StoredQuestion };
/** The option texts to tap for each question, right or wrong, read from the stored key (the page never has it). */
async function choices(collection: 'attempts' | 'study_sessions', where: Record<string, unknown>, right: boolean): Promise<Map<string, string>> {
  const docs = (await db.collection(collection).where(where).get()).data as { drawn: Drawn[]; startedAt: string }[];
  const latest = docs.sort((a, b) => new Date(b.startedAt).getTime() - new Date(a.startedAt).getTime())[0];
  const out = new Map<string, string>();
  for (const d of latest.drawn) {
    const key = displayedAnswer(d.snapshot, d);
    if (typeof key === 'boolean') out.set(d.snapshot.stem, (right ? key : !key) ? '正确' : '错误');
    else {
      const letters = d.optionOrder.map((_, i) => 'ABCDEF'[i]);
      out.set(d.snapshot.stem, right ? key[0] : letters.find((l) => !key.includes(l))!);
    }
  }
  return out;
}

/** Answers every question on screen as `pick` says, then 交卷. */
async function answerAll(page: Page, pick: Map<string, string>) {
  const total = pick.size;
  for (let i = 0; i < total; i++) {
    const card = page.locator('[data-testid="question"]:visible');
    await page.getByText(`第 ${i + 1} / ${total} 题`, { exact: false }).waitFor();
    const stem = ((await card.locator('.question__stem').textContent()) ?? '').trim();
    const choice = pick.get(stem);
    expect(choice).toBeDefined();
    const label = page.locator('.option__text', { hasText: choice!.length === 1 ? new RegExp(`^${choice}\\.`) : new RegExp(`^${choice}$`) });
    const option = card.locator('[data-testid="option"]').filter({ has: label });
    await option.first().click();
    if (i < total - 1) await page.locator('[data-testid="next"]:visible').click();
  }
  await page.locator('[data-testid="submit"]:visible').click();
  await page.locator('[data-testid="score"]:visible').waitFor({ timeout: 30000 });
}

async function openHome(page: Page) {
  await page.goto(env.url, { waitUntil: 'domcontentloaded' });
  await page.getByText('错题本测试活动').first().waitFor({ timeout: 30000 });
  await page.locator('[data-testid="learning-card"]:visible').waitFor({ timeout: 15000 });
}

async function chooseFont(page: Page, label: '标准' | '特大') {
  await page.getByText('我的', { exact: true }).last().click();
  await page.getByText('字体大小').waitFor();
  await page.getByText(label, { exact: true }).click();
}

it('wrong answers go to the 错题本, come back for review on the next days until mastered; 每日一练 done shows on home', async () => {
  const page = await phone();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await openHome(page);
  expect(await page.locator('[data-testid="review-due"]:visible').count()).toBe(0);
  await page.screenshot({ path: artifactPath('review-home-day1.png') });

  // Day 1: the campaign quiz, every answer wrong.
  await page.locator('[data-testid="campaign-banner"]').first().getByText('开始答题').click();
  await page.locator('[data-testid="question"]:visible').waitFor({ timeout: 30000 });
  await answerAll(page, await choices('attempts', { campaignId: 'e2e-review' }, false));
  expect(await page.locator('[data-testid="score"]:visible').textContent()).toContain('0 分');

  // 我的 → 错题本 lists the three questions with the resident's answer, the right one and the article.
  await page.getByText('返回首页').click();
  await page.getByText('我的', { exact: true }).last().click();
  await page.locator('[data-testid="review-book-link"]').click();
  await page.getByText('共 3 题').waitFor({ timeout: 15000 });
  const items = page.locator('[data-testid="book-law-xianfa"] [data-testid="graded-item"]');
  await expect(items.count()).resolves.toBe(3);
  await expect(items.first().textContent()).resolves.toMatch(/你的答案：.+正确答案：.+解析：.+《宪法》第.+条/);
  await expect(items.first().textContent()).resolves.toMatch(/3月11日复习/);
  await page.screenshot({ path: artifactPath('review-book.png'), fullPage: true });
  await page.goBack();
  await chooseFont(page, '特大');
  await page.locator('[data-testid="review-book-link"]').click();
  await page.locator('[data-font-scale="1.5"] [data-testid="book-summary"]:visible').waitFor();
  await page.screenshot({ path: artifactPath('review-book-largest-text.png') });
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  expect(sideways).toBe(false);
  await page.goBack();
  await chooseFont(page, '标准');

  // Day 2 and each due day after: home says 今日复习 3 题; the review, all right, moves them on; the fifth masters them.
  const dueDays = [2, 5, 12, 26, 56];
  for (const [round, day] of dueDays.entries()) {
    setDay(day - 1);
    await openHome(page);
    expect(await page.locator('[data-testid="review-due"]:visible').count()).toBe(0);
    setDay(day);
    await openHome(page);
    await page.locator('[data-testid="review-due"]:visible').getByText('今日复习 3 题').first().waitFor();
    if (round === 0) await page.screenshot({ path: artifactPath('review-home-due.png') });
    await page.locator('[data-testid="review-due"]:visible').getByText(`今日复习 3 题`, { exact: true }).click();
    await page.locator('[data-testid="question"]:visible').waitFor({ timeout: 30000 });
    if (round === 0) await page.screenshot({ path: artifactPath('review-session.png') });
    await answerAll(page, await choices('study_sessions', { kind: 'review' }, true));
    const score = (await page.locator('[data-testid="score"]:visible').textContent()) ?? '';
    expect(score).toContain('答对 3 题');
    if (round < dueDays.length - 1) expect(await page.locator('[data-testid="mastered"]:visible').count()).toBe(0);
  }
  await page.locator('[data-testid="mastered"]:visible').getByText('3 道错题已经学会').waitFor();
  await page.screenshot({ path: artifactPath('review-mastered.png'), fullPage: true });
  await page.getByText('看我的错题本').click();
  await page.getByText('错题本是空的', { exact: false }).waitFor({ timeout: 15000 });

  // 每日一练: five questions; once done, home says so.
  await openHome(page);
  await page.locator('[data-testid="practice-start"]:visible').click();
  await page.locator('[data-testid="question"]:visible').waitFor({ timeout: 30000 });
  await answerAll(page, await choices('study_sessions', { kind: 'practice' }, true));
  await page.screenshot({ path: artifactPath('review-practice-result.png'), fullPage: true });
  await openHome(page);
  await page.locator('[data-testid="practice-done"]:visible').getByText(/今天的每日一练已完成（\d+ 分）/).waitFor();
  expect(await page.locator('[data-testid="practice-start"]:visible').count()).toBe(0);
  await page.screenshot({ path: artifactPath('review-home-practice-done.png') });
  await chooseFont(page, '特大');
  await page.getByText('首页', { exact: true }).last().click();
  await page.locator('[data-font-scale="1.5"] [data-testid="learning-card"]:visible').waitFor();
  await page.locator('[data-testid="learning-card"]:visible').scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifactPath('review-home-largest-text.png') });
  expect(errors).toEqual([]);
}, 300000);
