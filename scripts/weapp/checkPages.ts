/**
 * Opens every page of app.json in the harness, residents' pages as a resident and the staff subpackage as the
 * signed-in demo admin, with real ids from the local environment (a live campaign, a lesson, an offline event's
 * code, the resident's own graded attempt); one row per page. Used by `npm run weapp:check` and the tests.
 */
import type { LocalEnvironment } from '../../appserver/localEnvironment';
import { HttpResident, testId } from '../testing/residentClient';
import { chinaToday } from '../testing/staffFixtures';
import { MiniProgram, type CloudCall, type Problem } from './miniProgram';

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
  'packages/staff/pages/campaign/index': (ids) => ({ id: ids.campaignId }),
  'packages/staff/pages/preview/index': (ids) => ({ id: ids.campaignId }),
  'packages/staff/pages/push/index': (ids) => ({ campaignId: ids.campaignId }),
  'packages/staff/pages/event/index': (ids) => ({ id: ids.eventId }),
  // Opened by scanning the event's mini-program code: WeChat passes `scene`, URI-encoded.
  'packages/checkin/pages/index/index': (ids) => ({ scene: encodeURIComponent(`e=${ids.eventCode}`) }),
};

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
  const signIn = await fetch(env.signInUrl(env.demoAdminOpenId), { redirect: 'manual' });
  admin.cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
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
  /** Bytes of the first setData after the page's first cloud answer (its first meaningful screen). */
  firstMeaningfulPayload: number | null;
  problems: Problem[];
  notOk: CloudCall[];
  text: string;
  passed: boolean;
}

/** Opens `route` in `mp` (reLaunch, as a share card or code would), waits until it settles; one row. */
export async function openAndMeasure(mp: MiniProgram, route: string, query: Record<string, string>, as: PageRow['as']): Promise<PageRow> {
  const problemsBefore = mp.problems.length;
  const cloudBefore = mp.cloudCalls.length;
  await mp.reLaunch(urlOf(route, query));
  let settleError: Problem | null = null;
  try {
    await mp.idle();
  } catch (e) {
    settleError = { kind: 'script', page: route, message: (e as Error).message };
  }
  const page = mp.current?.info.route === route ? mp.current : undefined;
  const stats = page?.stats;
  const problems = [...mp.problems.slice(problemsBefore), ...(settleError ? [settleError] : [])];
  if (!page) problems.push({ kind: 'load', page: route, message: `${route} did not open` });
  const notOk = mp.cloudCalls.slice(cloudBefore).filter((c) => !c.ok);
  const text = page ? mp.text(page) : '';
  // The setData that follows the first cloud answer carries the page's first meaningful screen.
  const payloads = stats?.payloads ?? [];
  const firstMeaningfulPayload = payloads.length > 1 ? payloads[1]! : (payloads[0] ?? null);
  return {
    route,
    as,
    query,
    firstRenderMs: stats?.firstRenderMs ?? null,
    setDataCalls: stats?.setDataCalls ?? 0,
    largestPayload: stats?.largestPayload ?? 0,
    firstMeaningfulPayload,
    problems,
    notOk,
    text,
    passed: Boolean(page) && problems.length === 0 && notOk.length === 0 && text.length > 0,
  };
}

/** Every page of app.json (staff pages as the demo admin), in app.json's order. */
export async function checkAllPages(env: LocalEnvironment, dir: string): Promise<{ rows: PageRow[]; ids: RealIds }> {
  const resident = await MiniProgram.launch({ dir, serverUrl: env.url });
  const admin = await MiniProgram.launch({ dir, serverUrl: env.url, identity: { signInAs: env.demoAdminOpenId, signInToken: env.signInToken } });
  try {
    await resident.idle();
    await admin.idle();
    const ids = await realIds(env, resident.identityCookie);
    const rows: PageRow[] = [];
    for (const p of resident.app.pages) {
      const as = p.root === STAFF_ROOT ? 'admin' : 'resident';
      rows.push(await openAndMeasure(as === 'admin' ? admin : resident, p.route, PAGE_QUERIES[p.route]?.(ids) ?? {}, as));
    }
    const launchProblems = [...resident.problems, ...admin.problems].filter((x) => x.page === null);
    if (launchProblems.length) rows.unshift({ route: '(launch)', as: 'resident', query: {}, firstRenderMs: null, setDataCalls: 0, largestPayload: 0, firstMeaningfulPayload: null, problems: launchProblems, notOk: [], text: '', passed: false });
    return { rows, ids };
  } finally {
    resident.close();
    admin.close();
  }
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
