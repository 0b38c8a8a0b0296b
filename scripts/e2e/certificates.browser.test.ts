/**
 * 电子证书 in the H5 build, the whole loop as people do it in Chromium on a phone: a resident passes a quiz →
 * 获得电子证书 → the certificate (drawn on a canvas, downloaded as PNG, its QR read back like a phone's scanner)
 * → 我的证书 → the verification link opened in another browser (a friend) says 有效 with nothing about the holder;
 * an altered number says 无效; 分享 copies a link that opens the same item. Screenshots at the default and the
 * largest text size go to .artifacts/.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { startLocalEnvironment, type LocalEnvironment } from '../../appserver/localEnvironment';
import { adminApp } from '../shared/adminApp';
import { launchChromium, artifactPath } from '../testing/chromium';
import { LARGEST_TEXT, answerKey, openPhone, takeQuiz, type Phone } from '../testing/phone';
import { decodeQr } from '../testing/qrDecode';
import { campaignDoc } from '../testing/campaignDoc';
import { CERTIFICATE_CODE_BOX } from '../../miniprogram/src/features/certificates/certificateLayout';

let env: LocalEnvironment;
let browser: Browser;
let key: ReturnType<typeof answerKey>;
const phones: Phone[] = [];

beforeAll(async () => {
  env = await startLocalEnvironment({ port: 0, dbFile: ':memory:' });
  const db = adminApp('local', env.localCloudUrl).database();
  key = answerKey(db.collection('questions'));
  await db.collection('campaigns').add(campaignDoc('e2e-cert', { title: '宪法宣传周答题', pinned: true, quiz: { questionsPerQuiz: 3, attemptsPerDay: 5 } }));
  browser = await launchChromium();
});
afterAll(async () => {
  for (const p of phones) await p.context.close();
  await browser?.close();
  await env?.close();
});

async function phone(options: Parameters<typeof openPhone>[1] = {}): Promise<Phone> {
  const p = await openPhone(browser, options);
  phones.push(p);
  return p;
}

async function verdict(page: Page, url: string): Promise<{ valid: string | null; text: string }> {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  // Going to another hash keeps the earlier page in the H5 router's stack (hidden): read the page on show.
  const card = page.locator('[data-testid="verify-result"]:visible');
  await card.waitFor({ timeout: 30000 });
  return { valid: await card.getAttribute('data-valid'), text: (await card.textContent()) ?? '' };
}

it('pass a quiz → certificate → its QR, opened by a friend in another browser, says 有效; an altered number 无效', async () => {
  const resident = await phone({ acceptDownloads: true });
  const { page } = resident;
  await page.goto(`${env.url}/#/packages/campaign/pages/detail/index?id=e2e-cert`, { waitUntil: 'domcontentloaded' });
  await page.getByTestId('start-quiz').click();
  await takeQuiz(page, 3, key.right);
  expect(await page.getByTestId('score').textContent()).toContain('100 分');

  // the result page offers the certificate the server just issued
  await page.getByTestId('result-certificate').waitFor({ timeout: 30000 });
  expect(await page.getByTestId('result-certificate').textContent()).toContain('优秀');
  await page.getByTestId('result-certificate-open').click();
  const img = page.getByTestId('certificate-img');
  await img.waitFor({ timeout: 30000 });
  const number = ((await page.getByTestId('certificate-number').textContent()) ?? '').replace('证书编号：', '').trim();
  expect(number).toMatch(/^\d{4}-[0-9A-Z]{8}-[0-9A-Z]{6}$/);
  await page.screenshot({ path: artifactPath('certificate-view.png') });

  // downloaded as PNG; the picture's code reads back as the verification link
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('certificate-save').click()]);
  expect(download.suggestedFilename()).toBe(`电子证书-宪法宣传周答题-${number}.png`);
  const png = fs.readFileSync(await download.path());
  fs.writeFileSync(artifactPath('certificate.png'), png);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  const { x, y, size } = CERTIFICATE_CODE_BOX;
  const scanned = await decodeQr(png, { x: x - 20, y: y - 20, w: size + 40, h: size + 40 });
  expect(scanned).toBe(`${env.url}/#/packages/certificate/pages/verify/index?no=${number}`);
  await page.getByTestId('certificate-note').filter({ hasText: '已下载证书图片' }).waitFor();

  // 分享 copies a link that opens this certificate's verification
  const card = page.getByTestId('certificate');
  await card.getByTestId('share-button').click();
  const link = ((await card.getByTestId('share-link').locator('.share-link').textContent()) ?? '').trim();
  expect(link).toBe(`${env.url}/#/packages/certificate/pages/verify/index?no=${number}`);

  // 我的 → 我的证书 lists it
  await page.goto(`${env.url}/#/pages/me/index`, { waitUntil: 'domcontentloaded' });
  await page.getByTestId('certificates-link').click();
  await page.getByTestId('certificate-item').first().waitFor({ timeout: 30000 });
  expect(await page.getByTestId('certificate-item').count()).toBe(1);
  expect(await page.getByTestId('certificate-item').textContent()).toContain(number);
  await page.screenshot({ path: artifactPath('certificate-mine.png') });

  // a friend, in another browser context, scans it
  const friend = await phone();
  const valid = await verdict(friend.page, scanned);
  expect(valid.valid).toBe('true');
  expect(valid.text).toContain('有效');
  expect(valid.text).toContain('宪法宣传周答题');
  expect(valid.text).toContain('重庆市渝北区古路镇');
  await friend.page.screenshot({ path: artifactPath('certificate-verify-valid.png') });
  // the friend opening the holder's certificate page is taken to the verification instead
  await friend.page.goto(`${env.url}/#/packages/certificate/pages/view/index?no=${number}`, { waitUntil: 'domcontentloaded' });
  await friend.page.getByTestId('verify-result').waitFor({ timeout: 30000 });
  expect(await friend.page.getByTestId('verify-result').getAttribute('data-valid')).toBe('true');

  const serial = number.split('-')[1];
  const altered = number.replace(serial, serial.slice(0, -1) + (serial.endsWith('7') ? '8' : '7'));
  const invalid = await verdict(friend.page, `${env.url}/#/packages/certificate/pages/verify/index?no=${altered}`);
  expect(invalid.valid).toBe('false');
  expect(invalid.text).toContain('无效');
  expect(invalid.text).not.toContain('宪法宣传周答题');
  await friend.page.screenshot({ path: artifactPath('certificate-verify-invalid.png') });

  // at the largest text size the verification still reads
  const big = await phone({ fontScale: LARGEST_TEXT });
  expect((await verdict(big.page, scanned)).valid).toBe('true');
  await big.page.screenshot({ path: artifactPath('certificate-verify-valid-largest.png'), fullPage: true });
  expect([...resident.errors, ...friend.errors, ...big.errors]).toEqual([]);
}, 240_000);
