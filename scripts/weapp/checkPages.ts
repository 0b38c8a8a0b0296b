/**
 * Opens every page of app.json in the harness, residents' pages as a resident and the staff subpackage as the
 * signed-in demo admin, with real ids from the local environment (a live campaign, a lesson, an offline event's
 * code, the resident's own graded attempt); one row per page. Used by `npm run weapp:check` and the tests.
 */
import type { LocalEnvironment } from '../../appserver/localEnvironment';
import { HttpResident, testId } from '../testing/residentClient';
import { chinaToday } from '../testing/staffFixtures';
import { MiniProgram, signInCookie, type CloudCall, type LaunchOptions, type Problem } from './miniProgram';

export const STAFF_ROOT = 'packages/staff';

export interface RealIds {
  campaignId: string;
  lessonId: string;
  eventId: string;
  eventCode: string;
  attemptId: string;
}

/** The query each known page needs; pages not listed (new ones) open without a query. */
export const PAGE_QUERIES: Record<string, (ids: RealIds) => Record<string, string>> = {
  'packages/lesson/pages/reader/index': (ids) => ({ id: ids.lessonId, campaignId: ids.campaignId }),
  'packages/quiz/pages/take/index': (ids) => ({ campaignId: ids.campaignId }),
  'packages/quiz/pages/result/index': (ids) => ({ attemptId: ids.attemptId }),
  'packages/review/pages/session/index': () => ({ kind: 'practice' }),
  'packages/staff/pages/campaign/index': (ids) => ({ id: ids.campaignId }),
  'packages/staff/pages/preview/index': (ids) => ({ id: ids.campaignId }),
  'packages/staff/pages/push/index': (ids) => ({ campaignId: ids.campaignId }),
  'packages/staff/pages/event/index': (ids) => ({ id: ids.eventId }),
  // Opened by scanning the event's mini-program code: WeChat passes `scene`, URI-encoded.
  'packages/checkin/pages/index/index': (ids) => ({ scene: encodeURIComponent(`e=${ids.eventCode}`) }),
};

/** Budgets for a page's first meaningful setData (the home page is what every resident opens, on slow networks). */
export const FIRST_SCREEN_BUDGET: Record<string, number> = { 'pages/home/index': 32 * 1024 };

export const urlOf = (route: string, query: Record<string, string> = {}) => `/${route}${Object.keys(query).length ? `?${Object.entries(query).map(([k, v]) => `${k}=${v}`).join('&')}` : ''}`;

async function ok(client: HttpResident, action: string, input: unknown, fn = 'resident'): Promise<any> {
  return client.ok(action, input, fn);
}

/**
 * Real ids: the first live campaign and a lesson from the resident's home, a graded attempt of this resident
 * (its identity cookie), an offline event made today by the demo admin.
 */
export async function realIds(env: LocalEnvironment, residentCookie: string): Promise<RealIds> {
  const resident = new HttpResident(env.url);
  resident.cookie = residentCookie;
  const home = await ok(resident, 'getHome', {});
  const campaignId = home.campaigns[0]?.id as string | undefined;
  if (!campaignId) throw new Error('no live campaign in the local environment');
  const lessonId = home.lawGroups.flatMap((g: { lessons: { id: string }[] }) => g.lessons)[0]?.id as string;
  const attemptId = testId('att');
  const quiz = await ok(resident, 'startQuiz', { campaignId, attemptId });
  await ok(resident, 'submitAttempt', { attemptId, answers: quiz.questions.map((q: { id: string; type: string; options: { key: string }[] }) => ({ questionId: q.id, answer: q.type === 'judge' ? true : [q.options[0]!.key] })), durationMs: 60_000 });
  const admin = new HttpResident(env.url);
  admin.cookie = await signInCookie(env.url, env.demoAdminOpenId, env.signInToken);
  const options = await ok(admin, 'getEditorOptions', {}, 'staff');
  const event = await ok(admin, 'saveEvent', { event: { type: '院坝会', title: '小程序检查院坝会', date: chinaToday(), villageId: options.villages[0].id, place: '村委会', themeLaws: ['xianfa'], campaignId, lessonId: null, notes: '' } }, 'staff');
  return { campaignId, lessonId, eventId: event.id, eventCode: event.code, attemptId };
}

export interface PageRow {
  route: string;
  as: 'resident' | 'admin';
  query: Record<string, string>;
  firstRenderMs: number | null;
  setDataCalls: number;
  largestPayload: number;
  /** Bytes of the first setData after the page's first cloud answer (its first meaningful screen; else the first). */
  firstMeaningfulPayload: number | null;
  problems: Problem[];
  notOk: CloudCall[];
  text: string;
  passed: boolean;
}

/**
 * Launches the mini-program straight into `route` (as a share card or a scanned code does: nothing else loaded
 * before), as the person whose identity cookie is given; waits until it settles; one row.
 */
export async function openAndMeasure(launch: Omit<LaunchOptions, 'path' | 'query'>, route: string, query: Record<string, string>, as: PageRow['as']): Promise<PageRow> {
  const mp = await MiniProgram.launch({ ...launch, path: route, query });
  const problems: Problem[] = [];
  try {
    await mp.idle();
  } catch (e) {
    problems.push({ kind: 'script', page: route, message: (e as Error).message });
  }
  try {
    const page = mp.current?.info.route === route ? mp.current : undefined;
    const stats = page?.stats;
    problems.unshift(...mp.problems);
    if (!page) problems.push({ kind: 'load', page: route, message: `${route} did not open` });
    const notOk = mp.notOk();
    const text = page ? mp.text(page) : '';
    const firstMeaningful = stats ? (stats.firstMeaningfulPayload ?? stats.payloads[0] ?? null) : null;
    const budget = FIRST_SCREEN_BUDGET[route];
    if (budget && firstMeaningful !== null && firstMeaningful >= budget) problems.push({ kind: 'setData', page: route, message: `first meaningful setData is ${(firstMeaningful / 1024).toFixed(1)} KB, over this page's budget of ${budget / 1024} KB` });
    return {
      route,
      as,
      query,
      firstRenderMs: stats?.firstRenderMs ?? null,
      setDataCalls: stats?.setDataCalls ?? 0,
      largestPayload: stats?.largestPayload ?? 0,
      firstMeaningfulPayload: firstMeaningful,
      problems,
      notOk,
      text,
      passed: Boolean(page) && problems.length === 0 && notOk.length === 0 && text.length > 0,
    };
  } finally {
    mp.close();
  }
}

/** Every page of app.json (staff pages as the demo admin), in app.json's order, each opened by a fresh launch. */
export async function checkAllPages(env: LocalEnvironment, dir: string): Promise<{ rows: PageRow[]; ids: RealIds }> {
  // One resident and one admin for the whole run: the resident's cookie comes from a first launch.
  const first = await MiniProgram.launch({ dir, serverUrl: env.url });
  await first.idle().finally(() => first.close());
  const resident = first.identityCookie;
  const admin = await signInCookie(env.url, env.demoAdminOpenId, env.signInToken);
  if (!resident) throw new Error('the app server gave the resident no identity');
  const ids = await realIds(env, resident);
  const rows: PageRow[] = [];
  for (const p of first.app.pages) {
    const as = p.root === STAFF_ROOT ? 'admin' : 'resident';
    rows.push(await openAndMeasure({ dir, serverUrl: env.url, identity: { cookie: as === 'admin' ? admin : resident } }, p.route, PAGE_QUERIES[p.route]?.(ids) ?? {}, as));
  }
  return { rows, ids };
}

/** The table `npm run weapp:check` prints. */
export function formatRows(rows: PageRow[]): string {
  const kb = (n: number | null) => (n === null ? '—' : `${(n / 1024).toFixed(1)} KB`);
  const lines = [['', 'page', 'as', 'first render', 'setData', 'largest', 'first screen', 'errors'].join('\t')];
  for (const r of rows) {
    const errors = [...r.problems.map((p) => `${p.kind}: ${p.message}`), ...r.notOk.map((c) => `ok:false ${c.name}.${c.action}: ${c.code} ${c.message}`)];
    lines.push([r.passed ? '✓' : '✗', r.route, r.as, r.firstRenderMs === null ? '—' : `${Math.round(r.firstRenderMs)} ms`, String(r.setDataCalls), kb(r.largestPayload), kb(r.firstMeaningfulPayload), errors.length ? errors.join(' | ').slice(0, 600) : '0'].join('\t'));
  }
  const passed = rows.filter((r) => r.passed).length;
  lines.push(`${passed} passed, ${rows.length - passed} failed`);
  return lines.join('\n');
}
