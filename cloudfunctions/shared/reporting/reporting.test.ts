/** The pure parts of reporting: ranges, which counters answer which figure, item analysis, paragraph, cells. */
import { splitRange, monthsIn, monthEnd } from '../../contracts/time';
import { analyseQuestion, buildReport, peopleBasisOf, planPeople, rangeProblem, type ReportData } from './figures';
import { askKey } from './load';
import { draftParagraph, periodPhrase } from './paragraph';
import ExcelJS from 'exceljs';
import { parseString } from '@fast-csv/parse';
import { buildCsv, buildXlsx, displayWidth, neutralise } from './workbook';
import { SHEET_NAMES } from './sheets';
import { diffRollups, Recount } from '../participation/recount';
import { toEvent } from '../participation/events';
import { lawGroupsOf } from '../laws';

describe('date ranges', () => {
  it('reads whole months from monthly rollups and the rest from daily ones', () => {
    expect(splitRange('2026-01-01', '2026-12-31')).toEqual({ fullMonths: monthsIn('2026-01-01', '2026-12-31'), partialDays: [] });
    expect(splitRange('2026-03-15', '2026-05-10')).toEqual({ fullMonths: ['2026-04'], partialDays: [{ from: '2026-03-15', to: '2026-03-31' }, { from: '2026-05-01', to: '2026-05-10' }] });
    expect(splitRange('2026-02-03', '2026-02-03')).toEqual({ fullMonths: [], partialDays: [{ from: '2026-02-03', to: '2026-02-03' }] });
    expect(monthEnd('2028-02')).toBe('2028-02-29');
  });
  it('refuses impossible and reversed ranges, in Chinese', () => {
    expect(rangeProblem('2026-02-30', '2026-03-01', 1000)).toMatch(/不是有效日期/);
    expect(rangeProblem('2026-03-01', '2026-02-01', 1000)).toMatch(/不能晚于/);
    expect(rangeProblem('2020-01-01', '2026-01-01', 1000)).toMatch(/最长/);
    expect(rangeProblem('2026-01-01', '2026-12-31', 1000)).toBeNull();
  });
});

describe('unique people', () => {
  const keys = { campaigns: ['c1'], villages: ['v01'], laws: ['xianfa'], codes: ['民法典'] };
  it('reads the counters whole when nothing after the range can be in them', () => {
    const plan = planPeople('2026-01-01', '2026-12-31', '2026-12-01', keys);
    expect(plan.asks.every((a) => !a.since && !a.upTo)).toBe(true);
    expect(plan.asks.map((a) => a.scope)).toEqual(expect.arrayContaining(['year:2026', 'village:2026:v01', 'law:2026:xianfa', 'code:2026:民法典', 'campaign:c1', 'month:2026-12']));
    expect(plan.newPeople).toBeNull();
  });
  it('counts up to the end of a past range by firstDay, and gives the new people of a range starting later', () => {
    const plan = planPeople('2025-03-15', '2025-06-20', '2026-12-01', keys);
    const year = plan.asks.find((a) => a.scope === 'year:2025' && !a.since)!;
    expect(year).toEqual({ scope: 'year:2025', upTo: '2025-06-20' });
    expect(plan.asks).toContainEqual({ scope: 'year:2025', since: '2025-03-15', upTo: '2025-06-20' });
    expect(plan.asks.find((a) => a.scope === 'month:2025-05')).toEqual({ scope: 'month:2025-05' });
    expect(plan.asks.find((a) => a.scope === 'month:2025-06')).toEqual({ scope: 'month:2025-06', upTo: '2025-06-20' });
    const people = new Map([[askKey(year), 7], [askKey({ scope: 'year:2025', since: '2025-03-15', upTo: '2025-06-20' }), 3]]);
    expect(plan.yearly((y) => `year:${y}`)(people)).toBe(7);
    expect(plan.newPeople!(people)).toBe(3);
  });
  it('names the basis of 参与人数', () => {
    expect(peopleBasisOf('2026-01-01', '2026-06-30')).toBe('exact');
    expect(peopleBasisOf('2026-02-01', '2026-06-30')).toBe('year-to-date');
    expect(peopleBasisOf('2025-01-01', '2026-06-30')).toBe('summed-years');
  });
});

describe('item analysis', () => {
  const name = () => '宪法';
  it('flags too easy, too hard and negative discrimination, only with enough answers', () => {
    expect(analyseQuestion({ _id: 'a', answered: 100, points: 97 }, undefined, name).flags).toEqual(['too_easy']);
    expect(analyseQuestion({ _id: 'a', answered: 10, points: 10 }, undefined, name).flags).toEqual([]);
    expect(analyseQuestion({ _id: 'b', answered: 100, points: 20 }, undefined, name).flags).toEqual(['too_hard']);
    const negative = analyseQuestion({ _id: 'c', answered: 60, points: 30, topAnswered: 20, topPoints: 6, bottomAnswered: 20, bottomPoints: 14 }, undefined, name);
    expect(negative.discrimination).toBeCloseTo(-0.4, 6);
    expect(negative.flags).toEqual(['negative_discrimination']);
    const low = analyseQuestion({ _id: 'd', answered: 60, points: 36, topAnswered: 20, topPoints: 13, bottomAnswered: 20, bottomPoints: 11 }, undefined, name);
    expect(low.flags).toEqual(['low_discrimination']);
    expect(analyseQuestion({ _id: 'e', answered: 60, points: 36, topAnswered: 4, topPoints: 0, bottomAnswered: 20, bottomPoints: 11 }, undefined, name).discrimination).toBeNull();
  });
});

function data(over: Partial<ReportData> = {}): ReportData {
  return {
    town: { name: '古路镇', villages: [{ id: 'v01', name: '一村' }] },
    campaigns: [{ _id: 'c1', title: '宪法周', status: 'published', start: '2026-12-01T00:00:00+08:00', end: '2026-12-07T23:59:59+08:00' }],
    laws: [
      { _id: 'xianfa', shortName: '宪法', code: '宪法', title: '中华人民共和国宪法' },
      { _id: 'minfadian-1-zongze', shortName: '民法典·总则编', code: '民法典', title: '中华人民共和国民法典·总则编' },
      { _id: 'minfadian-2-wuquan', shortName: '民法典·物权编', code: '民法典', title: '中华人民共和国民法典·物权编' },
    ],
    questions: [],
    questionStats: [],
    offline: [],
    dim: [],
    law: [],
    code: [],
    people: new Map(),
    ...over,
  };
}

describe('draft paragraph', () => {
  it('says plainly when nothing happened yet', () => {
    const r = buildReport(data(), '2026-01-01', '2026-12-31', new Date('2026-12-01T00:00:00Z'));
    expect(r.paragraph).toBe('2026年，我镇依托“普法学堂”小程序开展线上普法学习，暂无群众参与记录。线下普法活动尚未录入。');
  });
  it('writes the figures, offline work and laws in plain Chinese', () => {
    const r = buildReport(
      data({
        dim: [
          { _id: 'm|2026-12|c1|v01|quiz_attempt', type: 'dim-month', month: '2026-12', campaignId: 'c1', villageId: 'v01', kind: 'quiz_attempt', count: 4, scoreSum: 340, passed: 3 },
          { _id: 'm|2026-12|c1|v01|lesson_read', type: 'dim-month', month: '2026-12', campaignId: 'c1', villageId: 'v01', kind: 'lesson_read', count: 2 },
        ],
        law: [{ _id: 'lm|2026-12|minfadian-2-wuquan|quiz_attempt', type: 'law-month', month: '2026-12', law: 'minfadian-2-wuquan', kind: 'quiz_attempt', count: 4 }],
        code: [{ _id: 'cm|2026-12|民法典|quiz_attempt', type: 'code-month', month: '2026-12', code: '民法典', kind: 'quiz_attempt', count: 4 }],
        offline: [
          { _id: 'e1', code: 'x', type: '院坝会', title: 't', date: '2026-12-04', villageId: 'v01', place: '', themeLaws: ['xianfa'], campaignId: null, lessonId: null, attendees: 30, leaflets: 120, banners: 2, notes: '', checkIns: 0, createdBy: 's', createdAt: '', updatedAt: '', archived: false },
        ],
        people: new Map([['year:2026||', 3]]),
      }),
      '2026-01-01',
      '2026-12-31',
      new Date('2026-12-10T00:00:00Z'),
    );
    expect(r.paragraph).toBe(
      '2026年，我镇依托“普法学堂”小程序开展线上普法答题活动1期，参与群众3人、36人次，其中在线答题4人次，平均得分85.0分，合格率75.0%；学习普法课程2人次。' +
        '开展线下普法活动1场（院坝会1场），到场群众30人次，发放宣传资料120份，悬挂宣传标语2副。宣传内容涵盖《中华人民共和国民法典》《中华人民共和国宪法》等法律法规。',
    );
    expect(r.laws.map((l) => [l.name, l.level])).toEqual([
      ['民法典', 'group'],
      ['民法典·物权编', 'member'],
      ['宪法', 'law'],
    ]);
  });
  it('names a partial period', () => {
    expect(periodPhrase('2026-03-15', '2026-11-20')).toBe('2026年3月15日至11月20日');
    expect(periodPhrase('2025-07-01', '2026-06-30')).toBe('2025年7月1日至2026年6月30日');
    const r = buildReport(data({ people: new Map() }), '2026-03-15', '2026-11-20', new Date('2026-12-01T00:00:00Z'));
    expect(draftParagraph(r)).toMatch(/^2026年3月15日至11月20日，/);
  });
});

describe('cells', () => {
  it('neutralises formula starts in the CSV, quotes commas and keeps numbers numeric', () => {
    const r = buildReport(data({ offline: [{ _id: 'e1', code: 'x', type: '其他', title: '=1+1', date: '2026-12-04', villageId: 'v01', place: 'a,"b"', themeLaws: [], campaignId: null, lessonId: null, attendees: 1, leaflets: 0, banners: 0, notes: '@x', checkIns: 0, createdBy: 'secret_staff', createdAt: '', updatedAt: '', archived: false }] }), '2026-01-01', '2026-12-31', new Date('2026-12-10T00:00:00Z'));
    const csv = buildCsv(r).toString('utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain(`'=1+1`);
    expect(csv).toContain(`"a,""b"""`);
    expect(csv).toContain(`'@x`);
    expect(csv).not.toContain('secret_staff');
    expect(neutralise('-1+1')).toBe("'-1+1");
  });
  it('quotes every text field, removes control characters and neutralises formula starts (read back by fast-csv)', async () => {
    const typed = { title: 'a;=1+1', place: '=cmd|x', notes: 'bell\u0007nul\u0000tab\tend\r\nnext' };
    const r = buildReport(data({ offline: [{ _id: 'e1', code: 'x', type: '其他', ...typed, date: '2026-12-04', villageId: 'v01', themeLaws: [], campaignId: null, lessonId: null, attendees: 1, leaflets: 0, banners: 0, checkIns: 0, createdBy: 's', createdAt: '', updatedAt: '', archived: false }] }), '2026-01-01', '2026-12-31', new Date('2026-12-10T00:00:00Z'));
    const csv = buildCsv(r).subarray(3).toString('utf8');
    // eslint-disable-next-line no-control-regex
    expect(csv).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    const read = (delimiter: string) =>
      new Promise<string[][]>((resolve, reject) => {
        const rows: string[][] = [];
        parseString(csv, { delimiter, relaxColumnCountMore: true, relaxColumnCountLess: true } as never)
          .on('data', (row: string[]) => rows.push(row))
          .on('error', reject)
          .on('end', () => resolve(rows));
      });
    const comma = await read(',');
    const detail = comma[comma.findIndex((row) => row[0] === '【线下活动明细】') + 3];
    expect(detail[2]).toBe('a;=1+1'); // does not start with a formula character: kept as typed
    expect(detail[4]).toBe("'=cmd|x");
    expect(detail[12]).toBe('bellnultabend\nnext');
    // In a locale that separates fields with ';', the ';' sits inside quotes, so '=1+1' never becomes a field.
    expect(csv).toContain('"a;=1+1"');
    for (const row of comma) for (const f of row) expect(f).not.toMatch(/^[=+@]/);
    // Every text field is quoted; numbers are not.
    expect(csv).toContain('"参与人数",0,');
  });
  it('prints every sheet on A4, one page wide, with its header rows, title and range (read back)', async () => {
    const r = buildReport(data(), '2026-01-01', '2026-12-31', new Date('2026-12-10T00:00:00Z'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildXlsx(r)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([...SHEET_NAMES]);
    for (const ws of wb.worksheets) {
      const p = ws.pageSetup;
      expect(p.paperSize).toBe(9);
      expect(p.fitToPage).toBe(true);
      expect(p.fitToWidth).toBe(1);
      expect(p.fitToHeight).toBe(0);
      expect(p.printTitlesRow).toBe('1:2');
      expect(p.orientation).toBe(ws.columnCount > 6 ? 'landscape' : 'portrait');
      expect(ws.headerFooter.oddHeader).toContain('统计区间：2026-01-01 至 2026-12-31');
      expect(ws.headerFooter.oddHeader).toContain(String(ws.getCell('A1').value).replace(/&/g, '&&'));
    }
    expect(wb.getWorksheet('按活动')!.pageSetup.orientation).toBe('landscape');
    expect(wb.getWorksheet('总览')!.pageSetup.orientation).toBe('portrait');
  });
  it('wraps long question stems onto as many lines as they need', async () => {
    const stem = '村民甲与村民乙签订房屋租赁合同后，乙未经甲同意将房屋转租给丙，甲能否解除合同？'.repeat(3);
    const r = buildReport(data({ questions: [{ _id: 'q1', stem, law: 'xianfa', archived: false }], questionStats: [{ _id: 'q1', answered: 30, points: 20 }] }), '2026-01-01', '2026-12-31', new Date('2026-12-10T00:00:00Z'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildXlsx(r)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('题目分析')!;
    expect(ws.getCell('B3').value).toBe(stem);
    expect(ws.getCell('B3').alignment?.wrapText).toBe(true);
    expect(ws.getRow(3).height).toBeGreaterThan(3 * 15);
  });
  it('shows each rate rounded once, the same in the CSV, the xlsx value and the paragraph', async () => {
    // 1 of 16 attempts passed: 6.25 % → 6.3 % everywhere.
    const r = buildReport(
      data({ dim: [{ _id: 'm|2026-12|c1|v01|quiz_attempt', type: 'dim-month', month: '2026-12', campaignId: 'c1', villageId: 'v01', kind: 'quiz_attempt', count: 16, scoreSum: 16 * 55 + 8, passed: 1 }] }),
      '2026-01-01',
      '2026-12-31',
      new Date('2026-12-10T00:00:00Z'),
    );
    expect(r.totals.passRate).toBe(0.063);
    expect(r.totals.avgScore).toBe(55.5);
    expect(r.paragraph).toContain('平均得分55.5分，合格率6.3%');
    expect(buildCsv(r).toString('utf8')).toContain('"合格率",6.3%,');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildXlsx(r)) as unknown as ArrayBuffer);
    const row = wb.getWorksheet('总览')!.getRows(3, 20)!.find((x) => x.getCell(1).value === '合格率')!;
    expect(row.getCell(2).value).toBe(0.063);
    expect(row.getCell(2).numFmt).toBe('0.0%');
  });
  it('measures Chinese as two columns wide', () => {
    expect(displayWidth('参与人数')).toBe(8);
    expect(displayWidth('ab')).toBe(2);
  });
});

describe('recount', () => {
  it('rebuilds rollups and people from events and finds every difference', () => {
    const groups = lawGroupsOf([
      { _id: 'minfadian-1-zongze', code: '民法典' },
      { _id: 'minfadian-2-wuquan', code: '民法典' },
    ]);
    const e1 = toEvent({ eventId: 'quiz:a', kind: 'quiz_attempt', personKey: 'p1', campaignId: 'c1', villageId: 'v01', laws: ['minfadian-1-zongze', 'minfadian-2-wuquan'], at: new Date('2026-12-03T16:30:00Z'), score: 80, passed: true, durationMs: 5 }, groups);
    const e2 = toEvent({ eventId: 'quiz:b', kind: 'quiz_attempt', personKey: 'p1', campaignId: 'c1', villageId: 'v01', laws: ['minfadian-1-zongze'], at: new Date('2026-12-02T02:00:00Z'), score: 40, passed: false, durationMs: 5 }, groups);
    expect(e1.day).toBe('2026-12-04');
    expect(e1.codes).toEqual(['民法典']);
    const r = new Recount();
    r.add(e1);
    r.add(e2);
    const all = r.allRollups();
    expect(all.get('m|2026-12|c1|v01|quiz_attempt')).toMatchObject({ count: 2, scoreSum: 120, passed: 1 });
    expect(all.get('cm|2026-12|民法典|quiz_attempt')).toMatchObject({ count: 2 });
    expect(all.get('lm|2026-12|minfadian-2-wuquan|quiz_attempt')).toMatchObject({ count: 1 });
    expect(all.get('p|year:2026')).toMatchObject({ count: 1 });
    expect(r.people.get('year:2026|p1')!.firstDay).toBe('2026-12-02');
    const stored = [...all.values()].map((d) => ({ ...d }));
    stored.find((d) => d._id === 'm|2026-12|c1|v01|quiz_attempt')!.count = 3;
    const dropped = stored.filter((d) => d._id !== 'p|year:2026');
    dropped.push({ _id: 'd|2026-12-09|c1|v01|share', type: 'dim', count: 1 });
    const diffs = diffRollups(all, dropped);
    expect(diffs.map((d) => [d.id, d.problem])).toEqual([
      ['d|2026-12-09|c1|v01|share', 'extra'],
      ['m|2026-12|c1|v01|quiz_attempt', 'different'],
      ['p|year:2026', 'missing'],
    ]);
  });
});
