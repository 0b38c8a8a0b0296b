/**
 * Staff and residents in two browsers (Chromium, phone-sized, the production H5 build): an editor signs in,
 * creates a campaign in the staff pages and publishes it; a resident in another browser context sees it on
 * the home page and takes its quiz. Then the editor makes an offline event and its check-in QR, and the
 * resident checks in through the H5 check-in URL. Screenshots go to .artifacts/.
 */
import type { Browser } from 'playwright-core';
import { startLocalEnvironment, type LocalEnvironment } from '../../appserver/localEnvironment';
import { adminApp } from '../shared/adminApp';
import { launchChromium, artifactPath } from '../testing/chromium';
import { fill, openPhone, takeQuiz } from '../testing/phone';

let env: LocalEnvironment;
let browser: Browser;
const EDITOR = 'e2e_editor_0001';
const TITLE = '浏览器里新建的宪法活动';

beforeAll(async () => {
  env = await startLocalEnvironment({ port: 0, dbFile: ':memory:', allowDevSignIn: true });
  const db = adminApp('local', env.localCloudUrl).database();
  await db.collection('staff').add({ _id: 'st_e2e_editor', openId: EDITOR, role: 'editor', name: '浏览器编辑', createdAt: new Date(), createdBy: 'e2e' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await env?.close();
});

const phone = () => openPhone(browser);

it('an editor creates and publishes a campaign; a resident sees it on the home page and takes its quiz', async () => {
  const staff = await phone();
  const s = staff.page;
  await s.goto(env.signInUrl(EDITOR), { waitUntil: 'domcontentloaded' });
  // 我的 → 进入工作台
  await s.goto(`${env.url}/#/pages/me/index`, { waitUntil: 'domcontentloaded' });
  await s.locator('[data-testid="staff-home-link"]').click({ timeout: 30000 });
  await s.locator('[data-testid="staff-me"]').getByText('浏览器编辑').waitFor();
  await s.locator('[data-testid="menu-campaigns"]').click();
  await s.locator('[data-testid="new-campaign"]').click();

  await fill(s, 'campaign-title', TITLE);
  await fill(s, 'campaign-banner-text', '学宪法 讲宪法 守宪法');
  await fill(s, 'campaign-summary', '浏览器测试：编辑在工作台里新建的活动');
  await s.locator('[data-testid="campaign-laws"] [data-value="xianfa"]').click();
  await s.locator('[data-testid="campaign-laws"] [data-value="xianfa"]').getByText('✓').waitFor();
  await fill(s, 'campaign-count', '3');
  await s.screenshot({ path: artifactPath('staff-campaign-form.png'), fullPage: true });
  await s.locator('[data-testid="campaign-save"]').click();
  await s.locator('[data-testid="campaign-state"]').getByText('草稿').waitFor({ timeout: 15000 });
  await s.locator('[data-testid="campaign-publish"]').click();
  await s.locator('.taro-model__confirm:visible').click({ timeout: 15000 }); // 发布 asks first
  await s.locator('[data-testid="campaign-state"]').getByText('进行中').waitFor({ timeout: 15000 });
  await s.screenshot({ path: artifactPath('staff-campaign-published.png'), fullPage: true });
  // The saved campaign's id is in the URL: a refresh reopens it rather than an empty form.
  expect(s.url()).toMatch(/[?&]id=[^&]+/);
  await s.reload({ waitUntil: 'domcontentloaded' });
  await s.locator('[data-testid="campaign-state"]').getByText('进行中').waitFor({ timeout: 15000 });
  expect(await s.locator('[data-testid="campaign-title"] input, input[data-testid="campaign-title"]').first().inputValue()).toBe(TITLE);

  // Preview as a resident.
  await s.locator('[data-testid="campaign-preview"]').click();
  await s.locator('[data-testid="campaign-banner"]').getByText(TITLE).waitFor();
  expect(await s.locator('[data-testid="preview-status"]').textContent()).toContain('进行中');

  // The resident, in another browser context with its own identity.
  const resident = await phone();
  const r = resident.page;
  await r.goto(env.url, { waitUntil: 'domcontentloaded' });
  const banner = r.locator('[data-testid="campaign-banner"]').filter({ hasText: TITLE });
  await banner.waitFor({ timeout: 30000 });
  await r.screenshot({ path: artifactPath('resident-home-new-campaign.png') });
  await banner.getByText('开始答题').click();
  await takeQuiz(r, 3);
  expect(await r.locator('[data-testid="score"]').textContent()).toContain(TITLE);
  await expect(r.locator('[data-testid="graded-item"]').count()).resolves.toBe(3);
  await r.screenshot({ path: artifactPath('resident-new-campaign-result.png'), fullPage: true });

  expect(staff.errors).toEqual([]);
  expect(resident.errors).toEqual([]);
  await staff.context.close();
  await resident.context.close();
}, 120000);

it('an editor makes an offline event and its check-in code; a resident checks in through the H5 URL', async () => {
  const staff = await phone();
  const s = staff.page;
  await s.goto(env.signInUrl(EDITOR), { waitUntil: 'domcontentloaded' });
  await s.goto(`${env.url}/#/packages/staff/pages/event/index`, { waitUntil: 'domcontentloaded' });
  await fill(s, 'event-title', '三组院坝会：宪法进万家');
  await s.locator('[data-testid="event-save"]').click({ timeout: 30000 });
  await s.locator('[data-testid="event-make-code"]').click({ timeout: 15000 });
  const url = (await s.locator('[data-testid="h5-url"]').textContent({ timeout: 15000 }))?.trim() ?? '';
  expect(url).toMatch(/#\/packages\/checkin\/pages\/index\/index\?e=[a-z0-9]{8}$/);
  await s.screenshot({ path: artifactPath('staff-event-code.png'), fullPage: true });

  const resident = await phone();
  const r = resident.page;
  await r.goto(url, { waitUntil: 'domcontentloaded' });
  // The page names the event before 签到.
  await r.getByTestId('checkin-event').getByText('三组院坝会：宪法进万家').waitFor({ timeout: 30000 });
  await r.locator('[data-testid="checkin-submit"]').click({ timeout: 30000 });
  await r.locator('[data-testid="checkin-done"]').getByText('签到成功').waitFor();
  await r.screenshot({ path: artifactPath('resident-checkin.png'), fullPage: true });
  // Scanning again: the page says they are in already, with no 签到 button (counted once).
  await r.reload({ waitUntil: 'domcontentloaded' });
  await r.locator('[data-testid="checkin-done"]').getByText('已经签过到').waitFor({ timeout: 30000 });
  expect(await r.locator('[data-testid="checkin-submit"]').count()).toBe(0);
  // A code that is no event's: said so, and no 签到 button.
  await r.goto(url.replace(/e=[a-z0-9]+$/, 'e=zzzz9999'), { waitUntil: 'domcontentloaded' });
  await r.getByText('这场活动不存在', { exact: false }).or(r.getByText('不存在', { exact: false })).first().waitFor({ timeout: 30000 });
  expect(await r.locator('[data-testid="checkin-submit"]').count()).toBe(0);

  await s.goto(`${env.url}/#/packages/staff/pages/events/index`, { waitUntil: 'domcontentloaded' });
  await s.locator('[data-testid="event-row"]').filter({ hasText: '扫码 1' }).click({ timeout: 30000 });
  await s.locator('[data-testid="event-numbers"]').waitFor({ timeout: 30000 });
  await fill(s, 'event-attendees', '12');
  await s.locator('[data-testid="event-save-numbers"]').click();
  await s.locator('[data-testid="event-numbers"] .stat__num').nth(2).filter({ hasText: '13' }).waitFor({ timeout: 15000 });
  expect(staff.errors).toEqual([]);
  expect(resident.errors).toEqual([]);
}, 120000);
