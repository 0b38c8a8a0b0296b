/**
 * What a town clerk checks by hand in an exported workbook, as code: on every sheet the rows add up to the 合计
 * row, every 合计 is the figure of 总览, the offline detail adds up to 总览's offline figures, each row's 参与人次 is
 * the sum of its kinds, and every number in the draft paragraph is 总览's. Works on the xlsx read back with
 * exceljs and on the CSV (one section per sheet), so both formats are held to the same sums. Returns the
 * problems found (empty = everything adds up).
 */
import { parseCsv, readWorkbook, type SheetRows } from './reportWorkbook';

export interface ExportSheets {
  /** Rows of each sheet keyed by its headers (the title row and the header row excluded). */
  sheets: Map<string, { headers: string[]; rows: SheetRows }>;
  /** The draft paragraph printed under 总览. */
  paragraph: string;
}

const PARAGRAPH_LABEL = '年度报告参考段落（请核对后使用）';

export async function sheetsOfXlsx(buffer: Buffer): Promise<ExportSheets> {
  const book = await readWorkbook(buffer);
  const overview = book.get('总览');
  const cells = (overview?.cells ?? []).map((c) => (c === null ? '' : String(c)));
  const at = cells.indexOf(PARAGRAPH_LABEL);
  return { sheets: new Map([...book].map(([name, s]) => [name, { headers: s.headers, rows: s.rows }])), paragraph: at >= 0 ? (cells[at + 1] ?? '') : '' };
}

/** The CSV's sections: 【name】, the title, the header row, data rows up to the first empty line. */
export function sheetsOfCsv(buffer: Buffer): ExportSheets {
  const text = buffer.toString('utf8').replace(/^\uFEFF/, '');
  const lines = parseCsv(text);
  const sheets = new Map<string, { headers: string[]; rows: SheetRows }>();
  let paragraph = '';
  for (let i = 0; i < lines.length; i++) {
    const head = /^【(.+)】$/.exec(lines[i]![0] ?? '');
    if (head && lines[i]!.length === 1) {
      const headers = lines[i + 2] ?? [];
      const rows: SheetRows = [];
      let j = i + 3;
      for (; j < lines.length && !(lines[j]!.length === 1 && lines[j]![0] === ''); j++) {
        rows.push(Object.fromEntries(headers.map((h, k) => [h, lines[j]![k] ?? null])));
      }
      sheets.set(head[1]!, { headers, rows });
      i = j;
    } else if (lines[i]![0] === PARAGRAPH_LABEL) paragraph = lines[i + 1]?.[0] ?? '';
  }
  return { sheets, paragraph };
}

/** 49.1% (CSV text) or 0.491 (xlsx value) → 0.491; 12 or "12" → 12; empty → null. */
function num(v: string | number | null | undefined): number | null {
  if (v === null || v === undefined || v === '' || v === '—') return null;
  if (typeof v === 'number') return v;
  const t = v.trim();
  if (t.endsWith('%')) return Math.round(Number(t.slice(0, -1)) * 10) / 1000;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}
const same = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) < 1e-9);

/** The additive columns of 按活动 / 按村社区 / 按月份 and the 总览 line each one's 合计 must equal. */
function metricTotals(bannerHeader: string): [string, string][] {
  return [
    ['参与人次', '参与人次'],
    ['答题人次', '答题人次'],
    ['阅读人次', '阅读人次'],
    ['分享人次', '分享人次'],
    ['每日一练人次', '每日一练人次'],
    ['错题复习人次', '错题复习人次'],
    ['扫码签到人次', '其中扫码签到人次'],
    ['线下活动场次', '线下活动场次'],
    ['未扫码到场人数', '其中未扫码到场人数'],
    ['宣传单（份）', '宣传单'],
    [bannerHeader, '标语'],
  ];
}
/** Figures of a 合计 row that are not sums but must still be 总览's. */
const NON_ADDITIVE: [string, string][] = [
  ['参与人数', '参与人数'],
  ['平均分', '平均分'],
  ['合格率', '合格率'],
];
const PARTS_OF_TIMES = ['答题人次', '阅读人次', '分享人次', '每日一练人次', '错题复习人次', '扫码签到人次', '未扫码到场人数'];

export function sheetTotalProblems({ sheets, paragraph }: ExportSheets): string[] {
  const problems: string[] = [];
  const overviewSheet = sheets.get('总览');
  if (!overviewSheet) return ['总览 is missing'];
  const overview = new Map(overviewSheet.rows.map((r) => [String(r['指标']), num(r['数值'])]));
  const o = (label: string) => {
    if (!overview.has(label)) problems.push(`总览 has no line ${label}`);
    return overview.get(label) ?? null;
  };

  for (const name of ['按活动', '按村社区', '按月份']) {
    const sheet = sheets.get(name);
    if (!sheet) {
      problems.push(`${name} is missing`);
      continue;
    }
    const banner = sheet.headers.find((h) => h.startsWith('标语（')) ?? '标语';
    const labelColumn = sheet.headers[0]!;
    const total = sheet.rows.find((r) => r[labelColumn] === '合计');
    if (!total) {
      problems.push(`${name} has no 合计 row`);
      continue;
    }
    const rows = sheet.rows.filter((r) => r !== total);
    for (const [column, line] of metricTotals(banner)) {
      const sum = rows.reduce((s, r) => s + (num(r[column]) ?? 0), 0);
      if (!same(sum, num(total[column]))) problems.push(`${name}: the rows of ${column} add up to ${sum}, 合计 says ${total[column]}`);
      if (!same(num(total[column]), o(line))) problems.push(`${name}: 合计 ${column} is ${total[column]}, 总览 ${line} is ${o(line)}`);
    }
    for (const [column, line] of NON_ADDITIVE) {
      if (!same(num(total[column]), o(line))) problems.push(`${name}: 合计 ${column} is ${total[column]}, 总览 ${line} is ${o(line)}`);
    }
    for (const r of sheet.rows) {
      const parts = PARTS_OF_TIMES.reduce((s, c) => s + (num(r[c]) ?? 0), 0);
      if (!same(parts, num(r['参与人次']))) problems.push(`${name} ${String(r[labelColumn])}: 参与人次 ${r['参与人次']} is not the sum of its kinds (${parts})`);
    }
  }

  problems.push(...villageBoardProblems(sheets, o));

  const detail = sheets.get('线下活动明细');
  if (!detail) problems.push('线下活动明细 is missing');
  else {
    const banner = detail.headers.find((h) => h.startsWith('标语（')) ?? '标语';
    const sum = (c: string) => detail.rows.reduce((s, r) => s + (num(r[c]) ?? 0), 0);
    const checks: [string, number, string][] = [
      ['rows', detail.rows.length, '线下活动场次'],
      ['扫码签到人数', sum('扫码签到人数'), '其中扫码签到人次'],
      ['未扫码到场人数', sum('未扫码到场人数'), '其中未扫码到场人数'],
      ['到场合计', sum('到场合计'), '线下参与人次'],
      ['宣传单（份）', sum('宣传单（份）'), '宣传单'],
      [banner, sum(banner), '标语'],
    ];
    for (const [what, value, line] of checks) if (!same(value, o(line))) problems.push(`线下活动明细: ${what} add up to ${value}, 总览 ${line} is ${o(line)}`);
    for (const r of detail.rows) {
      if (!same((num(r['扫码签到人数']) ?? 0) + (num(r['未扫码到场人数']) ?? 0), num(r['到场合计']))) problems.push(`线下活动明细 ${String(r['活动名称'])}: 到场合计 is not 扫码 + 未扫码`);
    }
  }
  if (!same(o('线下参与人次'), (o('其中扫码签到人次') ?? 0) + (o('其中未扫码到场人数') ?? 0))) problems.push('总览: 线下参与人次 is not 扫码签到 + 未扫码到场');
  const overviewParts = ['答题人次', '阅读人次', '分享人次', '每日一练人次', '错题复习人次', '线下参与人次'].reduce((s, line) => s + (o(line) ?? 0), 0);
  if (!same(overviewParts, o('参与人次'))) problems.push(`总览: 参与人次 ${o('参与人次')} is not the sum of its kinds (${overviewParts})`);

  const laws = sheets.get('按法律');
  if (!laws) problems.push('按法律 is missing');
  else {
    for (const r of laws.rows) {
      for (const [column, line] of [['答题人次', '答题人次'], ['阅读人次', '阅读人次'], ['扫码签到人次', '其中扫码签到人次'], ['分享人次', '分享人次'], ['线下活动场次', '线下活动场次']] as const) {
        if ((num(r[column]) ?? 0) > (o(line) ?? 0)) problems.push(`按法律 ${String(r['法律'])}: ${column} ${r[column]} is more than 总览's ${o(line)}`);
      }
    }
  }

  problems.push(...paragraphProblems(paragraph, o));
  return problems;
}

/**
 * 村村比拼: one block per 范围 ending in its 合计 (the range: 总览's figures) or 小计 (a campaign: its 按活动 row);
 * the villages' 参与人次 and 答题人次 add up to it.
 */
function villageBoardProblems(sheets: ExportSheets['sheets'], o: (label: string) => number | null): string[] {
  const board = sheets.get('村村比拼');
  if (!board) return ['村村比拼 is missing'];
  const problems: string[] = [];
  const blocks = new Map<string, SheetRows>();
  for (const r of board.rows) blocks.set(String(r['范围']), [...(blocks.get(String(r['范围'])) ?? []), r]);
  const campaigns = new Map((sheets.get('按活动')?.rows ?? []).map((r) => [String(r['活动名称']), r]));
  for (const [scope, rows] of blocks) {
    const total = rows[rows.length - 1]!;
    const label = String(total['村（社区）']);
    if (label !== '合计' && label !== '小计') {
      problems.push(`村村比拼 ${scope}: the last row is ${label}, not 合计 or 小计`);
      continue;
    }
    for (const column of ['参与人次', '答题人次']) {
      const sum = rows.slice(0, -1).reduce((s, r) => s + (num(r[column]) ?? 0), 0);
      if (!same(sum, num(total[column]))) problems.push(`村村比拼 ${scope}: the rows of ${column} add up to ${sum}, ${label} says ${total[column]}`);
    }
    const expected: [string, number | null][] =
      label === '合计'
        ? [['参与人次', o('参与人次')], ['答题人次', o('答题人次')], ['参与人数', o('参与人数')], ['平均分', o('平均分')]]
        : (['参与人次', '答题人次', '参与人数', '平均分'] as const).map((c) => [c, num(campaigns.get(scope)?.[c])]);
    for (const [column, value] of expected) if (!same(num(total[column]), value)) problems.push(`村村比拼 ${scope}: ${label} ${column} is ${total[column]}, ${label === '合计' ? '总览' : '按活动'} says ${value}`);
  }
  if (!blocks.size) problems.push('村村比拼 has no rows');
  return problems;
}

/** Every figure the paragraph states must be 总览's (when 总览 has it at all). */
function paragraphProblems(paragraph: string, o: (label: string) => number | null): string[] {
  const problems: string[] = [];
  if (!paragraph) return ['the paragraph is missing'];
  const expectNumber = (re: RegExp, label: string, required: boolean) => {
    const m = re.exec(paragraph);
    if (!m) {
      if (required) problems.push(`the paragraph does not state ${label} (${o(label)})`);
      return;
    }
    const stated = m[1]!.endsWith('%') ? num(m[1]!) : Number(m[1]);
    if (!same(stated, o(label))) problems.push(`the paragraph says ${label} ${m[1]}, 总览 says ${o(label)}`);
  };
  expectNumber(/参与群众(\d+)人/, '参与人数', (o('参与人次') ?? 0) > 0);
  expectNumber(/参与群众\d+人(?:（[^）]*）)?、(\d+)人次/, '参与人次', (o('参与人次') ?? 0) > 0);
  expectNumber(/在线答题(\d+)人次/, '答题人次', (o('答题人次') ?? 0) > 0);
  expectNumber(/平均得分([\d.]+)分/, '平均分', (o('答题人次') ?? 0) > 0);
  expectNumber(/合格率([\d.]+%)/, '合格率', (o('答题人次') ?? 0) > 0);
  expectNumber(/学习普法课程(\d+)人次/, '阅读人次', (o('阅读人次') ?? 0) > 0);
  expectNumber(/完成每日一练(\d+)人次/, '每日一练人次', (o('每日一练人次') ?? 0) > 0);
  expectNumber(/复习错题(\d+)人次/, '错题复习人次', (o('错题复习人次') ?? 0) > 0);
  expectNumber(/开展线下普法活动(\d+)场/, '线下活动场次', (o('线下活动场次') ?? 0) > 0);
  expectNumber(/到场群众(\d+)人次/, '线下参与人次', (o('线下活动场次') ?? 0) > 0);
  expectNumber(/其中扫码签到(\d+)人次/, '其中扫码签到人次', (o('线下活动场次') ?? 0) > 0 && (o('其中扫码签到人次') ?? 0) > 0);
  expectNumber(/发放宣传资料(\d+)份/, '宣传单', (o('线下活动场次') ?? 0) > 0 && (o('宣传单') ?? 0) > 0);
  expectNumber(/悬挂宣传标语(\d+)/, '标语', (o('线下活动场次') ?? 0) > 0 && (o('标语') ?? 0) > 0);
  // the kinds of offline event named in brackets add up to the number of events
  const kinds = /开展线下普法活动\d+场（([^）]*)）/.exec(paragraph)?.[1];
  if (kinds) {
    const sum = [...kinds.matchAll(/(\d+)场/g)].reduce((s, m) => s + Number(m[1]), 0);
    if (!same(sum, o('线下活动场次'))) problems.push(`the paragraph's kinds of offline event add up to ${sum}, 总览 says ${o('线下活动场次')}`);
  }
  return problems;
}
