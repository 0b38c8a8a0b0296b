/**
 * The layout check: every page of the H5 build (the routes of app.config.ts), in Chromium at 360×640 and
 * 390×844, at the default and the largest text size, as a resident and as staff, against the rules of
 * scripts/testing/layoutCheck.ts. Screenshots of every page and state go to .artifacts/layout/, with an
 * index.html showing them side by side. The last tests show the check fails on broken layouts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startLocalEnvironment, type LocalEnvironment } from '../../appserver/localEnvironment';
import { adminApp } from '../shared/adminApp';
import { launchChromium, artifactPath } from '../testing/chromium';
import { LARGEST_TEXT, PHONE, SMALL_PHONE, openPhone } from '../testing/phone';
import { checkLayout } from '../testing/layoutCheck';
import { signedIn, staffOk } from '../testing/staffClient';
import { testId } from '../testing/residentClient';
import { displayedAnswer } from '../../cloudfunctions/shared/quiz/quizEngine';
import type { AttemptDoc } from '../../cloudfunctions/shared/documents';

const RESIDENT = 'layout_resident_01';
const ADMIN = 'layout_admin_01';
const ROOT = path.resolve(__dirname, '../..');

let env: LocalEnvironment;
let browser: Browser;
/** Route → the query string that opens it with real data (`?id=…`); routes not named open without one. */
const params: Record<string, string> = {};
let liveCampaignId = '';

/** Every page of the app, from app.config.ts (main package and subpackages). */
function appRoutes(): string[] {
  const src = fs.readFileSync(path.join(ROOT, 'miniprogram/src/app.config.ts'), 'utf8');
  const main = /pages:\s*\[([^\]]*)\]/.exec(src)![1];
  const routes = [...main.matchAll(/'([^']+)'/g)].map((m) => m[1]);
  for (const m of src.matchAll(/root:\s*'([^']+)'[^}]*?pages:\s*\[([^\]]*)\]/gs)) for (const p of m[2].matchAll(/'([^']+)'/g)) routes.push(`${m[1]}/${p[1]}`);
  return routes;
}
const isStaffRoute = (route: string) => route.startsWith('packages/staff/');

beforeAll(async () => {
  env = await startLocalEnvironment({ port: 0, dbFile: ':memory:', allowDevSignIn: true });
  const db = adminApp('local', env.localCloudUrl).database();
  await db.collection('staff').add({ _id: 'st_layout_admin', openId: ADMIN, role: 'admin', name: '版面检查管理员', createdAt: new Date(), createdBy: 'test' });
  const admin = await signedIn(env, ADMIN);
  const options = await staffOk(admin, 'getEditorOptions');
  const lessons = options.lessons.filter((l: { law: string }) => l.law === 'xianfa').slice(0, 2).map((l: { id: string }) => l.id);
  const now = Date.now();
  const campaign = await staffOk(admin, 'saveCampaign', {
    campaign: {
      title: '12·4 宪法宣传周线上答题（版面检查用的一个很长的活动名称）',
      summary: '学习宪法，了解公民的基本权利和义务。每天可以答三次，答完看解析。',
      bannerText: '学宪法 讲宪法 守宪法',
      bannerImage: null,
      start: new Date(now - 3600e3).toISOString(),
      end: new Date(now + 7 * 86400e3).toISOString(),
      themeLaws: ['xianfa'],
      lessonIds: lessons,
      quiz: { questionsPerQuiz: 3, passMark: 60, attemptsPerDay: 3, pool: { laws: ['xianfa'], tags: [], questionIds: [] } },
    },
  });
  await staffOk(admin, 'setCampaignStatus', { id: campaign.id, op: 'publish' });
  await staffOk(admin, 'saveNotice', { notice: { title: '本周六上午院坝会', body: '地点在三组张家院坝，讲解婚姻家庭和土地承包的法律知识。', date: new Date(now + 8 * 3600e3).toISOString().slice(0, 10), status: 'published' } });
  await staffOk(admin, 'createInvitation', { role: 'editor', name: '王书记' });
  const event = await staffOk(admin, 'saveEvent', {
    event: { type: '院坝会', title: '三组院坝会：宪法进万家', date: new Date(now + 8 * 3600e3).toISOString().slice(0, 10), villageId: options.villages[0].id, place: '三组张家院坝', themeLaws: ['xianfa'], campaignId: campaign.id, lessonId: lessons[0] ?? null, notes: '' },
  });
  await staffOk(admin, 'getEventCode', { id: event.id, h5Base: `${env.url}/` });
  // The resident has read a lesson and handed in one attempt (积分明细 then has a day to show).
  const resident = await signedIn(env, RESIDENT);
  if (lessons[1]) await resident.ok('markLessonRead', { lessonId: lessons[1] });
  // 村村比拼: the resident lives in the first village; the first two villages have a population, the rest not.
  await resident.ok('setVillage', { villageId: options.villages[0].id });
  const villages = options.villages.map((v: { id: string; name: string }, i: number) => ({ id: v.id, name: v.name, population: i < 2 ? 1200 - i * 300 : null }));
  await staffOk(admin, 'saveTownSettings', { town: { villages, station: { address: '', phones: [], hours: '' }, advisers: [] } });
  const attemptId = testId();
  await resident.ok('startQuiz', { campaignId: campaign.id, attemptId });
  await resident.ok('submitAttempt', { attemptId, answers: [] });
  // …and passed a second one, so 我的证书, the certificate and 证书查验 are checked with a real certificate.
  const passedId = testId();
  await resident.ok('startQuiz', { campaignId: campaign.id, attemptId: passedId });
  const drawn = ((await db.collection('attempts').doc(passedId).get()).data[0] as AttemptDoc).drawn;
  await resident.ok('submitAttempt', { attemptId: passedId, answers: drawn.map((d) => ({ questionId: d.questionId, answer: displayedAnswer(d.snapshot, d) })) });
  const [certificate] = await resident.ok('listMyCertificates', {});
  expect(certificate?.number).toMatch(/^\d{4}-[0-9A-Z]{8}-[0-9A-Z]{6}$/);
  liveCampaignId = campaign.id;
  Object.assign(params, {
    'packages/lesson/pages/reader/index': `?id=${lessons[0]}`,
    'packages/campaign/pages/detail/index': `?id=${campaign.id}`,
    'packages/quiz/pages/take/index': `?campaignId=${campaign.id}`,
    'packages/quiz/pages/result/index': `?attemptId=${attemptId}`,
    'packages/certificate/pages/view/index': `?no=${encodeURIComponent(certificate.number)}`,
    'packages/certificate/pages/verify/index': `?no=${encodeURIComponent(certificate.number)}`,
    'packages/checkin/pages/index/index': `?e=${event.code}`,
    'packages/staff/pages/campaign/index': `?id=${campaign.id}`,
    'packages/staff/pages/preview/index': `?id=${campaign.id}`,
    'packages/staff/pages/event/index': `?id=${event.id}`,
    'packages/staff/pages/push/index': `?campaignId=${campaign.id}`,
  });
  browser = await launchChromium();
}, 120000);
afterAll(async () => {
  await browser?.close();
  await env?.close();
});

/** Opens a route and waits until it has loaded (no spinner, network quiet). */
async function open(page: Page, route: string, query = params[route] ?? ''): Promise<void> {
  await page.goto(`${env.url}/#/${route}${query}`, { waitUntil: 'domcontentloaded' });
  await page.waitForLoadState('networkidle', { timeout: 30000 }).catch(() => undefined);
  await page.locator('.taro_page:visible [aria-busy="true"]').first().waitFor({ state: 'detached', timeout: 30000 }).catch(() => undefined);
  await page.waitForTimeout(150);
}

/** Taro H5 scrolls inside the page, not the document: grow the viewport to the page's height for the picture. */
async function wholePageShot(page: Page, file: string): Promise<void> {
  const size = page.viewportSize()!;
  const height = await page.evaluate(() => Math.max(...[...document.querySelectorAll('.taro_page, .taro-tabbar__panel, body')].map((e) => e.scrollHeight)));
  if (height > size.height) await page.setViewportSize({ width: size.width, height: Math.min(height + 120, 8000) });
  await page.screenshot({ path: file, timeout: 90000 });
  if (height > size.height) await page.setViewportSize(size);
}

interface Shot {
  page: string;
  combo: string;
  file: string;
  problems: string[];
}

const COMBOS = [
  { viewport: SMALL_PHONE, fontScale: 1 },
  { viewport: SMALL_PHONE, fontScale: LARGEST_TEXT },
  { viewport: PHONE, fontScale: 1 },
  { viewport: PHONE, fontScale: LARGEST_TEXT },
];
const comboName = (c: (typeof COMBOS)[number]) => `${c.viewport.width}×${c.viewport.height} ${c.fontScale === 1 ? '标准字' : '特大字'}`;

/** One person at one size going through their pages; every page checked and photographed. */
async function walk(who: 'resident' | 'staff', combo: (typeof COMBOS)[number], routes: { route: string; state: string; query?: string }[]): Promise<Shot[]> {
  // Pixel ratio 1 keeps the many tall screenshots quick; the layout is the same.
  const phone = await openPhone(browser, { ...combo, pixelRatio: 1 });
  await phone.page.goto(env.signInUrl(who === 'staff' ? ADMIN : RESIDENT), { waitUntil: 'domcontentloaded' });
  const shots: Shot[] = [];
  for (const { route, state, query } of routes) {
    await open(phone.page, route, query);
    const problems = await phone.page.evaluate(checkLayout, { minTapHeight: combo.fontScale === LARGEST_TEXT ? 44 : undefined });
    const file = `layout/${who}-${route.replace(/^packages\//, '').replace(/\/(pages\/)?|\/index$/g, '-').replace(/-index$/, '')}${state ? `-${state}` : ''}-${combo.viewport.width}-${combo.fontScale}.png`;
    await wholePageShot(phone.page, artifactPath(file));
    shots.push({ page: `${who === 'staff' ? '工作人员' : '居民'} · ${route}${state ? `（${state}）` : ''}`, combo: comboName(combo), file, problems });
  }
  await phone.context.close();
  return shots;
}

function writeIndex(shots: Shot[]): void {
  const pages = [...new Set(shots.map((s) => s.page))];
  const combos = COMBOS.map(comboName);
  const cell = (s: Shot | undefined) => (s ? `<td><a href="${path.basename(s.file)}"><img src="${path.basename(s.file)}" loading="lazy"></a>${s.problems.map((p) => `<p class="bad">${p.replace(/</g, '&lt;')}</p>`).join('')}</td>` : '<td></td>');
  const rows = pages.map((p) => `<tr><th>${p}</th>${combos.map((c) => cell(shots.find((s) => s.page === p && s.combo === c))).join('')}</tr>`).join('\n');
  const html = `<!doctype html><meta charset="utf-8"><title>版面检查</title><style>body{font-family:sans-serif}th{text-align:left;vertical-align:top;max-width:12em}td{vertical-align:top}img{width:220px;border:1px solid #ccc}.bad{color:#a4231b;max-width:220px;font-size:12px}</style><h1>版面检查：每个页面 × 屏幕 × 字号</h1><table><tr><th></th>${combos.map((c) => `<th>${c}</th>`).join('')}</tr>\n${rows}</table>`;
  fs.writeFileSync(artifactPath('layout/index.html'), html);
}

it('every page, at both phone sizes and both text sizes, as a resident and as staff, keeps the layout rules', async () => {
  fs.rmSync(artifactPath('layout'), { recursive: true, force: true });
  fs.mkdirSync(artifactPath('layout'), { recursive: true });
  const routes = appRoutes();
  expect(routes.length).toBeGreaterThan(15);
  const residentRoutes = [
    ...routes.filter((r) => !isStaffRoute(r)).map((route) => ({ route, state: '' })),
    { route: 'packages/checkin/pages/index/index', state: '错误的签到码', query: '?e=zzzz9999' },
    { route: 'packages/villages/pages/board/index', state: '一个活动', query: `?campaignId=${liveCampaignId}` },
    // A resident opening a staff page is refused, with a way out.
    { route: 'packages/staff/pages/dashboard/index', state: '居民被拒绝', query: '' },
  ];
  const staffRoutes = routes.filter(isStaffRoute).map((route) => ({ route, state: '' }));
  const runs: Promise<Shot[]>[] = [];
  for (const combo of COMBOS) runs.push(walk('resident', combo, residentRoutes).then(async (a) => [...a, ...(await walk('staff', combo, staffRoutes))]));
  const shots = (await Promise.all(runs)).flat();
  writeIndex(shots);
  const problems = shots.flatMap((s) => s.problems.map((p) => `${s.page} @ ${s.combo}: ${p}`));
  expect(problems).toEqual([]);
  expect(shots.length).toBe(COMBOS.length * (residentRoutes.length + staffRoutes.length));
}, 600000);

describe('the check fails on broken layouts', () => {
  it('reports the old collapsing list row (label column squeezed to one character per line, 拨打 over the text)', async () => {
    const { page, context } = await openPhone(browser);
    await open(page, 'pages/home/index');
    await page.getByTestId('legal-help').waitFor();
    expect(await page.evaluate(checkLayout, {})).toEqual([]);
    // What the row looked like before ListItem: no wrapping, and the button taking the width it likes.
    await page.addStyleTag({ content: '.list-item{flex-wrap:nowrap!important}.list-item__main{flex:1 1 0%!important;min-width:0!important}.list-item__trailing{flex:0 0 auto!important;max-width:none!important}.list-item__trailing .btn{width:330px!important}' });
    const problems = await page.evaluate(checkLayout, {});
    expect(problems.some((p) => p.startsWith('text narrower than two characters'))).toBe(true);
    await page.screenshot({ path: artifactPath('layout/broken-collapsed-row.png'), fullPage: true });
    await context.close();
  });

  it('reports an image shifted inside its frame, overlapping buttons and small touch targets', async () => {
    const { page, context } = await openPhone(browser);
    await open(page, 'pages/home/index');
    await page.evaluate(() => {
      const card = document.querySelector('.taro_page:not([style*="display: none"]) .card') ?? document.body;
      const frame = document.createElement('div');
      frame.style.cssText = 'width:125px;height:125px;overflow:hidden';
      const img = document.createElement('img');
      img.src = 'data:image/svg+xml;utf8,<svg xmlns="http://www.w3.org/2000/svg" width="125" height="125"><rect width="125" height="125"/></svg>';
      img.style.cssText = 'width:125px;height:125px;margin-left:60px;display:block';
      frame.appendChild(img);
      const a = document.createElement('button');
      a.textContent = '保存';
      a.style.cssText = 'display:block;height:30px';
      const b = document.createElement('button');
      b.textContent = '打印';
      b.style.cssText = 'display:block;height:30px;margin-top:-20px';
      card.append(frame, a, b);
    });
    const problems = await page.evaluate(checkLayout, { minTapHeight: 44 });
    expect(problems.some((p) => p.startsWith('image clipped by 60 px'))).toBe(true);
    expect(problems.some((p) => p.startsWith('tappable elements overlap') && p.includes('保存') && p.includes('打印'))).toBe(true);
    expect(problems.some((p) => p.startsWith('tappable element only 30 px high'))).toBe(true);
    await context.close();
  });
});
