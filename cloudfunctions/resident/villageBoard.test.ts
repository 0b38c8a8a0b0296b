/**
 * 村村比拼 end to end (real SDK → local cloud through the local app server): the resident's leaderboards (the
 * year, a live and an ended campaign), the dashboard's and the workbook's 村村比拼 sheet, every figure against a
 * recount straight from the stored events and offline events, with populations set and without; no OPENID,
 * pseudonym or name in any answer; the new campaign × village people scope recounted by stats:verify.
 */
import { startLocalEnvironment, type LocalEnvironment } from '../../appserver/localEnvironment';
import { adminApp } from '../../scripts/shared/adminApp';
import { HttpResident, testId } from '../../scripts/testing/residentClient';
import { signedIn } from '../../scripts/testing/staffClient';
import { allEventsOf, readWorkbook } from '../../scripts/testing/reportWorkbook';
import { verifyStats } from '../../scripts/stats/verifyStats';
import { displayedAnswer } from '../shared/quiz/quizEngine';
import { personKey } from '../shared/identity';
import { recordParticipation } from '../shared/participation/record';
import { NO_VILLAGE, peopleScope, rollupKey } from '../shared/participation/keys';
import type { ParticipationInput } from '../shared/participation/events';
import { VILLAGE_BOARD_NOTES } from '../shared/reporting/villageBoard';
import { averageOf, rateOf } from '../contracts/numbers';
import type { Db } from '../shared/handler';
import type { AttemptDoc } from '../shared/documents';
import type { DashboardView, ExportFile, VillageBoard, VillageBoardRow } from '../contracts/reports';
import type { VillageBoardView } from '../contracts/resident';

let env: LocalEnvironment;
let db: ReturnType<ReturnType<typeof adminApp>['database']>;
let viewer: HttpResident;
let resident: HttpResident;
let residentOpenId = '';
const hour = 3600 * 1000;
const NOW = Date.now();
const today = new Date(NOW + 8 * hour).toISOString().slice(0, 10);
const YEAR = today.slice(0, 4);
const at = (hoursAgo: number) => new Date(NOW - hoursAgo * hour);
/** The content's villages (v01…v08) as staff name them in 镇情设置: four with a population, the rest without. */
const NAMED: Record<string, { name: string; population: number | null }> = { v01: { name: '一村', population: 800 }, v02: { name: '二村', population: 500 }, v03: { name: '三社区', population: null }, v04: { name: '四村', population: 300 } };
let POPULATED: { id: string; name: string; population: number | null }[] = [];

interface Ev {
  personKey: string;
  kind: string;
  campaignId: string;
  villageId: string;
  year: string;
  score?: number;
}
interface Off {
  villageId: string;
  campaignId: string | null;
  attendees: number;
  date: string;
}

async function townSettings(villages: { id: string; name: string; population: number | null }[]) {
  await db.collection('town_settings').doc('town').set({ villages, station: { address: '', phones: [], hours: '' }, advisers: [] });
}

const record = (over: Partial<ParticipationInput> & Pick<ParticipationInput, 'eventId' | 'personKey' | 'villageId'>) =>
  recordParticipation(db as unknown as Db, { kind: 'quiz_attempt', campaignId: 'vb-live', laws: ['xianfa'], at: at(2), score: 80, passed: true, durationMs: 1000, ...over });

const allEvents = () => allEventsOf<Ev>(db);

/** The leaderboard's figures per village, recounted from the raw events and offline events (independent code). */
function recount(events: Ev[], offline: Off[], populations: Map<string, number | null>) {
  const out = new Map<string, { people: number; times: number; quiz: number; avgScore: number | null; population: number | null; rate: number | null; timesPer100: number | null }>();
  const ids = new Set([...populations.keys(), ...events.map((e) => e.villageId), ...offline.map((o) => o.villageId || NO_VILLAGE)]);
  for (const id of ids) {
    const mine = events.filter((e) => e.villageId === id);
    const quiz = mine.filter((e) => e.kind === 'quiz_attempt');
    const times = mine.length + offline.filter((o) => (o.villageId || NO_VILLAGE) === id).reduce((s, o) => s + o.attendees, 0);
    const people = new Set(mine.map((e) => e.personKey)).size;
    const population = populations.get(id) ?? null;
    out.set(id, {
      people,
      times,
      quiz: quiz.length,
      avgScore: quiz.length ? Math.round((quiz.reduce((s, e) => s + (e.score ?? 0), 0) / quiz.length) * 10 + 1e-9) / 10 : null,
      population,
      rate: population ? Math.round((people / population) * 1000 + 1e-9) / 1000 : null,
      timesPer100: population ? Math.round(((times * 100) / population) * 10 + 1e-9) / 10 : null,
    });
  }
  return out;
}

const figuresOf = (rows: VillageBoardRow[]) => new Map(rows.map((r) => [r.villageId, { people: r.people, times: r.times, quiz: r.quiz, avgScore: r.avgScore, population: r.population, rate: r.rate, timesPer100: r.timesPer100 }]));

function expectBoardMatches(board: VillageBoard, events: Ev[], offline: Off[], populations: Map<string, number | null>) {
  const expected = recount(events, offline, populations);
  const shown = figuresOf([...board.rows, ...board.others]);
  // Every village with figures is shown, and each figure is the recount's.
  for (const [id, e] of expected) if (populations.has(id) || e.times > 0) expect({ id, ...shown.get(id) }).toEqual({ id, ...e });
  expect(board.rows.map((r) => r.villageId).sort()).toEqual([...populations.keys()].sort());
}

async function offlineEvents(): Promise<Off[]> {
  return ((await db.collection('offline_events').limit(1000).get()).data as Off[]).filter((o) => o.date <= today);
}

beforeAll(async () => {
  env = await startLocalEnvironment({ port: 0, dbFile: ':memory:', allowDevSignIn: true });
  db = adminApp('local', env.localCloudUrl).database();
  const content = (await db.collection('settings').doc('town').get()).data[0] as { villages: { id: string; name: string }[] };
  POPULATED = content.villages.map((v) => ({ id: v.id, name: NAMED[v.id]?.name ?? v.name, population: NAMED[v.id]?.population ?? null }));
  expect(POPULATED.length).toBeGreaterThanOrEqual(4);
  await townSettings(POPULATED);
  await db.collection('staff').add({ _id: 'st_vb_viewer', openId: 'vb_viewer_01', role: 'viewer', name: '查看员', createdAt: new Date(), createdBy: 'test' });
  viewer = await signedIn(env, 'vb_viewer_01');
  const base = { bannerText: '横幅', summary: '测试', themeLaws: ['xianfa'], lessonIds: [], pinned: false, source: 'staff', version: 1, updatedAt: new Date().toISOString(), quiz: { questionsPerQuiz: 5, passMark: 60, attemptsPerDay: 3, pool: { laws: ['xianfa'], tags: [] } } };
  await db.collection('campaigns').add({ _id: 'vb-live', title: '村村比拼测试活动', start: at(10).toISOString(), end: new Date(NOW + 48 * hour).toISOString(), status: 'published', ...base });
  await db.collection('campaigns').add({ _id: 'vb-past', title: '已结束的比拼活动', start: at(20).toISOString(), end: at(12).toISOString(), status: 'published', ...base });

  // A real resident over HTTP in 二村 answers the live campaign's quiz perfectly.
  resident = new HttpResident(env.url);
  await resident.ok('setVillage', { villageId: 'v02' });
  residentOpenId = resident.cookie.split('=')[1].split('.')[0];
  const attemptId = testId();
  await resident.ok('startQuiz', { campaignId: 'vb-live', attemptId });
  const attempt = (await db.collection('attempts').doc(attemptId).get()).data[0] as AttemptDoc;
  await resident.ok('submitAttempt', { attemptId, answers: attempt.drawn.map((d) => ({ questionId: d.questionId, answer: displayedAnswer(d.snapshot, d) })) });

  // Recorded as the functions record them: retries, a resident who moved village, no village, a village no longer listed.
  const pk = (s: string) => personKey(`vb_${s}`);
  for (let i = 0; i < 6; i++) await record({ eventId: `quiz:vb-a${i}`, personKey: pk(`a${i % 4}`), villageId: 'v01', score: 50 + i * 7, passed: i > 1 });
  await record({ eventId: 'quiz:vb-a0', personKey: pk('a0'), villageId: 'v01', score: 99 }); // a retry: counted once
  await record({ eventId: 'read:vb-a1', kind: 'lesson_read', personKey: pk('a1'), villageId: 'v01', score: undefined, passed: undefined });
  await record({ eventId: 'quiz:vb-moved', personKey: pk('a3'), villageId: 'v02', score: 70 });
  await record({ eventId: 'quiz:vb-b1', personKey: pk('b1'), villageId: 'v02', score: 65 });
  await record({ eventId: 'quiz:vb-c1', personKey: pk('c1'), villageId: 'v03', score: 40, passed: false });
  await record({ eventId: 'quiz:vb-c2', personKey: pk('c2'), villageId: 'v03', score: 90 });
  await record({ eventId: 'share:vb-u1', kind: 'share', personKey: pk('u1'), villageId: null, campaignId: null, score: undefined, passed: undefined });
  await record({ eventId: 'quiz:vb-gone', personKey: pk('z1'), villageId: 'vb-gone', score: 60 });
  await record({ eventId: 'quiz:vb-past1', personKey: pk('a0'), villageId: 'v01', campaignId: 'vb-past', at: at(15), score: 100 });
  await record({ eventId: 'quiz:vb-past2', personKey: pk('b1'), villageId: 'v02', campaignId: 'vb-past', at: at(14), score: 30, passed: false });
  await record({ eventId: 'quiz:vb-past3', personKey: pk('b2'), villageId: 'v02', campaignId: 'vb-past', at: at(14), score: 60 });

  // Offline: one linked to the live campaign in 四村 (held today), one in 一村 not linked, one in the future (not held).
  const now = new Date().toISOString();
  const off = (id: string, over: Record<string, unknown>) => ({ _id: id, code: id.slice(-8), type: '院坝会', title: '院坝会', date: today, place: '院坝', themeLaws: ['xianfa'], lessonId: null, leaflets: 0, banners: 0, notes: '', checkIns: 0, createdBy: 'vb_staff', createdAt: now, updatedAt: now, archived: false, ...over });
  await db.collection('offline_events').add(off('oe-vb-live', { villageId: 'v04', campaignId: 'vb-live', attendees: 7 }));
  await db.collection('offline_events').add(off('oe-vb-free', { villageId: 'v01', campaignId: null, attendees: 4 }));
  await db.collection('offline_events').add(off('oe-vb-next', { villageId: 'v01', campaignId: 'vb-live', attendees: 50, date: new Date(NOW + 8 * hour + 5 * 24 * hour).toISOString().slice(0, 10) }));
}, 60000);

afterAll(async () => {
  await env?.close();
});

const populationsOf = (list: typeof POPULATED) => new Map(list.map((v) => [v.id, v.population]));

describe('村村比拼 with populations', () => {
  it("the resident's year board: every figure recounted from the events, ranked per head, their village marked", async () => {
    const view = (await resident.ok('getVillageBoard', {})) as VillageBoardView;
    const events = (await allEvents()).filter((e) => e.year === YEAR);
    expect(view.myVillageId).toBe('v02');
    expect(view.campaignId).toBeNull();
    expect(view.choices[0]).toEqual({ campaignId: null, label: `${YEAR} 年全年` });
    expect(view.choices.map((c) => c.campaignId)).toEqual(expect.arrayContaining(['vb-live']));
    expectBoardMatches(view.board, events, await offlineEvents(), populationsOf(POPULATED));
    // 三社区 has no population: counts only, after the ranked villages.
    expect(view.board.ranked).toBe(3);
    expect(view.board.rows.slice(0, 4).map((r) => r.rank)).toEqual([1, 2, 3, null]);
    expect(view.board.rows[3].villageId).toBe('v03'); // counts only, before the villages with nothing
    expect(view.board.others.map((r) => r.villageId).sort()).toEqual([NO_VILLAGE, 'vb-gone'].sort());
    // Residents are not shown who is "behind".
    expect(view.board.rows.some((r) => r.behind)).toBe(false);
    expect(view.board.notes).toContain(VILLAGE_BOARD_NOTES.noPopulation);
  });

  it("a campaign's board counts its events and linked offline events only, people per campaign and village", async () => {
    const events = await allEvents();
    const offline = await offlineEvents();
    for (const id of ['vb-live', 'vb-past']) {
      const view = (await resident.ok('getVillageBoard', { campaignId: id })) as VillageBoardView;
      expect(view.campaignId).toBe(id);
      expectBoardMatches(
        view.board,
        events.filter((e) => e.campaignId === id),
        offline.filter((o) => o.campaignId === id),
        populationsOf(POPULATED),
      );
    }
    // The resident who moved counts in both villages of the live campaign; 四村 has only offline attendees.
    const live = (await resident.ok('getVillageBoard', { campaignId: 'vb-live' })) as VillageBoardView;
    const row = (id: string) => live.board.rows.find((r) => r.villageId === id)!;
    expect(row('v04')).toMatchObject({ people: 0, times: 7, rate: 0 });
    expect(row('v01').people).toBe(4);
    expect(row('v02').people).toBe(3);
    const nope = await resident.call('getVillageBoard', { campaignId: 'no-such-campaign' });
    expect(nope).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('the dashboard shows the same year board with the villages furthest behind marked', async () => {
    const mine = (await resident.ok('getVillageBoard', {})) as VillageBoardView;
    const d = (await viewer.ok('dashboard', {}, 'reports')) as DashboardView;
    const strip = (rows: VillageBoardRow[]) => rows.map(({ behind: _behind, ...r }) => r);
    expect(strip(d.villageBoard.rows)).toEqual(strip(mine.board.rows));
    expect(strip(d.villageBoard.others)).toEqual(strip(mine.board.others));
    const behind = d.villageBoard.rows.filter((r) => r.behind);
    expect(behind.map((r) => r.villageId)).toEqual([d.villageBoard.rows[2].villageId]);
    expect(d.villageBoard.notes).toContain(VILLAGE_BOARD_NOTES.behind);
  });

  it('the workbook has a 村村比拼 sheet: the range block adds up to 总览, each campaign block to its 按活动 row', async () => {
    const file = (await viewer.ok('buildExport', { from: `${YEAR}-01-01`, to: `${YEAR}-12-31`, format: 'xlsx' }, 'reports')) as ExportFile;
    const sheets = await readWorkbook(Buffer.from(await (await fetch(file.url)).arrayBuffer()));
    const sheet = sheets.get('村村比拼')!;
    expect(sheet.headers).toEqual(['范围', '排名', '村（社区）', '常住人口', '参与人数', '参与率', '参与人次', '每百人参与人次', '答题人次', '平均分', '说明']);
    expect(sheet.numFmts['参与率']).toBe('0.0%');
    const overview = new Map(sheets.get('总览')!.rows.map((r) => [r['指标'], r['数值']]));
    const events = (await allEvents()).filter((e) => e.year === YEAR);
    const offline = await offlineEvents();
    const all = sheet.rows.filter((r) => r['范围'] === '本区间全部');
    const total = all[all.length - 1];
    expect(total['村（社区）']).toBe('合计');
    expect(total['参与人次']).toBe(overview.get('参与人次'));
    expect(total['参与人数']).toBe(overview.get('参与人数'));
    expect(total['答题人次']).toBe(overview.get('答题人次'));
    expect(all.slice(0, -1).reduce((s, r) => s + Number(r['参与人次']), 0)).toBe(total['参与人次']);
    expect(all.slice(0, -1).reduce((s, r) => s + Number(r['答题人次']), 0)).toBe(total['答题人次']);
    const expected = recount(events, offline, populationsOf(POPULATED));
    for (const v of POPULATED) {
      const r = all.find((x) => x['村（社区）'] === v.name)!;
      const e = expected.get(v.id)!;
      expect([r['参与人数'], r['参与人次'], r['参与率'], r['每百人参与人次'], r['平均分'], r['常住人口']]).toEqual([e.people, e.times, e.rate, e.timesPer100, e.avgScore, e.population]);
    }
    expect(all.find((r) => r['村（社区）'] === '三社区')!['说明']).toBe('未填写常住人口，不参与排名');
    expect(all.filter((r) => r['说明'] === '落后')).toHaveLength(1);
    const byCampaign = sheets.get('按活动')!.rows;
    for (const title of ['村村比拼测试活动', '已结束的比拼活动']) {
      const block = sheet.rows.filter((r) => r['范围'] === title);
      const sub = block[block.length - 1];
      const c = byCampaign.find((r) => r['活动名称'] === title)!;
      expect([sub['村（社区）'], sub['参与人次'], sub['参与人数'], sub['答题人次'], sub['平均分']]).toEqual(['小计', c['参与人次'], c['参与人数'], c['答题人次'], c['平均分']]);
      expect(block.slice(0, -1).reduce((s, r) => s + Number(r['参与人次']), 0)).toBe(sub['参与人次']);
    }
  });

  it('no OPENID, pseudonym or name in any leaderboard answer (serialised JSON)', async () => {
    const events = await allEvents();
    const keys = [...new Set(events.map((e) => e.personKey))];
    expect(keys.length).toBeGreaterThan(5);
    const answers = [
      await resident.ok('getVillageBoard', {}),
      await resident.ok('getVillageBoard', { campaignId: 'vb-live' }),
      await resident.ok('getVillageBoard', { campaignId: 'vb-past' }),
      (await viewer.ok('dashboard', {}, 'reports')).villageBoard,
    ].map((a) => JSON.stringify(a));
    // Every "name" in an answer is a village's.
    const villageNames = new Set([...POPULATED.map((v) => v.name), '未选择村（社区）', 'vb-gone（不在现有村社区名单中）']);
    const names: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if (k === 'name') names.push(String(x));
          else walk(x);
        }
      }
    };
    for (const json of answers) {
      for (const secret of [residentOpenId, personKey(residentOpenId), ...keys, 'vb_viewer_01', 'vb_staff', env.demoAdminOpenId]) expect(json).not.toContain(secret);
      expect(json).not.toMatch(/openId|personKey|pseudonym/i);
      walk(JSON.parse(json));
    }
    expect(names.length).toBeGreaterThan(20);
    expect(names.filter((n) => !villageNames.has(n))).toEqual([]);
    // The check can fail: an answer with a pseudonym in it is caught.
    expect(JSON.stringify({ ...JSON.parse(answers[0]), leak: keys[0] })).toContain(keys[0]);
  });

  it('stats:verify recounts the campaign × village people from the events; a missing counter is found and rebuilt', async () => {
    const scope = peopleScope.campaignVillage('vb-live', 'v01');
    expect(((await db.collection('rollups').doc(rollupKey.people(scope)).get()).data[0] as { count: number }).count).toBe(4);
    expect((await verifyStats(db as unknown as Db)).ok).toBe(true);
    await db.collection('rollups').doc(rollupKey.people(scope)).remove();
    const broken = await verifyStats(db as unknown as Db);
    expect(broken.ok).toBe(false);
    expect(broken.rollupDiffs.map((d) => d.id)).toContain(rollupKey.people(scope));
    await verifyStats(db as unknown as Db, { rebuild: true });
    expect((await verifyStats(db as unknown as Db)).ok).toBe(true);
  });
});

describe('村村比拼 without populations', () => {
  it('shows counts, ranks nobody and says so; figures unchanged', async () => {
    const withPopulations = (await resident.ok('getVillageBoard', {})) as VillageBoardView;
    const none = POPULATED.map((v) => ({ ...v, population: null }));
    await townSettings(none);
    const view = (await resident.ok('getVillageBoard', {})) as VillageBoardView;
    expectBoardMatches(view.board, (await allEvents()).filter((e) => e.year === YEAR), await offlineEvents(), populationsOf(none));
    expect(view.board.ranked).toBe(0);
    expect(view.board.rows.every((r) => r.rank === null && r.rate === null && r.timesPer100 === null)).toBe(true);
    expect(view.board.notes[0]).toBe(VILLAGE_BOARD_NOTES.nonePopulated);
    const counts = (b: VillageBoard) => new Map(b.rows.map((r) => [r.villageId, [r.people, r.times, r.quiz, r.avgScore]]));
    expect(counts(view.board)).toEqual(counts(withPopulations.board));
    const d = (await viewer.ok('dashboard', {}, 'reports')) as DashboardView;
    expect(d.villageBoard.rows.some((r) => r.behind)).toBe(false);
    await townSettings(POPULATED);
  });
});

// rateOf/averageOf are the one rounding: the recount above rounds independently and must agree.
it('the independent rounding of the recount agrees with contracts/numbers at .x5 boundaries', () => {
  expect(rateOf(1, 2000)).toBe(0.001);
  expect(Math.round((1 / 2000) * 1000 + 1e-9) / 1000).toBe(0.001);
  expect(averageOf(1, 20)).toBe(0.1);
});
