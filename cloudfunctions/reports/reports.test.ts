/**
 * The reports function end to end (real SDK → local cloud through the local app server): staff-only access,
 * the exported workbook read back with exceljs and every figure checked against a brute-force recount of the
 * raw events and offline activities, the CSV (BOM, same figures), China-time day boundaries, formula
 * injection, and that no identifier of a resident or staff member is in any export.
 */
import ExcelJS from 'exceljs';
import { startLocalEnvironment, type LocalEnvironment } from '../../appserver/localEnvironment';
import { adminApp } from '../../scripts/shared/adminApp';
import { HttpResident, testId } from '../../scripts/testing/residentClient';
import { signedIn } from '../../scripts/testing/staffClient';
import { campaignDoc, chinaWindow } from '../../scripts/testing/campaignDoc';
import { allEventsOf, bruteFigures, parseCsv, readWorkbook, rowFigures, type RawEvent, type RawOffline } from '../../scripts/testing/reportWorkbook';
import { displayedAnswer } from '../shared/quiz/quizEngine';
import { personKey } from '../shared/identity';
import { recordParticipation } from '../shared/participation/record';
import type { ParticipationInput } from '../shared/participation/events';
import { SHEET_NAMES } from '../shared/reporting/sheets';
import { neutralise } from '../shared/reporting/workbook';
import type { Db } from '../shared/handler';
import type { AttemptDoc, CertificateDoc } from '../shared/documents';
import type { DashboardView, ExportFile } from '../contracts/reports';

let env: LocalEnvironment;
let db: ReturnType<ReturnType<typeof adminApp>['database']>;
let viewer: HttpResident;
const hour = 3600 * 1000;
const VIEWER = 'test_report_viewer';
const STAFF_AUTHOR = 'staff_author_openid_x9';
const YEAR = new Date(Date.now() + 8 * hour).toISOString().slice(0, 4);
const LAST_YEAR = String(Number(YEAR) - 1);
const residentOpenIds: string[] = [];
let villages: string[] = [];

const INJECTION = {
  title: '=HYPERLINK("http://evil.example","点我")',
  place: '@SUM(1+1)',
  notes: '+cmd|" /C calc"!A0',
  negative: '-2+3',
};

async function perfectAnswers(attemptId: string) {
  const attempt = (await db.collection('attempts').doc(attemptId).get()).data[0] as AttemptDoc;
  return attempt.drawn.map((d) => ({ questionId: d.questionId, answer: displayedAnswer(d.snapshot, d) }));
}

/** A resident in `village` who answers one quiz of `campaign` (perfectly or not). */
async function residentQuiz(village: string, perfect: boolean, retry = false) {
  const r = new HttpResident(env.url);
  await r.ok('setVillage', { villageId: village });
  residentOpenIds.push(r.cookie.split('=')[1].split('.')[0]);
  const attemptId = testId();
  const quiz = await r.ok('startQuiz', { campaignId: 'rp-live', attemptId });
  const answers = perfect ? await perfectAnswers(attemptId) : quiz.questions.map((q: { id: string; type: string }) => ({ questionId: q.id, answer: q.type === 'judge' ? false : ['F'] }));
  const result = await r.ok('submitAttempt', { attemptId, answers, durationMs: 30000 });
  if (retry) expect(await r.ok('submitAttempt', { attemptId, answers: [] })).toEqual(result);
  return { r, result };
}

const record = (over: Partial<ParticipationInput> & Pick<ParticipationInput, 'eventId' | 'at'>) =>
  recordParticipation(db as unknown as Db, { kind: 'quiz_attempt', personKey: personKey('synthetic_1'), campaignId: 'rp-spring', villageId: villages[0], laws: ['xianfa'], score: 80, passed: true, durationMs: 1000, ...over });

const allEvents = () => allEventsOf<RawEvent>(db);
async function allOffline(): Promise<(RawOffline & { title: string; notes: string; place: string; type: string })[]> {
  return (await db.collection('offline_events').limit(1000).get()).data as never;
}

async function exportVia(client: HttpResident, from: string, to: string, format: 'xlsx' | 'csv'): Promise<{ file: ExportFile; body: Buffer }> {
  const file = (await client.ok('buildExport', { from, to, format }, 'reports')) as ExportFile;
  const res = await fetch(file.url);
  expect(res.status).toBe(200);
  return { file, body: Buffer.from(await res.arrayBuffer()) };
}

function offlineDoc(id: string, over: Record<string, unknown>) {
  const now = new Date().toISOString();
  return { _id: id, code: id.slice(-6), type: '院坝会', title: '院坝会', date: `${YEAR}-06-10`, villageId: villages[2], place: '村委会院坝', themeLaws: ['xianfa'], campaignId: null, lessonId: null, attendees: 0, leaflets: 0, banners: 0, notes: '', checkIns: 0, createdBy: STAFF_AUTHOR, createdAt: now, updatedAt: now, archived: false, ...over };
}

beforeAll(async () => {
  env = await startLocalEnvironment({ port: 0, dbFile: ':memory:', allowDevSignIn: true });
  db = adminApp('local', env.localCloudUrl).database();
  const town = (await db.collection('settings').doc('town').get()).data[0] as { villages: { id: string }[] };
  villages = town.villages.map((v) => v.id);
  await db.collection('staff').add({ _id: `st_${VIEWER}`, openId: VIEWER, role: 'viewer', name: '查看员', createdAt: new Date(), createdBy: 'test' });
  viewer = await signedIn(env, VIEWER);
  await db.collection('campaigns').add(campaignDoc('rp-live', { title: '测试宪法活动' }));
  await db.collection('campaigns').add(campaignDoc('rp-spring', { title: '春季民法典答题', ...chinaWindow(`${YEAR}-03-01`, `${YEAR}-03-31`), quiz: { pool: { laws: ['minfadian-3-hetong'], tags: [] } } }));

  // Online: residents over HTTP (one retries), and past participation recorded as the functions record it.
  await residentQuiz(villages[0], true, true);
  await residentQuiz(villages[0], false);
  const { r } = await residentQuiz(villages[1], true);
  const lessonId = (await r.ok('getHome', {})).lawGroups[0].lessons[0].id;
  await r.ok('markLessonRead', { lessonId });
  for (let i = 0; i < 12; i++) {
    await record({
      eventId: `quiz:synthetic-spring-${i}`,
      personKey: personKey(`synthetic_${i % 5}`),
      villageId: villages[i % 3],
      laws: i % 2 ? ['minfadian-3-hetong', 'minfadian-2-wuquan'] : ['minfadian-3-hetong', 'xianfa'],
      at: new Date(`${YEAR}-03-${String(2 + i).padStart(2, '0')}T10:00:00+08:00`),
      score: 40 + i * 5,
      passed: 40 + i * 5 >= 60,
    });
  }
  await record({ eventId: `checkin:oe-yb:${personKey('synthetic_2')}`, kind: 'checkin', personKey: personKey('synthetic_2'), campaignId: null, villageId: villages[2], laws: ['xianfa', 'minfadian-3-hetong'], at: new Date(`${YEAR}-06-10T19:30:00+08:00`), score: undefined, passed: undefined });
  await record({ eventId: `share:synthetic-7`, kind: 'share', personKey: personKey('synthetic_7'), campaignId: null, villageId: null, laws: [], at: new Date(`${YEAR}-07-01T08:00:00+08:00`), score: undefined, passed: undefined });
  // Day boundary: 00:30 China time on 12-04 is 16:30 UTC on 12-03.
  await record({ eventId: 'quiz:boundary-0030', campaignId: null, personKey: personKey('boundary_a'), at: new Date(`${LAST_YEAR}-12-03T16:30:00Z`) });
  await record({ eventId: 'quiz:boundary-2359', campaignId: null, personKey: personKey('boundary_b'), at: new Date(`${LAST_YEAR}-12-03T15:59:00Z`) });

  // Offline activities as the staff function stores them.
  await db.collection('offline_events').add(offlineDoc('oe-yb', { title: INJECTION.title, place: INJECTION.place, notes: INJECTION.notes, themeLaws: ['xianfa', 'minfadian-3-hetong'], attendees: 40, leaflets: 200, banners: 3, checkIns: 1 }));
  await db.collection('offline_events').add(offlineDoc('oe-jz', { type: '法治讲座', title: '民法典讲座', date: `${YEAR}-03-15`, villageId: villages[0], campaignId: 'rp-spring', attendees: 25, leaflets: 100, banners: 1, notes: INJECTION.negative, themeLaws: ['minfadian-3-hetong'] }));
  await db.collection('offline_events').add(offlineDoc('oe-gone', { title: '已删除的活动', date: `${YEAR}-04-01`, attendees: 999, leaflets: 999, archived: true }));

  // Item statistics: one question nearly everyone gets right, one the best scorers miss.
  const qs = (await db.collection('questions').where({ law: 'fanzhapian' }).limit(2).get()).data as { _id: string }[];
  await db.collection('question_stats').add({ _id: qs[0]._id, questionId: qs[0]._id, answered: 100, points: 99, topAnswered: 60, topPoints: 60, middleAnswered: 20, middlePoints: 20, bottomAnswered: 20, bottomPoints: 19 });
  await db.collection('question_stats').add({ _id: qs[1]._id, questionId: qs[1]._id, answered: 50, points: 25, topAnswered: 20, topPoints: 6, middleAnswered: 10, middlePoints: 5, bottomAnswered: 20, bottomPoints: 14 });
}, 60000);

afterAll(async () => {
  await env?.close();
});

describe('access', () => {
  it('gives a resident FORBIDDEN on every reports action', async () => {
    const r = new HttpResident(env.url);
    for (const [action, input] of [
      ['dashboard', {}],
      ['buildExport', { from: `${YEAR}-01-01`, to: `${YEAR}-12-31`, format: 'xlsx' }],
    ] as const) {
      const res = await r.call(action, input, 'reports');
      expect(res).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(res.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('checks the range before building anything', async () => {
    expect(await viewer.call('buildExport', { from: `${YEAR}-12-31`, to: `${YEAR}-01-01`, format: 'xlsx' }, 'reports')).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await viewer.call('buildExport', { from: `${YEAR}-02-30`, to: `${YEAR}-03-01`, format: 'xlsx' }, 'reports')).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await viewer.call('buildExport', { from: `${YEAR}-01-01`, to: `${YEAR}-03-01`, format: 'pdf' }, 'reports')).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });
});

describe('the exported workbook', () => {
  let sheets: Map<string, Awaited<ReturnType<typeof readWorkbook>> extends Map<string, infer S> ? S : never>;
  let events: RawEvent[];
  let offline: Awaited<ReturnType<typeof allOffline>>;
  let file: ExportFile;
  let body: Buffer;
  const from = `${YEAR}-01-01`;
  const to = `${YEAR}-12-31`;

  beforeAll(async () => {
    ({ file, body } = await exportVia(viewer, from, to, 'xlsx'));
    sheets = await readWorkbook(body);
    events = (await allEvents()).filter((e) => e.day >= from && e.day <= to);
    // Issue #13: an archived offline activity stays in every figure, together with its check-ins.
    offline = (await allOffline()).filter((e) => e.date >= from && e.date <= to);
  });

  it('has the seven sheets with Chinese headers, frozen header rows, fitted widths and number formats', () => {
    expect(file.fileName).toMatch(/普法参与统计_.*\.xlsx$/);
    expect([...sheets.keys()]).toEqual([...SHEET_NAMES]);
    for (const s of sheets.values()) {
      expect(s.frozenRows).toBe(2);
      for (const h of s.headers) expect(h).toMatch(/[\u4e00-\u9fff]/);
      s.headers.forEach((h, i) => expect(s.widths[i]).toBeGreaterThanOrEqual(Math.min(40, [...h].length * 2)));
    }
    const byVillage = sheets.get('按村社区')!;
    expect(byVillage.numFmts['合格率']).toBe('0.0%');
    expect(byVillage.numFmts['参与人次']).toBe('#,##0');
    expect(byVillage.numFmts['平均分']).toBe('0.0');
  });

  it('总览 matches a recount from the raw events', () => {
    const brute = bruteFigures(events, events, offline);
    const rows = new Map(sheets.get('总览')!.rows.map((r) => [r['指标'], r['数值']]));
    expect(rows.get('参与人数')).toBe(brute.people);
    expect(rows.get('参与人次')).toBe(brute.times);
    expect(rows.get('答题人次')).toBe(brute.quiz);
    expect(rows.get('平均分')).toBe(brute.avgScore);
    expect(rows.get('合格率')).toBe(brute.passRate);
    expect(rows.get('阅读人次')).toBe(brute.read);
    // Three activities: 院坝会 (06-10), 法治讲座 (03-15) and the archived 已删除的活动 (04-01), which stays counted.
    expect(rows.get('线下活动场次')).toBe(3);
    expect(rows.get('线下参与人次')).toBe(brute.checkin + brute.unscanned);
    expect(rows.get('线下参与人次')).toBe(1 + 40 + 25 + 999);
    expect(rows.get('宣传单')).toBe(200 + 100 + 999);
    expect(rows.get('标语')).toBe(4);
    expect(rows.get('答题人数')).toBe(new Set(events.filter((e) => e.kind === 'quiz_attempt').map((e) => e.personKey)).size);
    expect(brute.quiz).toBe(3 + 12);
  });

  it('按活动, 按村社区 and 按月份 match the recount row by row, with totals', async () => {
    const campaigns = sheets.get('按活动')!.rows;
    const titles: Record<string, string> = { 'rp-live': '测试宪法活动', 'rp-spring': '春季民法典答题', none: '日常学习' };
    const ever = await allEvents();
    for (const [id, title] of Object.entries(titles)) {
      const row = campaigns.find((r) => r['活动名称'] === title)!;
      expect(row).toBeDefined();
      const mine = events.filter((e) => e.campaignId === id);
      const off = offline.filter((e) => (e.campaignId ?? 'none') === id);
      // A campaign's people are counted from its start up to the end of the range.
      expect(rowFigures(row)).toEqual(bruteFigures(mine, ever.filter((e) => e.campaignId === id && e.day <= to), off));
    }
    const villageSheet = sheets.get('按村社区')!.rows;
    const names = new Map(villageSheet.map((r) => [r['村（社区）'], r]));
    const town = villageSheet.length;
    expect(town).toBeGreaterThanOrEqual(villages.length);
    for (const v of villages.slice(0, 3)) {
      const row = [...names.values()][villages.indexOf(v)];
      const mine = events.filter((e) => e.villageId === v);
      expect(rowFigures(row)).toEqual(bruteFigures(mine, mine, offline.filter((e) => e.villageId === v)));
    }
    const months = sheets.get('按月份')!.rows;
    expect(months).toHaveLength(13);
    for (let m = 1; m <= 12; m++) {
      const month = `${YEAR}-${String(m).padStart(2, '0')}`;
      const row = months.find((r) => r['月份'] === `${YEAR}年${m}月`)!;
      const mine = events.filter((e) => e.month === month);
      expect(rowFigures(row)).toEqual(bruteFigures(mine, mine, offline.filter((e) => e.date.startsWith(month))));
    }
    for (const name of ['按活动', '按村社区', '按月份']) {
      const rows = sheets.get(name)!.rows;
      const total = rows[rows.length - 1];
      expect(Object.values(total)[0]).toBe('合计');
      expect(total['参与人次']).toBe(bruteFigures(events, events, offline).times);
      expect(total['答题人次']).toBe(rows.slice(0, -1).reduce((s, r) => s + Number(r['答题人次']), 0));
    }
  });

  it('电子证书: each campaign row counts the certificates issued in the range; the 合计 row, 总览, the paragraph and the dashboard add up the same', async () => {
    const certificates = ((await db.collection('certificates').limit(1000).get()).data as CertificateDoc[]).filter((c) => c.issuedDay >= from && c.issuedDay <= to);
    // rp-live: one certificate per resident who passed its quiz (recounted from the participation events)
    const passers = new Set(events.filter((e) => e.kind === 'quiz_attempt' && e.campaignId === 'rp-live' && e.passed).map((e) => e.personKey));
    expect(passers.size).toBeGreaterThan(0);
    expect(certificates.filter((c) => c.campaignId === 'rp-live')).toHaveLength(passers.size);
    const campaigns = sheets.get('按活动')!.rows;
    for (const row of campaigns.slice(0, -1)) {
      const title = String(row['活动名称']);
      const id = title === '测试宪法活动' ? 'rp-live' : title === '春季民法典答题' ? 'rp-spring' : null;
      expect([title, row['电子证书（份）']]).toEqual([title, id ? certificates.filter((c) => c.campaignId === id).length : 0]);
    }
    const total = campaigns[campaigns.length - 1];
    expect(total['电子证书（份）']).toBe(certificates.length);
    expect(campaigns.slice(0, -1).reduce((sum, r) => sum + Number(r['电子证书（份）']), 0)).toBe(certificates.length);
    const overview = new Map(sheets.get('总览')!.rows.map((r) => [r['指标'], r['数值']]));
    expect(overview.get('颁发电子证书')).toBe(certificates.length);
    expect(file.paragraph).toContain(`颁发电子证书${certificates.length}份`);
    const d = (await viewer.ok('dashboard', {}, 'reports')) as DashboardView;
    expect(d.yearTotals.certificates).toBe(certificates.length);
    expect(d.campaigns.find((c) => c.id === 'rp-live')?.certificates).toBe(passers.size);
  });

  it('按法律 groups the Civil Code books under 民法典, counting an event once there, and lists the books', () => {
    const rows = sheets.get('按法律')!.rows;
    const group = rows.find((r) => r['法律'] === '民法典')!;
    const civil = events.filter((e) => e.laws.some((l) => l.startsWith('minfadian-')));
    expect(group['学习答题等人次']).toBe(civil.length);
    expect(group['参与人数']).toBe(new Set(civil.map((e) => e.personKey)).size);
    const contract = rows.find((r) => String(r['法律']).trim() === '民法典·合同编')!;
    expect(contract['类别']).toBe('民法典分编');
    expect(contract['学习答题等人次']).toBe(events.filter((e) => e.laws.includes('minfadian-3-hetong')).length);
    expect(contract['线下活动场次']).toBe(2);
    const property = rows.find((r) => String(r['法律']).trim() === '民法典·物权编')!;
    expect(property['答题人次']).toBe(6);
    expect(rows.indexOf(contract)).toBeGreaterThan(rows.indexOf(group));
    const xianfa = rows.find((r) => r['法律'] === '宪法')!;
    expect(xianfa['学习答题等人次']).toBe(events.filter((e) => e.laws.includes('xianfa')).length);
  });

  it('题目分析 flags the too-easy question and the one the best scorers miss', () => {
    const rows = sheets.get('题目分析')!.rows;
    const easy = rows.find((r) => r['作答次数'] === 100)!;
    expect(easy['正确率']).toBe(0.99);
    expect(String(easy['提示'])).toContain('过易');
    const negative = rows.find((r) => r['作答次数'] === 50)!;
    expect(negative['区分度']).toBeCloseTo(0.3 - 0.7, 4);
    expect(String(negative['提示'])).toContain('区分度为负');
  });

  it('线下活动明细 lists the activities (the archived one too), formula-like text stored as plain text', () => {
    const rows = sheets.get('线下活动明细')!.rows;
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r['活动名称'] === '已删除的活动')).toMatchObject({ 日期: `${YEAR}-04-01`, 到场合计: 999, '宣传单（份）': 999 });
    const yb = rows.find((r) => r['到场合计'] === 41)!;
    // An xlsx text cell is never evaluated: the staff's wording is kept exactly, with no visible apostrophe.
    expect(yb['活动名称']).toBe(INJECTION.title);
    expect(yb['地点']).toBe(INJECTION.place);
    expect(yb['备注']).toBe(INJECTION.notes);
    expect(yb['宣传法律']).toBe('宪法、民法典·合同编');
    expect(rows.find((r) => r['类型'] === '法治讲座')!['备注']).toBe(INJECTION.negative);
    for (const s of sheets.values()) expect(s.formulas).toBe(0);
  });

  it('contains no OPENID, cookie id, personKey or staff id, and the paragraph matches the figures', async () => {
    const texts = [...sheets.values()].flatMap((s) => s.cells.map(String)).join('\n');
    const keys = new Set(events.map((e) => e.personKey));
    expect(keys.size).toBeGreaterThan(3);
    for (const secret of [...residentOpenIds, ...keys, STAFF_AUTHOR, VIEWER, env.demoAdminOpenId]) expect(texts).not.toContain(secret);
    const raw = body.toString('latin1');
    for (const secret of [...residentOpenIds, ...keys, STAFF_AUTHOR]) expect(raw).not.toContain(secret);
    const brute = bruteFigures(events, events, offline);
    expect(file.paragraph).toContain(`开展线上普法答题活动2期`);
    expect(file.paragraph).toContain(`参与群众${brute.people}人、${brute.times}人次`);
    expect(file.paragraph).toContain('线下普法活动3场');
    expect(file.paragraph).toContain('发放宣传资料1299份');
    expect(file.paragraph).toContain('悬挂宣传标语4副');
  });

  it('records who exported, without the file in the audit', async () => {
    const logs = (await db.collection('audit_log').where({ action: 'reports.buildExport' }).limit(100).get()).data as { actorOpenId: string; target: string }[];
    expect(logs.some((l) => l.actorOpenId === VIEWER && l.target === `${from}~${to}`)).toBe(true);
  });

  it('the CSV carries the same figures, UTF-8 with a BOM, neutralised too', async () => {
    const { body: csv } = await exportVia(viewer, from, to, 'csv');
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(csv.subarray(3).toString('utf8'));
    const start = rows.findIndex((r) => r[0] === '【总览】');
    const overview = new Map(rows.slice(start + 3, start + 20).map((r) => [r[0], r[1]]));
    const xrows = new Map(sheets.get('总览')!.rows.map((r) => [r['指标'], r['数值']]));
    expect(overview.get('参与人数')).toBe(String(xrows.get('参与人数')));
    expect(overview.get('参与人次')).toBe(String(xrows.get('参与人次')));
    expect(overview.get('合格率')).toBe(`${(Math.round(Number(xrows.get('合格率')) * 1000) / 10).toFixed(1)}%`);
    for (const name of SHEET_NAMES) expect(rows.some((r) => r[0] === `【${name}】`)).toBe(true);
    for (const r of rows) for (const f of r) expect(/^[=+@]/.test(f) || (/^-/.test(f) && !/^-\d+(\.\d+)?%?$/.test(f))).toBe(false);
    expect(rows.some((r) => r.includes(`'${INJECTION.title}`))).toBe(true);
    const text = csv.toString('utf8');
    for (const secret of [...residentOpenIds, ...new Set(events.map((e) => e.personKey)), STAFF_AUTHOR]) expect(text).not.toContain(secret);
  });
});

describe('China-time days', () => {
  it('counts a quiz at 00:30 on 12-04 China time for 12-04, not 12-03', async () => {
    const events = await allEvents();
    expect(events.find((e) => e._id === 'quiz:boundary-0030')!.day).toBe(`${LAST_YEAR}-12-04`);
    const on = async (day: string) => {
      const { body } = await exportVia(viewer, day, day, 'xlsx');
      const s = await readWorkbook(body);
      return new Map(s.get('总览')!.rows.map((r) => [r['指标'], r['数值']]));
    };
    const d4 = await on(`${LAST_YEAR}-12-04`);
    expect(d4.get('答题人次')).toBe(1);
    const d3 = await on(`${LAST_YEAR}-12-03`);
    expect(d3.get('答题人次')).toBe(1);
    const dec = await readWorkbook((await exportVia(viewer, `${LAST_YEAR}-12-01`, `${LAST_YEAR}-12-31`, 'xlsx')).body);
    const months = dec.get('按月份')!.rows;
    expect(months[0]['答题人次']).toBe(2);
    // The range starts after 1 January: people are counted from 1 January, and the sheet says so.
    const overview = dec.get('总览')!.rows;
    expect(overview.find((r) => r['指标'] === '参与人数')!['说明']).toContain('1月1日起累计');
    expect(overview.find((r) => r['指标'] === '区间新增参与人数')!['数值']).toBe(2);
  });

  it('a range ending mid-year counts people only up to its end', async () => {
    const { body } = await exportVia(viewer, `${YEAR}-01-01`, `${YEAR}-03-05`, 'xlsx');
    const s = await readWorkbook(body);
    const rows = new Map(s.get('总览')!.rows.map((r) => [r['指标'], r['数值']]));
    const events = (await allEvents()).filter((e) => e.day >= `${YEAR}-01-01` && e.day <= `${YEAR}-03-05`);
    expect(events.length).toBe(4);
    expect(rows.get('答题人次')).toBe(4);
    expect(rows.get('参与人数')).toBe(new Set(events.map((e) => e.personKey)).size);
    const spring = s.get('按活动')!.rows.find((r) => r['活动名称'] === '春季民法典答题')!;
    expect(spring['参与人数']).toBe(new Set(events.filter((e) => e.campaignId === 'rp-spring').map((e) => e.personKey)).size);
  });
});

describe('dashboard', () => {
  it('shows the year, the live campaign, 30 days, villages and flagged questions', async () => {
    const d = (await viewer.ok('dashboard', {}, 'reports')) as DashboardView;
    const events = (await allEvents()).filter((e) => e.year === YEAR);
    expect(d.year).toBe(YEAR);
    expect(d.yearTotals.quiz).toBe(events.filter((e) => e.kind === 'quiz_attempt').length);
    expect(d.yearTotals.people).toBe(new Set(events.map((e) => e.personKey)).size);
    expect(d.campaigns.every((c) => c.state === 'live')).toBe(true);
    expect(d.campaigns.find((c) => c.id === 'rp-live')!.quiz).toBe(3);
    expect(d.days).toHaveLength(30);
    expect(d.days[29].day).toBe(d.today);
    expect(d.days[29].quiz).toBe(3);
    expect(d.villages.length).toBeGreaterThanOrEqual(villages.length);
    expect(d.flagged.map((q) => q.flags).flat()).toEqual(expect.arrayContaining(['too_easy', 'negative_discrimination']));
    expect(d.paragraph).toMatch(/^\d{4}年1月1日至\d+月\d+日，/);
    expect(JSON.stringify(d)).not.toContain(events[0].personKey);
  });
});

describe('neutralise', () => {
  it('prefixes = + - @ (and full-width forms), leaves other text alone', () => {
    for (const s of ['=1+1', '+1', '-1', '@A1', '＝1']) expect(neutralise(s)).toBe(`'${s}`);
    expect(neutralise('\t=1')).toBe(`'=1`); // control characters go first
    for (const s of ['院坝会', '1-2', 'a=b', '']) expect(neutralise(s)).toBe(s);
  });
  it('exceljs keeps a neutralised cell as text, never a formula', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').getCell('A1').value = neutralise('=1+1');
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    expect(back.getWorksheet('x')!.getCell('A1').type).toBe(ExcelJS.ValueType.String);
  });
});
