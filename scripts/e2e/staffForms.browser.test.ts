/**
 * The staff forms as a clerk uses them (Chromium, 390×844, the production H5 build): each wrong field shows its
 * own ranged Chinese message beside it and nothing is saved; a later save clears them and says so beside the
 * button; 发布 and 推送 ask first; the check-in codes are whole inside their frames, come back after a reload,
 * and make an A4 poster PNG; a published notice can be edited; 镇情设置 renames villages for the dashboard; the
 * member list and audit log read in Chinese without raw ids. Screenshots of every screen at the default and
 * the largest text size go to .artifacts/.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startLocalEnvironment, type LocalEnvironment } from '../../appserver/localEnvironment';
import { adminApp } from '../shared/adminApp';
import { launchChromium, artifactPath } from '../testing/chromium';

jest.setTimeout(240000);

let env: LocalEnvironment;
let browser: Browser;
const ADMIN = 'demo_admin_local';

beforeAll(async () => {
  env = await startLocalEnvironment({ port: 0, dbFile: ':memory:', allowDevSignIn: true });
  const db = adminApp('local', env.localCloudUrl).database();
  await db.collection('staff').add({ _id: 'st_forms_viewer', openId: 'forms_viewer_0001', role: 'viewer', name: '表单查看员', createdAt: new Date(), createdBy: 'e2e' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await env?.close();
});

async function phone(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN', isMobile: true, hasTouch: true, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(env.signInUrl(ADMIN), { waitUntil: 'domcontentloaded' });
  return { context, page, errors };
}

const tid = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);
const open = (page: Page, route: string) => page.goto(`${env.url}/#/packages/staff/pages/${route}`, { waitUntil: 'domcontentloaded' });

async function fill(page: Page, testId: string, value: string, nth = 0) {
  const inner = tid(page, testId).nth(nth).locator('input, textarea').first();
  await inner.waitFor({ timeout: 30000 });
  await inner.fill(value);
}

/** The error shown beside the field that holds `testId`. */
const errorBeside = (page: Page, testId: string) => page.locator('.field').filter({ has: tid(page, testId) }).locator('[data-testid="field-error"]');

/** Answers Taro's H5 modal (showModal). */
async function answerModal(page: Page, confirm: boolean): Promise<string> {
  const modal = page.locator('.taro-modal__content:visible');
  await modal.waitFor({ timeout: 15000 });
  const text = (await modal.textContent()) ?? '';
  await page.locator(confirm ? '.taro-model__confirm:visible' : '.taro-model__cancel:visible').click();
  return text;
}

/** A screenshot of the screen (scrolled to `focus` when given: the H5 pages scroll inside the app, not the document). */
async function shot(page: Page, name: string, focus?: Locator) {
  if (focus) await focus.first().scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  await page.screenshot({ path: artifactPath(`staff-forms-${name}.png`), fullPage: true });
}

it('the campaign form names each wrong field with its range, saves nothing, then clears the errors and asks before publishing', async () => {
  const { context, page, errors } = await phone();
  await open(page, 'campaign/index');
  await fill(page, 'campaign-title', '表单测试'.repeat(11));
  await fill(page, 'campaign-banner-text', '学宪法 讲宪法');
  await page.locator('[data-testid="campaign-laws"] [data-value="xianfa"]').click({ timeout: 30000 });
  await fill(page, 'campaign-count', '-1');
  await fill(page, 'campaign-pass', '2.5');
  // the counter shows the limit from the schema, and the text is not cut
  expect(await tid(page, 'campaign-title').locator('xpath=..').locator('[data-testid="counter"]').textContent()).toBe('44/40');
  await tid(page, 'campaign-save').click();
  await expect(errorBeside(page, 'campaign-count').textContent()).resolves.toBe('每次题数：1–30 题');
  await expect(errorBeside(page, 'campaign-pass').textContent()).resolves.toBe('合格分：请填整数，0–100 分');
  await expect(errorBeside(page, 'campaign-title').textContent()).resolves.toBe('活动名称：1–40 字');
  expect(await tid(page, 'campaign-notice').textContent()).toContain('有 3 处需要修改');
  // nothing was changed or saved: what was typed stays, no campaign exists yet
  expect(await tid(page, 'campaign-count').locator('input').inputValue()).toBe('-1');
  expect(await tid(page, 'campaign-state').count()).toBe(0);
  const body = (await page.locator('body').textContent()) ?? '';
  expect(body).not.toMatch(/字段|campaign\.|questionsPerQuiz|过短或过小/);
  await shot(page, 'campaign-errors-title', errorBeside(page, 'campaign-title'));
  await shot(page, 'campaign-errors', errorBeside(page, 'campaign-count'));

  await fill(page, 'campaign-title', '表单测试活动');
  await fill(page, 'campaign-count', '3');
  await fill(page, 'campaign-pass', '60');
  await tid(page, 'campaign-save').click();
  await tid(page, 'campaign-state').getByText('草稿').waitFor({ timeout: 15000 });
  expect(await tid(page, 'campaign-notice').textContent()).toContain('✓ 已保存');
  expect(await page.locator('[data-testid="field-error"]').count()).toBe(0);

  // 发布 asks first; cancelling leaves it a draft
  await tid(page, 'campaign-publish').click();
  expect(await answerModal(page, false)).toContain('居民首页');
  await page.waitForTimeout(500);
  expect(await tid(page, 'campaign-state').textContent()).toContain('草稿');
  await tid(page, 'campaign-publish').click();
  await answerModal(page, true);
  await tid(page, 'campaign-state').getByText('进行中').waitFor({ timeout: 15000 });
  expect(await tid(page, 'campaign-notice').textContent()).toContain('已发布');
  await shot(page, 'campaign-published');

  // 推送 asks first (it spends residents' one-time opt-ins); cancelling sends nothing
  await tid(page, 'campaign-push').click();
  await tid(page, 'push-start').click({ timeout: 30000 });
  expect(await answerModal(page, false)).toContain('用掉他们的一次订阅');
  await page.waitForTimeout(500);
  expect(await tid(page, 'push-job').count()).toBe(0);
  await shot(page, 'push');

  // the list shows the year
  await open(page, 'campaigns/index');
  await tid(page, 'campaign-row').filter({ hasText: '表单测试活动' }).getByText(/\d{4}年\d+月\d+日 至/).waitFor({ timeout: 30000 });
  await shot(page, 'campaigns');
  expect(errors).toEqual([]);
  await context.close();
});

it('an event keeps its time and code; the codes are whole; the poster is an A4 PNG; numbers out of range are refused beside their field', async () => {
  const { context, page, errors } = await phone();
  await open(page, 'event/index');
  await fill(page, 'event-title', '三组院坝会：宪法进万家');
  await fill(page, 'event-place', '三组张家院坝');
  await tid(page, 'event-save').click({ timeout: 30000 });
  await tid(page, 'event-notice').getByText('已新建').waitFor({ timeout: 15000 });
  await tid(page, 'event-make-code').click();
  const qr = tid(page, 'h5-qr');
  await qr.waitFor({ timeout: 15000 });
  await tid(page, 'poster-img').waitFor({ timeout: 15000 });

  const whole = async () => {
    // the <img> fills its frame exactly: not shifted, not clipped
    const frame = (await qr.boundingBox())!;
    const img = (await qr.locator('img').boundingBox())!;
    expect(Math.abs(img.x - frame.x)).toBeLessThan(2);
    expect(Math.abs(img.width - frame.width)).toBeLessThan(2);
    expect(Math.abs(img.y - frame.y)).toBeLessThan(2);
    expect(Math.abs(img.height - frame.height)).toBeLessThan(2);
    const viewport = page.viewportSize()!;
    expect(frame.x + frame.width).toBeLessThanOrEqual(viewport.width);
  };
  await whole();
  const size = await tid(page, 'poster-img').locator('img').evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]);
  expect(size).toEqual([1240, 1754]); // A4 at 150 dpi
  const download = page.waitForEvent('download');
  await tid(page, 'poster-save').click();
  expect((await download).suggestedFilename()).toMatch(/三组院坝会.*签到海报\.png$/);
  await shot(page, 'event-code', qr);
  await shot(page, 'event-poster', tid(page, 'poster-img'));

  // after a reload the code is there without pressing 生成签到码
  await page.reload({ waitUntil: 'domcontentloaded' });
  await qr.waitFor({ timeout: 30000 });
  expect(await tid(page, 'event-make-code').count()).toBe(0);
  await whole();

  // numbers: refused beside the field with the range, never changed, nothing saved
  await fill(page, 'event-leaflets', '99999999');
  await fill(page, 'event-attendees', '2.5');
  await tid(page, 'event-save-numbers').click();
  await expect(errorBeside(page, 'event-leaflets').textContent()).resolves.toBe('宣传单：0–100000 份');
  await expect(errorBeside(page, 'event-attendees').textContent()).resolves.toBe('未扫码的到场人数：请填整数，0–100000 人');
  await expect(tid(page, 'event-numbers-notice').isVisible()).resolves.toBe(true);
  expect(await tid(page, 'event-leaflets').locator('input').inputValue()).toBe('99999999');
  expect(await tid(page, 'event-numbers').locator('.stat__num').nth(1).textContent()).toBe('0');
  // the info card above says nothing about the numbers
  expect(await tid(page, 'event-notice').count()).toBe(0);
  await shot(page, 'event-numbers-error', tid(page, 'event-save-numbers'));
  await fill(page, 'event-leaflets', '50');
  await fill(page, 'event-attendees', '12');
  await tid(page, 'event-save-numbers').click();
  await tid(page, 'event-numbers-notice').getByText('已保存').waitFor({ timeout: 15000 });
  expect(await page.locator('[data-testid="field-error"]').count()).toBe(0);
  expect(await tid(page, 'event-numbers').locator('.stat__num').nth(2).textContent()).toBe('12');
  expect(await page.getByText('发放资料').count()).toBe(0);
  expect(errors).toEqual([]);
  await context.close();
});

it('a published notice can be edited', async () => {
  const { context, page, errors } = await phone();
  await open(page, 'notices/index');
  await fill(page, 'notice-title', '周六院坝会');
  await fill(page, 'notice-body', '周六上午九点，三组张家院坝。');
  await tid(page, 'notice-publish').click();
  await answerModal(page, true);
  await tid(page, 'notice-notice').getByText('已发布').waitFor({ timeout: 15000 });
  await tid(page, 'notice-row').filter({ hasText: '周六院坝会' }).locator('[data-testid="notice-edit"]').click();
  await fill(page, 'notice-title', '周日院坝会（改期）');
  await tid(page, 'notice-publish').click();
  await answerModal(page, true);
  await tid(page, 'notice-row').filter({ hasText: '周日院坝会（改期）' }).waitFor({ timeout: 15000 });
  expect(await tid(page, 'notice-row').filter({ hasText: '周六院坝会' }).count()).toBe(0);
  await shot(page, 'notices');
  expect(errors).toEqual([]);
  await context.close();
});

it('镇情设置 renames villages for the dashboard; members and the audit log read in Chinese', async () => {
  const { context, page, errors } = await phone();
  await open(page, 'town/index');
  await fill(page, 'town-village-population', '-5', 0);
  await tid(page, 'town-save').click({ timeout: 30000 });
  await expect(errorBeside(page, 'town-village-population').first().textContent()).resolves.toBe('常住人口：1–200000 人');
  await shot(page, 'town-error', errorBeside(page, 'town-village-population'));
  await fill(page, 'town-village-name', '古路村', 0);
  await fill(page, 'town-village-population', '1200', 0);
  await fill(page, 'town-address', '古路镇政府一楼');
  await tid(page, 'town-add-phone').click();
  await fill(page, 'town-phone', '023-6700 0000');
  await tid(page, 'town-save').click();
  await tid(page, 'town-notice').getByText('已保存').waitFor({ timeout: 15000 });
  expect(await page.locator('[data-testid="field-error"]').count()).toBe(0);
  await shot(page, 'town');

  await open(page, 'dashboard/index');
  await page.getByText('古路村').first().waitFor({ timeout: 30000 });
  await page.getByText(/参与率/).first().waitFor();

  await open(page, 'members/index');
  await tid(page, 'member-row').first().waitFor({ timeout: 30000 });
  await tid(page, 'member-row').filter({ hasText: '表单查看员' }).locator('.tag').getByText('查看员', { exact: true }).waitFor();
  await shot(page, 'members');
  await open(page, 'audit/index');
  await tid(page, 'audit-row').first().waitFor({ timeout: 30000 });
  await page.getByText('修改镇情设置').first().waitFor();
  const audit = (await page.locator('.screen').first().textContent()) ?? '';
  expect(audit).toContain('草稿 → 进行中');
  expect(audit).not.toMatch(/draft|live|viewer|editor|admin|st_|event:|campaign:|staff:/);
  const members = await (async () => {
    await open(page, 'members/index');
    await tid(page, 'member-row').first().waitFor({ timeout: 30000 });
    return (await page.locator('.screen').first().textContent()) ?? '';
  })();
  expect(members).not.toMatch(/viewer|editor|admin|st_|…/);
  expect(errors).toEqual([]);
  await context.close();
});

it('every changed screen at the largest text size', async () => {
  const { context, page, errors } = await phone();
  await page.goto(`${env.url}/#/pages/me/index`, { waitUntil: 'domcontentloaded' });
  await page.getByText('特大', { exact: true }).click({ timeout: 30000 });
  await page.locator('[data-font-scale="1.5"]:visible').first().waitFor();
  const screens: [string, string, string][] = [
    ['campaigns/index', 'campaign-row', 'campaigns'],
    ['events/index', 'event-row', 'events'],
    ['notices/index', 'notice-row', 'notices'],
    ['town/index', 'town-village', 'town'],
    ['members/index', 'member-row', 'members'],
    ['audit/index', 'audit-row', 'audit'],
    ['home/index', 'menu-town', 'home'],
  ];
  for (const [route, waitFor, name] of screens) {
    await open(page, route);
    await tid(page, waitFor).first().waitFor({ timeout: 30000 });
    await shot(page, `${name}-xl`);
  }
  await open(page, 'events/index');
  await tid(page, 'event-row').first().click({ timeout: 30000 });
  await tid(page, 'poster-img').waitFor({ timeout: 30000 });
  await fill(page, 'event-leaflets', '99999999');
  await tid(page, 'event-save-numbers').click();
  await errorBeside(page, 'event-leaflets').waitFor();
  await shot(page, 'event-xl', tid(page, 'event-save-numbers'));
  await shot(page, 'event-code-xl', tid(page, 'h5-qr'));
  await open(page, 'campaigns/index');
  await tid(page, 'campaign-row').first().click({ timeout: 30000 });
  await fill(page, 'campaign-count', '31');
  await tid(page, 'campaign-save').click();
  await errorBeside(page, 'campaign-count').waitFor();
  await shot(page, 'campaign-xl', errorBeside(page, 'campaign-count'));
  expect(errors).toEqual([]);
  await context.close();
});
