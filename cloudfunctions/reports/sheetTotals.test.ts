/**
 * Every sheet of the workbook, and the CSV, adds up to 总览 and to the figures of the draft paragraph (issue #13),
 * over a generated dataset: several campaigns (live, ended, archived) and 日常学习, several villages and none, quiz
 * attempts with their question statistics, reads, shares, 每日一练 and 错题复习, offline events held, archived
 * after being held, in the future, and one scanned on another day than its own (through the real check-in
 * function). Three ranges: the whole period, one ending on the day of the event scanned later, one reaching into
 * the future. 总览 is also held against the generator's own log, so the sums cannot agree by being empty; and
 * the checker is shown to catch a sheet that drops a row, an offline row lost, and a paragraph with a wrong figure.
 */
import { startLocalEnvironment, type LocalEnvironment } from '../../appserver/localEnvironment';
import { adminApp } from '../../scripts/shared/adminApp';
import { HttpResident, testId } from '../../scripts/testing/residentClient';
import { sheetTotalProblems, sheetsOfCsv, sheetsOfXlsx, type ExportSheets } from '../../scripts/testing/sheetTotals';
import { recordParticipation } from '../shared/participation/record';
import { NO_CAMPAIGN } from '../shared/participation/keys';
import { personKey } from '../shared/identity';
import { computeReport } from '../shared/reporting/figures';
import { buildCsv, buildXlsx } from '../shared/reporting/workbook';
import { addDays, chinaDay, chinaDayStart } from '../contracts/time';
import type { Db } from '../shared/handler';
import type { ParticipationKind, ReportView } from '../contracts/reports';
import type { OfflineEventDoc } from '../shared/documents';

let env: LocalEnvironment;
let db: Db;
const now = new Date();
const today = chinaDay(now);
const d = (k: number) => addDays(today, k);
/** Noon China time on day `k` from today. */
const noon = (k: number) => new Date(chinaDayStart(d(k)).getTime() + 12 * 3600 * 1000);

interface Logged {
  kind: ParticipationKind;
  campaignId: string | null;
  villageId: string | null;
  laws: string[];
  day: string;
  score?: number;
  passed?: boolean;
}
const log: Logged[] = [];
let answeredItems = 0;
let villages: string[] = [];
const offline: OfflineEventDoc[] = [];

// a small deterministic generator
let seed = 20261206;
const rand = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const pick = <T,>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;

const LAWS = [['xianfa'], ['minfadian-3-hetong', 'minfadian-2-wuquan'], ['minfadian-3-hetong'], ['fanzhapian'], ['xianfa', 'fanzhapian']];

async function record(i: number, kind: ParticipationKind, campaignId: string | null, villageId: string | null, dayOffset: number, questionIds: string[]) {
  const person = `gen-person-${Math.floor(rand() * 40)}`;
  const laws = kind === 'share' ? [] : pick(LAWS);
  const at = new Date(noon(dayOffset).getTime() + Math.floor(rand() * 6) * 3600 * 1000);
  const quiz = kind === 'quiz_attempt';
  const score = quiz ? pick([0, 20, 40, 60, 80, 100]) : undefined;
  const items = quiz ? questionIds.slice(0, 3).map((questionId, k) => ({ questionId, points: (i + k) % 3 === 0 ? 0 : 1 })) : [];
  await recordParticipation(db, { eventId: `${kind}:gen-${i}`, kind, personKey: personKey(person), campaignId, villageId, laws, at, ...(quiz ? { score, passed: score! >= 60, durationMs: 30_000 } : {}) }, quiz ? { questionStats: { score: score!, items } } : {});
  answeredItems += items.length;
  log.push({ kind, campaignId, villageId, laws, day: chinaDay(at), score, passed: quiz ? score! >= 60 : undefined });
}

function offlineDoc(id: string, over: Partial<OfflineEventDoc>): OfflineEventDoc {
  const at = new Date().toISOString();
  return { _id: id, code: id.replace(/[^a-z0-9]/g, ''), type: '院坝会', title: id, date: d(-10), villageId: villages[0]!, place: '院坝', themeLaws: ['xianfa'], campaignId: null, lessonId: null, attendees: 0, leaflets: 0, banners: 0, notes: '', checkIns: 0, createdBy: 'test', createdAt: at, updatedAt: at, archived: false, ...over } as OfflineEventDoc;
}

/** A check-in recorded as the check-in function records it (counted on the event's date, counter increased). */
async function checkInAs(event: OfflineEventDoc, who: string) {
  const key = personKey(who);
  await db.collection('offline_events').doc(event._id).update({ checkIns: db.command.inc(1) });
  event.checkIns += 1;
  const at = new Date(chinaDayStart(event.date).getTime() + 12 * 3600 * 1000);
  await recordParticipation(db, { eventId: `checkin:${event._id}:${key}`, kind: 'checkin', personKey: key, campaignId: event.campaignId, villageId: event.villageId, laws: event.themeLaws, at, offlineEventId: event._id });
  log.push({ kind: 'checkin', campaignId: event.campaignId, villageId: event.villageId, laws: event.themeLaws, day: event.date });
}

beforeAll(async () => {
  env = await startLocalEnvironment({ port: 0, dbFile: ':memory:' });
  db = adminApp('local', env.localCloudUrl).database() as unknown as Db;
  villages = ((await db.collection('settings').doc('town').get()).data[0] as { villages: { id: string }[] }).villages.map((v) => v.id);
  const questionIds = ((await db.collection('questions').limit(6).get()).data as { _id: string }[]).map((q) => q._id);
  const base = { bannerText: '横幅', summary: '测试', themeLaws: ['xianfa'], lessonIds: [], pinned: false, source: 'staff', version: 1, updatedAt: now.toISOString(), quiz: { questionsPerQuiz: 5, passMark: 60, attemptsPerDay: 3, pool: { laws: ['xianfa'], tags: [] } } };
  await db.collection('campaigns').add([
    { _id: 'gen-ended', title: '已结束的活动', start: noon(-70).toISOString(), end: noon(-40).toISOString(), status: 'published', ...base },
    { _id: 'gen-archived', title: '已归档的活动', start: noon(-60).toISOString(), end: noon(-30).toISOString(), status: 'archived', ...base },
    { _id: 'gen-live', title: '进行中的活动', start: noon(-25).toISOString(), end: noon(20).toISOString(), status: 'published', ...base },
  ]);

  // Online participation, spread over the last 70 days.
  const kinds: ParticipationKind[] = ['quiz_attempt', 'quiz_attempt', 'lesson_read', 'lesson_read', 'share', 'practice', 'review'];
  for (let i = 0; i < 140; i++) {
    const offset = -Math.floor(rand() * 70);
    const kind = pick(kinds);
    const live = ['gen-ended', 'gen-archived', 'gen-live'].filter((c) => (c === 'gen-ended' ? offset >= -70 && offset <= -40 : c === 'gen-archived' ? offset >= -60 && offset <= -30 : offset >= -25));
    const campaignId = kind === 'practice' || kind === 'review' || !live.length || rand() < 0.3 ? null : pick(live);
    await record(i, kind, campaignId, rand() < 0.15 ? null : pick(villages.slice(0, 4)), offset, questionIds);
  }

  // Offline events: held, held then archived, in the future, and one scanned (really) on a later day.
  const held = offlineDoc('oe-gen-held', { type: '院坝会', date: d(-12), villageId: villages[1], campaignId: 'gen-live', attendees: 30, leaflets: 150, banners: 4, themeLaws: ['xianfa', 'minfadian-3-hetong'] });
  const archived = offlineDoc('oe-gen-archived', { type: '法治讲座', date: d(-35), villageId: villages[2], campaignId: 'gen-archived', attendees: 12, leaflets: 40, banners: 2, themeLaws: ['fanzhapian'], archived: true });
  const future = offlineDoc('oe-gen-future', { type: '宣传摊位', date: d(5), villageId: villages[0], attendees: 50, leaflets: 500, banners: 9 });
  const later = offlineDoc('oe-gen-later', { type: '院坝会', date: d(-2), villageId: villages[3], attendees: 8, leaflets: 25, banners: 1, themeLaws: ['minfadian-2-wuquan'] });
  const unlinked = offlineDoc('oe-gen-plain', { type: '入户走访', date: d(-50), villageId: villages[0], attendees: 6, leaflets: 10, banners: 0 });
  offline.push(held, archived, future, later, unlinked);
  await db.collection('offline_events').add(offline.map((e) => ({ ...e })));
  for (let i = 0; i < 5; i++) await checkInAs(held, `held-${i}`);
  for (let i = 0; i < 3; i++) await checkInAs(archived, `archived-${i}`);
  // scanned today (two days after the event), through the resident function: counts on the event's date
  for (let i = 0; i < 4; i++) {
    const r = new HttpResident(env.url);
    await r.ok('setVillage', { villageId: villages[3] });
    await r.ok('checkIn', { eventCode: later.code, checkInId: testId('ci') });
    later.checkIns += 1;
    log.push({ kind: 'checkin', campaignId: null, villageId: later.villageId, laws: later.themeLaws, day: later.date });
  }
}, 120_000);

afterAll(async () => {
  await env?.close();
});

/** 总览's additive figures for [from, to] from the generator's log (never from the database). */
function expectedOverview(from: string, to: string) {
  const inRange = log.filter((e) => e.day >= from && e.day <= to);
  const count = (k: ParticipationKind) => inRange.filter((e) => e.kind === k).length;
  const heldOffline = offline.filter((e) => e.date >= from && e.date <= to && e.date <= today);
  const unscanned = heldOffline.reduce((s, e) => s + e.attendees, 0);
  return {
    参与人次: inRange.length + unscanned,
    答题人次: count('quiz_attempt'),
    阅读人次: count('lesson_read'),
    分享人次: count('share'),
    每日一练人次: count('practice'),
    错题复习人次: count('review'),
    其中扫码签到人次: count('checkin'),
    线下活动场次: heldOffline.length,
    其中未扫码到场人数: unscanned,
    宣传单: heldOffline.reduce((s, e) => s + e.leaflets, 0),
    标语: heldOffline.reduce((s, e) => s + e.banners, 0),
  };
}

const overviewOf = (s: ExportSheets) => Object.fromEntries(s.sheets.get('总览')!.rows.map((r) => [String(r['指标']), Number(r['数值'])]));

const RANGES: [string, () => [string, string]][] = [
  ['the whole period', () => [d(-75), today]],
  ['a range ending on the day of the event scanned two days later', () => [d(-75), d(-2)]],
  ['a range reaching past today (the future event is not held yet)', () => [d(-40), d(10)]],
];

describe.each(RANGES)('%s', (_label, range) => {
  let report: ReportView;
  let xlsx: ExportSheets;
  let csv: ExportSheets;
  beforeAll(async () => {
    const [from, to] = range();
    report = await computeReport(db, from, to, new Date(Date.now() + 1000));
    xlsx = await sheetsOfXlsx(await buildXlsx(report));
    csv = sheetsOfCsv(buildCsv(report));
  }, 60_000);

  it('总览 has the generator\'s figures, and none of them is empty', () => {
    const [from, to] = range();
    const expected = expectedOverview(from, to);
    for (const s of [xlsx, csv]) {
      const got = overviewOf(s);
      expect(Object.fromEntries(Object.keys(expected).map((k) => [k, got[k]]))).toEqual(expected);
    }
    for (const v of Object.values(expected)) expect(v).toBeGreaterThan(0);
    expect(report.campaigns.filter((c) => c.times > 0).length).toBeGreaterThanOrEqual(3);
    expect(report.campaigns.some((c) => c.id === NO_CAMPAIGN && c.times > 0)).toBe(true);
    expect(report.villages.filter((v) => v.times > 0).length).toBeGreaterThanOrEqual(3);
  });

  it('every sheet of the xlsx adds up to 总览 and to the paragraph', () => {
    expect(xlsx.paragraph).toBe(report.paragraph);
    expect(sheetTotalProblems(xlsx)).toEqual([]);
  });

  it('every section of the CSV adds up to 总览 and to the paragraph', () => {
    expect(csv.paragraph).toBe(report.paragraph);
    expect(sheetTotalProblems(csv)).toEqual([]);
  });

  it('题目分析 counts every answered question once, in any range (cumulative)', () => {
    const answered = xlsx.sheets.get('题目分析')!.rows.reduce((s, r) => s + Number(r['作答次数']), 0);
    expect(answered).toBe(answeredItems);
  });

  it('按法律 counts each law once per participation that touched it', () => {
    const [from, to] = range();
    const rows = new Map(xlsx.sheets.get('按法律')!.rows.map((r) => [String(r['法律']).trim(), r]));
    const inRange = log.filter((e) => e.day >= from && e.day <= to);
    const xianfa = rows.get('宪法')!;
    expect(Number(xianfa['答题人次'])).toBe(inRange.filter((e) => e.kind === 'quiz_attempt' && e.laws.includes('xianfa')).length);
    expect(Number(xianfa['线下活动场次'])).toBe(offline.filter((e) => e.date >= from && e.date <= to && e.date <= today && e.themeLaws.includes('xianfa')).length);
    // 民法典: a participation touching two of its books counts once there
    const civil = rows.get('民法典')!;
    expect(Number(civil['答题人次'])).toBe(inRange.filter((e) => e.kind === 'quiz_attempt' && e.laws.some((l) => l.startsWith('minfadian-'))).length);
  });
});

describe('the checker itself', () => {
  let report: ReportView;
  beforeAll(async () => {
    report = await computeReport(db, d(-75), today, new Date(Date.now() + 1000));
  }, 60_000);

  it('finds a sheet that drops a row', async () => {
    const dropped = { ...report, villages: report.villages.filter((v) => v.times === 0 || v !== report.villages.find((x) => x.times > 0)) };
    const problems = sheetTotalProblems(await sheetsOfXlsx(await buildXlsx(dropped)));
    expect(problems.some((p) => p.startsWith('按村社区: the rows of 参与人次 add up to'))).toBe(true);
    expect(sheetTotalProblems(sheetsOfCsv(buildCsv(dropped))).some((p) => p.startsWith('按村社区:'))).toBe(true);
    const noMonth = { ...report, months: report.months.slice(1) };
    expect(sheetTotalProblems(await sheetsOfXlsx(await buildXlsx(noMonth))).some((p) => p.startsWith('按月份:'))).toBe(true);
  });

  it('finds an offline event missing from the detail sheet, and a wrong count in a row', async () => {
    const lost = { ...report, offline: report.offline.slice(1) };
    expect(sheetTotalProblems(await sheetsOfXlsx(await buildXlsx(lost)))).toEqual(expect.arrayContaining([expect.stringMatching(/^线下活动明细: rows add up to/)]));
    const miscounted = { ...report, campaigns: report.campaigns.map((c, i) => (i === 0 ? { ...c, read: c.read + 1 } : c)) };
    const problems = sheetTotalProblems(sheetsOfCsv(buildCsv(miscounted)));
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^按活动: the rows of 阅读人次 add up to/), expect.stringMatching(/^按活动 .*: 参与人次 \d+ is not the sum of its kinds/)]));
  });

  it('finds a 村村比拼 block that drops a village, for the range and for a campaign', async () => {
    const busiest = report.villageBoard.rows.find((v) => v.times > 0)!;
    const dropped = { ...report, villageBoard: { ...report.villageBoard, rows: report.villageBoard.rows.filter((v) => v !== busiest) } };
    expect(sheetTotalProblems(await sheetsOfXlsx(await buildXlsx(dropped)))).toEqual(expect.arrayContaining([expect.stringMatching(/^村村比拼 本区间全部: the rows of 参与人次 add up to/)]));
    const board = report.campaignVillageBoards.find((b) => b.board.rows.some((v) => v.quiz > 0))!;
    const lost = { ...report, campaignVillageBoards: report.campaignVillageBoards.map((b) => (b === board ? { ...b, board: { ...b.board, rows: b.board.rows.filter((v) => v.quiz === 0) } } : b)) };
    const quiz = report.campaigns.find((c) => c.id === board.campaignId)!.quiz;
    expect(sheetTotalProblems(sheetsOfCsv(buildCsv(lost))).filter((p) => p.startsWith(`村村比拼 ${board.title}: the rows of 答题人次 add up to`) && p.endsWith(`小计 says ${quiz}`))).toHaveLength(1);
  });

  it('finds a paragraph whose figures are not 总览\'s', async () => {
    const t = report.totals;
    const wrong = { ...report, paragraph: report.paragraph.replace(`在线答题${t.quiz}人次`, `在线答题${t.quiz + 1}人次`) };
    expect(wrong.paragraph).not.toBe(report.paragraph);
    expect(sheetTotalProblems(await sheetsOfXlsx(await buildXlsx(wrong)))).toEqual([`the paragraph says 答题人次 ${t.quiz + 1}, 总览 says ${t.quiz}`]);
    const noOffline = { ...report, paragraph: report.paragraph.replace(/开展线下普法活动[^。]*。/, '') };
    expect(sheetTotalProblems(sheetsOfCsv(buildCsv(noOffline)))).toEqual(expect.arrayContaining([expect.stringMatching(/^the paragraph does not state 线下活动场次/)]));
  });
});
