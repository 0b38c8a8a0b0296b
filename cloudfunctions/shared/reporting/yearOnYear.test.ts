/**
 * Reports per edition and 同比 over two generated years, against a recount of the raw events: two years of a
 * standing campaign (`spring` in 2026 under its old id, `spring-2027`), a campaign whose window crosses the new
 * year, a staff campaign, days without a campaign, and offline events. The workbook tables, the paragraph
 * and the figures all give what the events give.
 */
import { startTestCloud, type TestCloud } from '../../../localcloud/testkit';
import { collections } from '../collections';
import type { Db } from '../handler';
import { addDays } from '../../contracts/time';
import { newEditionDoc, type CampaignTemplateDoc } from '../campaignEditions';
import { recordParticipation } from '../participation/record';
import { computeReport } from './figures';
import { reportTables } from './sheets';
import { changeRateOf, compareYears, describeChange, sameDayLastYear } from './yearOnYear';
import type { ParticipationKind, ReportView } from '../../contracts/reports';

let tc: TestCloud;
let db: Db;

const template = (id: string, start: string, end: string, editionIds: Record<string, string> = {}): CampaignTemplateDoc => ({
  _id: id,
  title: id === 'spring' ? '春季普法答题' : '冬季普法',
  recurrence: { start, end, createDaysAhead: 30 },
  firstYear: 2026,
  editionIds,
  themeLaws: ['xianfa'],
  lessonIds: [],
  quiz: { questionsPerQuiz: 5, passMark: 60, attemptsPerDay: 3, pool: { laws: ['xianfa'], tags: [] } },
  bannerText: '{year} 春季',
  summary: '测试',
});
const SPRING = template('spring', '03-01', '03-31', { '2026': 'spring' });
const WINTER = template('winter', '12-20', '01-10');
const EDITIONS = [newEditionDoc(SPRING, 2026, new Date()), newEditionDoc(SPRING, 2027, new Date()), newEditionDoc(WINTER, 2026, new Date()), newEditionDoc(WINTER, 2027, new Date())];
const STAFF_CAMPAIGN = { _id: 'staff-autumn', title: '秋季讲座答题', status: 'published', start: '2027-09-01T00:00:00+08:00', end: '2027-09-30T23:59:59+08:00', source: 'staff' };

interface Raw {
  person: string;
  kind: ParticipationKind;
  campaignId: string | null;
  day: string;
}
interface RawOffline {
  date: string;
  campaignId: string | null;
  attendees: number;
}
const events: Raw[] = [];
const offline: RawOffline[] = [];

/** The campaign live on a China day (editions and the staff campaign), as a client would have chosen it. */
function campaignOn(day: string): string | null {
  for (const c of [...EDITIONS, STAFF_CAMPAIGN]) {
    const t = Date.parse(`${day}T12:00:00+08:00`);
    if (t >= Date.parse(String(c.start)) && t <= Date.parse(String(c.end))) return String(c._id);
  }
  return null;
}

beforeAll(async () => {
  tc = await startTestCloud({ collections });
  db = tc.db as unknown as Db;
  for (const c of [...EDITIONS, STAFF_CAMPAIGN]) await db.collection('campaigns').add(c);
  // A deterministic generator: 2027 busier than 2026, so every change is non-zero.
  let seed = 20262027;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const kinds: ParticipationKind[] = ['quiz_attempt', 'quiz_attempt', 'lesson_read', 'share', 'checkin'];
  for (const [year, count, people] of [['2026', 150, 30], ['2027', 200, 40]] as const) {
    for (let i = 0; i < count; i++) {
      const day = addDays(`${year}-01-01`, rand(365));
      events.push({ person: `p${rand(people)}`, kind: kinds[rand(kinds.length)], campaignId: campaignOn(day), day });
    }
    for (let i = 0; i < (year === '2026' ? 3 : 5); i++) {
      const date = addDays(`${year}-01-01`, 60 + i * 50);
      offline.push({ date, campaignId: campaignOn(date), attendees: 10 + i });
    }
  }
  // Around the edges: the last and first moments of the spring windows, in China time.
  events.push({ person: 'edge1', kind: 'quiz_attempt', campaignId: 'spring-2027', day: '2027-03-01' }, { person: 'edge2', kind: 'quiz_attempt', campaignId: 'spring', day: '2026-03-31' });
  events.sort((a, b) => a.day.localeCompare(b.day));
  // In day order, a few at a time (each participation is several writes).
  const record = (e: Raw, n: number) =>
    recordParticipation(db, {
      eventId: `ev-${n}`,
      kind: e.kind,
      personKey: e.person,
      campaignId: e.campaignId,
      villageId: 'v01',
      laws: ['xianfa'],
      at: new Date(`${e.day}T${e.person === 'edge1' ? '00:00:00' : e.person === 'edge2' ? '23:59:59' : '10:00:00'}+08:00`),
      ...(e.kind === 'quiz_attempt' ? { score: 80, passed: true } : {}),
    });
  for (let i = 0; i < events.length; i += 8) await Promise.all(events.slice(i, i + 8).map((e, j) => record(e, i + j)));
  for (const [i, o] of offline.entries()) {
    await db.collection('offline_events').add({ _id: `off-${i}`, code: `code${i}`, type: '院坝会', title: `院坝会${i}`, date: o.date, villageId: 'v01', place: '村委会', themeLaws: ['xianfa'], campaignId: o.campaignId, lessonId: null, attendees: o.attendees, leaflets: 0, banners: 0, notes: '', checkIns: 0, archived: false, createdBy: 't', createdAt: '', updatedAt: '' });
  }
}, 400000);

afterAll(async () => {
  await tc?.close();
});

/** Recount from the raw events of [from, to]. */
function recount(from: string, to: string) {
  const inRange = events.filter((e) => e.day >= from && e.day <= to);
  const off = offline.filter((o) => o.date >= from && o.date <= to);
  return {
    people: new Set(inRange.map((e) => e.person)).size,
    times: inRange.length + off.reduce((s, o) => s + o.attendees, 0),
    quiz: inRange.filter((e) => e.kind === 'quiz_attempt').length,
    offlineEvents: off.length,
  };
}
/** An edition's row recounted: 人次 in [from, to], people from its start up to `to`. */
function recountCampaign(id: string, from: string, to: string) {
  const mine = events.filter((e) => e.campaignId === id);
  const off = offline.filter((o) => o.campaignId === id && o.date >= from && o.date <= to);
  return {
    people: new Set(mine.filter((e) => e.day <= to).map((e) => e.person)).size,
    times: mine.filter((e) => e.day >= from && e.day <= to).length + off.reduce((s, o) => s + o.attendees, 0),
    quiz: mine.filter((e) => e.kind === 'quiz_attempt' && e.day >= from && e.day <= to).length,
    offlineEvents: off.length,
  };
}
const NOW = new Date('2028-01-05T10:00:00+08:00');
const row = (r: ReportView, id: string) => r.campaigns.find((c) => c.id === id);

describe('同比 and editions over two generated years', () => {
  let y2027: ReportView;
  beforeAll(async () => {
    y2027 = await computeReport(db, '2027-01-01', '2027-12-31', NOW);
  }, 60000);

  it('the year is compared with the year before: 参与人数、人次、答题人次、线下活动场次, absolute and %', () => {
    const cur = recount('2027-01-01', '2027-12-31');
    const prev = recount('2026-01-01', '2026-12-31');
    expect(y2027.comparison).not.toBeNull();
    expect(y2027.comparison!.from).toBe('2026-01-01');
    const byKey = Object.fromEntries(y2027.comparison!.rows.map((r) => [r.key, r]));
    for (const k of ['people', 'times', 'quiz', 'offlineEvents'] as const) {
      expect({ k, current: byKey[k].current, previous: byKey[k].previous, change: byKey[k].change }).toEqual({ k, current: cur[k], previous: prev[k], change: cur[k] - prev[k] });
      // Rounded once to 0.1 %: within half of 0.1 % of the exact ratio.
      expect(Math.abs(byKey[k].changeRate! - (cur[k] - prev[k]) / prev[k])).toBeLessThanOrEqual(0.0005);
      expect(byKey[k].change).not.toBe(0);
    }
    // The paragraph says the same, in the report's words.
    expect(y2027.paragraph).toContain('与上年同期（2026年）相比，');
    for (const r of y2027.comparison!.rows) expect(y2027.paragraph).toContain(`${r.label}${describeChange(r)}`);
    // And the workbook's 总览.
    const overview = reportTables(y2027)[0].rows;
    const cell = (label: string) => overview.find((r) => r[0] === label)?.[1];
    expect(cell('参与人次（上年同期）')).toBe(prev.times);
    expect(cell('参与人次同比增减')).toBe(cur.times - prev.times);
    expect(cell('线下活动场次同比增减')).toBe(cur.offlineEvents - prev.offlineEvents);
  });

  it('each year is its own row in 按活动, beside last year\'s edition over the same days', () => {
    const spring27 = row(y2027, 'spring-2027')!;
    expect(spring27).toMatchObject({ title: '2027年 春季普法答题', templateId: 'spring', year: 2027, ...recountCampaign('spring-2027', '2027-01-01', '2027-12-31') });
    const spring26 = recountCampaign('spring', '2026-01-01', '2026-12-31');
    expect(spring27.previousEdition).toEqual({ id: 'spring', title: '2026年 春季普法答题', year: 2026, ...spring26, timesChangeRate: changeRateOf(spring27.times, spring26.times) });
    expect(spring27.times).not.toBe(spring27.previousEdition!.times);
    expect(row(y2027, 'spring')).toBeUndefined();
    // The winter edition that started in December 2026 reaches into January 2027; the 2027 one starts in December.
    expect(row(y2027, 'winter-2026')).toMatchObject(recountCampaign('winter-2026', '2027-01-01', '2027-12-31'));
    expect(row(y2027, 'winter-2027')).toMatchObject({ ...recountCampaign('winter-2027', '2027-01-01', '2027-12-31'), previousEdition: { id: 'winter-2026', ...recountCampaign('winter-2026', '2026-01-01', '2026-12-31') } });
    // A campaign staff made has no earlier edition.
    expect(row(y2027, 'staff-autumn')).toMatchObject({ templateId: null, previousEdition: null, ...recountCampaign('staff-autumn', '2027-01-01', '2027-12-31') });
    const sheet = reportTables(y2027)[1];
    const col = (h: string) => sheet.columns.findIndex((c) => c.header === h);
    const springRow = sheet.rows.find((r) => r[0] === '2027年 春季普法答题')!;
    expect([springRow[col('上年同期活动')], springRow[col('上年参与人次')], springRow[col('参与人次')]]).toEqual(['2026年 春季普法答题', spring27.previousEdition!.times, spring27.times]);
  });

  it('a range spanning two years shows both editions of the same campaign', async () => {
    const r = await computeReport(db, '2026-03-15', '2027-03-15', NOW, { compare: false });
    expect(row(r, 'spring')).toMatchObject({ year: 2026, times: recountCampaign('spring', '2026-03-15', '2027-03-15').times });
    expect(row(r, 'spring-2027')).toMatchObject({ year: 2027, times: recountCampaign('spring-2027', '2026-03-15', '2027-03-15').times });
    expect(r.totals.times).toBe(recount('2026-03-15', '2027-03-15').times);
    expect(r.comparison).toBeNull();
  });

  it('no 同比 when the year before has no figures (2026 against 2025)', async () => {
    const r = await computeReport(db, '2026-01-01', '2026-12-31', NOW);
    expect(r.totals.times).toBe(recount('2026-01-01', '2026-12-31').times);
    expect(r.comparison).toBeNull();
    expect(r.paragraph).not.toContain('上年同期');
    expect(row(r, 'spring')!.previousEdition).toBeNull();
    expect(compareYears(r, { ...r, totals: { ...r.totals, times: 0, offlineEvents: 0, people: 0 } })).toBeNull();
  });

  it('the same days one year earlier; 29 February becomes 28 February; a fall reads as 减少/下降', () => {
    expect(sameDayLastYear('2028-02-29')).toBe('2027-02-28');
    expect(sameDayLastYear('2027-03-01')).toBe('2026-03-01');
    expect(describeChange({ change: -3, changeRate: -0.2, unit: '场' })).toBe('减少3场、下降20.0%');
    expect(describeChange({ change: 2, changeRate: null, unit: '场' })).toBe('增加2场（上年同期为0）');
    expect(describeChange({ change: 0, changeRate: 0, unit: '人' })).toBe('持平');
    expect(describeChange({ change: -1, changeRate: changeRateOf(9999, 10000), unit: '人次' })).toBe('减少1人次、下降0.0%');
  });

  it('rounds a change rate once (10.845 % is 10.8 %, not 10.85 % then 10.9 %), the same for a fall', () => {
    expect(changeRateOf(22169, 20000)).toBe(0.108);
    expect(changeRateOf(17831, 20000)).toBe(-0.108);
    expect(changeRateOf(2217, 2000)).toBe(0.109); // 10.85 %: half up
    expect(changeRateOf(5, 0)).toBeNull();
    expect(describeChange({ change: 2169, changeRate: changeRateOf(22169, 20000), unit: '人次' })).toBe('增加2169人次、增长10.8%');
    expect(describeChange({ change: -2169, changeRate: changeRateOf(17831, 20000), unit: '人次' })).toBe('减少2169人次、下降10.8%');
  });
});
