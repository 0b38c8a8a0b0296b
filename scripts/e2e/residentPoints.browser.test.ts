/**
 * 学法积分 in Chromium on a phone-sized screen (H5 build, local server): a new resident sees 0 points; reads a
 * lesson; home and 我的 then show 1 point and a 1-day streak; 积分规则 lists the rules; 积分明细 names the lesson.
 * The same screens at the largest text size keep the layout rules. Screenshots go to .artifacts/points-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { startLocalEnvironment, type LocalEnvironment } from '../../appserver/localEnvironment';
import { adminApp } from '../shared/adminApp';
import { launchChromium, artifactPath } from '../testing/chromium';
import { LARGEST_TEXT, openPhone } from '../testing/phone';
import { checkLayout } from '../testing/layoutCheck';

let env: LocalEnvironment;
let browser: Browser;
let lessonTitle: string;

beforeAll(async () => {
  env = await startLocalEnvironment({ port: 0, dbFile: ':memory:' });
  const db = adminApp('local', env.localCloudUrl).database();
  lessonTitle = ((await db.collection('lessons').doc('l-xianfa-01').get()).data[0] as { title: string }).title;
  browser = await launchChromium();
}, 60000);
afterAll(async () => {
  await browser?.close();
  await env?.close();
});

const visible = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]:visible`);
async function figures(page: Page) {
  await visible(page, 'points-card').waitFor({ timeout: 30000 });
  return { total: (await visible(page, 'points-total').textContent())?.trim(), streak: (await visible(page, 'streak').textContent())?.trim() };
}
/** Waits until the visible points card shows `total` (it refreshes when the page is shown again). */
async function waitForTotal(page: Page, total: string) {
  await page.waitForFunction((t) => [...document.querySelectorAll('[data-testid="points-total"]')].some((e) => (e as HTMLElement).offsetParent !== null && e.textContent?.trim() === t), total, { timeout: 30000 });
}
async function shot(page: Page, name: string, testId?: string) {
  if (testId) await visible(page, testId).first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifactPath(`points-${name}.png`) });
}

it('a lesson read shows as 1 point and a 1-day streak on home and 我的; 积分规则 and 积分明细 are one tap away', async () => {
  const { page, errors } = await openPhone(browser);
  await page.goto(env.url, { waitUntil: 'domcontentloaded' });
  expect(await figures(page)).toEqual({ total: '0', streak: '0' });
  expect(await visible(page, 'streak-text').textContent()).toContain('每天来学一点');
  await shot(page, 'home-new', 'points-card');

  // Read a lesson from home; back on home the card has counted it.
  await page.getByText(lessonTitle).first().click();
  await visible(page, 'lesson-read').waitFor({ timeout: 30000 });
  await page.goBack();
  await waitForTotal(page, '1');
  expect(await figures(page)).toEqual({ total: '1', streak: '1' });
  expect(await visible(page, 'points-today').textContent()).toBe('1');
  expect(await visible(page, 'streak-text').textContent()).toContain('今天已学习');
  await shot(page, 'home', 'points-card');

  // 我的 shows the same figures.
  await page.getByText('我的', { exact: true }).last().click();
  await waitForTotal(page, '1');
  expect(await figures(page)).toEqual({ total: '1', streak: '1' });
  await shot(page, 'me', 'points-card');

  // 积分规则: every rule with its points, and the daily cap.
  await visible(page, 'points-rules-link').click();
  await visible(page, 'points-rules').waitFor({ timeout: 30000 });
  const rules = (await visible(page, 'points-rules').textContent()) ?? '';
  for (const line of ['读完一篇课程', '+1 分', '完成每日一练', '+2 分', '活动答题合格', '+5 分', '学会一道错题', '线下活动扫码签到']) expect(rules).toContain(line);
  await page.getByText('每天最多计 30 分', { exact: false }).waitFor();
  expect(await page.evaluate(checkLayout, {})).toEqual([]);
  await page.screenshot({ path: artifactPath('points-rules.png'), fullPage: true });

  // 积分明细 (from the rules page, and from 我的): today, the lesson by name, +1.
  await visible(page, 'rules-history-link').click();
  await visible(page, 'ledger-day').waitFor({ timeout: 30000 });
  expect(await visible(page, 'ledger-day').count()).toBe(1);
  expect(await visible(page, 'ledger-day').textContent()).toMatch(new RegExp(`今天.*计 1 分.*读完《${lessonTitle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}》.*\\+1`));
  expect(await visible(page, 'ledger-cut').count()).toBe(0);
  expect(await page.evaluate(checkLayout, {})).toEqual([]);
  await page.screenshot({ path: artifactPath('points-history.png'), fullPage: true });
  await page.goBack();
  await page.goBack();
  await visible(page, 'points-history-link').click();
  await visible(page, 'ledger-day').waitFor({ timeout: 30000 });
  await page.goBack();

  // The largest text size: the same screens keep the layout rules (and touch targets of 44 px).
  await page.getByText('特大', { exact: true }).click();
  await page.locator('[data-font-scale="1.5"] [data-testid="points-card"]:visible').waitFor();
  expect(await page.evaluate(checkLayout, { minTapHeight: 44 })).toEqual([]);
  await shot(page, 'me-largest-text', 'points-card');
  await page.getByText('首页', { exact: true }).last().click();
  await page.locator('[data-font-scale="1.5"] [data-testid="points-card"]:visible').waitFor();
  expect(await page.evaluate(checkLayout, { minTapHeight: 44 })).toEqual([]);
  await shot(page, 'home-largest-text', 'points-card');
  await visible(page, 'points-history-link').click();
  await page.locator('[data-font-scale="1.5"] [data-testid="ledger-day"]:visible').waitFor({ timeout: 30000 });
  expect(await page.evaluate(checkLayout, { minTapHeight: 44 })).toEqual([]);
  await page.screenshot({ path: artifactPath('points-history-largest-text.png'), fullPage: true });
  await visible(page, 'history-rules-link').click();
  await page.locator('[data-font-scale="1.5"] [data-testid="points-rules"]:visible').waitFor({ timeout: 30000 });
  expect(await page.evaluate(checkLayout, { minTapHeight: 44 })).toEqual([]);
  await page.screenshot({ path: artifactPath('points-rules-largest-text.png'), fullPage: true });
  expect(errors).toEqual([]);
}, 240000);

it('a resident opening the points pages at the largest text size from the start sees them laid out (new resident: empty 积分明细)', async () => {
  const { page, errors } = await openPhone(browser, { fontScale: LARGEST_TEXT });
  await page.goto(`${env.url}/#/packages/points/pages/history/index`, { waitUntil: 'domcontentloaded' });
  await visible(page, 'ledger-summary').waitFor({ timeout: 30000 });
  await page.getByText('还没有积分', { exact: false }).waitFor();
  expect(await page.evaluate(checkLayout, { minTapHeight: 44 })).toEqual([]);
  await page.screenshot({ path: artifactPath('points-history-empty-largest-text.png'), fullPage: true });
  expect(errors).toEqual([]);
}, 120000);
