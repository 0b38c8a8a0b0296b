/**
 * The staff dashboard in Chromium (phone-sized, production H5 build): a viewer sees this year's totals, the
 * per-day and per-village bars and a flagged question, exports the year and gets the workbook as a download
 * (read back with exceljs), and sees the draft paragraph. A resident opening the same page is refused.
 * Screenshots go to .artifacts/.
 */
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { startLocalEnvironment, type LocalEnvironment } from '../../appserver/localEnvironment';
import { adminApp } from '../shared/adminApp';
import { launchChromium, artifactPath } from '../testing/chromium';
import { openPhone } from '../testing/phone';
import { readWorkbook } from '../testing/reportWorkbook';
import { recordParticipation } from '../../cloudfunctions/shared/participation/record';
import { personKey } from '../../cloudfunctions/shared/identity';
import type { Db } from '../../cloudfunctions/shared/handler';

let env: LocalEnvironment;
let browser: Browser;
const VIEWER = 'e2e_viewer_0001';
const DASHBOARD = '#/packages/staff/pages/dashboard/index';

beforeAll(async () => {
  env = await startLocalEnvironment({ port: 0, dbFile: ':memory:', allowDevSignIn: true });
  const db = adminApp('local', env.localCloudUrl).database() as unknown as Db;
  await db.collection('staff').add({ _id: 'st_e2e_viewer', openId: VIEWER, role: 'viewer', name: '浏览器查看员', createdAt: new Date(), createdBy: 'e2e' });
  const town = (await db.collection('settings').doc('town').get()).data[0] as { villages: { id: string }[] };
  for (let i = 0; i < 6; i++) {
    await recordParticipation(db, {
      eventId: `quiz:e2e-${i}`,
      kind: 'quiz_attempt',
      personKey: personKey(`e2e_resident_${i % 4}`),
      campaignId: 'legal-aid-antifraud',
      villageId: town.villages[i % 2].id,
      laws: ['xianfa'],
      at: new Date(Date.now() - (i % 3) * 86400000),
      score: 60 + i * 5,
      passed: true,
    });
  }
  const [q] = (await db.collection('questions').limit(1).get()).data as { _id: string }[];
  await db.collection('question_stats').add({ _id: q._id, questionId: q._id, answered: 40, points: 8, topAnswered: 10, topPoints: 2, bottomAnswered: 10, bottomPoints: 2 });
  browser = await launchChromium();
}, 60000);
afterAll(async () => {
  await browser?.close();
  await env?.close();
});

const phone = () => openPhone(browser, { viewport: { width: 390, height: Number(process.env.E2E_VIEWPORT_HEIGHT ?? 844) }, acceptDownloads: true });

it('a viewer sees the figures and bars, exports the year as a workbook, and reads the paragraph', async () => {
  const { page, errors } = await phone();
  await page.goto(env.signInUrl(VIEWER), { waitUntil: 'domcontentloaded' });
  await page.goto(`${env.url}/${DASHBOARD}`, { waitUntil: 'domcontentloaded' });
  const people = page.locator('[data-testid="total-people"]');
  await people.waitFor({ timeout: 30000 });
  expect(await people.textContent()).toContain('4 人');
  expect(await page.locator('[data-testid="total-times"] .total__num').textContent()).toBe('6');
  expect(await page.locator('[data-testid="last-7-days"] [data-testid="bar"]').count()).toBe(7);
  expect(await page.locator('[data-testid="last-7-days"]').textContent()).toContain('2 人次');
  expect(await page.locator('[data-testid="villages"]').textContent()).toContain('3 人次');
  expect(await page.locator('[data-testid="flagged"]').first().textContent()).toContain('⚠ 太难');
  expect(await page.locator('[data-testid="paragraph"]').textContent()).toContain('参与群众4人、6人次');
  await page.screenshot({ path: artifactPath('staff-dashboard.png'), fullPage: true });

  const download = page.waitForEvent('download', { timeout: 30000 });
  await page.locator('[data-testid="export-button"]').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/普法参与统计_\d{4}-01-01_\d{4}-\d{2}-\d{2}\.xlsx$/);
  const saved = artifactPath('staff-dashboard-export.xlsx');
  await file.saveAs(saved);
  const sheets = await readWorkbook(fs.readFileSync(saved));
  expect(new Map(sheets.get('总览')!.rows.map((r) => [r['指标'], r['数值']])).get('答题人次')).toBe(6);
  await page.locator('[data-testid="export-done"]').waitFor();
  expect(await page.locator('[data-testid="paragraph"]').textContent()).toContain('所选时段');
  expect(errors).toEqual([]);
});

it('a resident opening the dashboard is told it is for staff only', async () => {
  const { page } = await phone();
  await page.goto(`${env.url}/${DASHBOARD}`, { waitUntil: 'domcontentloaded' });
  await page.getByText('仅限工作人员使用').waitFor({ timeout: 30000 });
  expect(await page.locator('[data-testid="total-people"]').count()).toBe(0);
});
