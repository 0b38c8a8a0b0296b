/**
 * Test helpers for exported reports: read a workbook back with exceljs (or parse the CSV) into rows keyed by
 * the Chinese headers, and an independent recount of the report's figures straight from raw events.
 */
import ExcelJS from 'exceljs';
import type { adminApp } from '../shared/adminApp';

export type SheetRows = Record<string, string | number | null>[];

function plain(v: ExcelJS.CellValue): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  if (typeof v === 'object' && 'formula' in v) return `=${(v as { formula: string }).formula}`;
  return String(v);
}

export interface ReadSheet {
  title: string;
  headers: string[];
  rows: SheetRows;
  /** Every cell value of the sheet, for privacy and injection scans. */
  cells: (string | number | null)[];
  /** Cells holding a formula (an export has none). */
  formulas: number;
  frozenRows: number;
  widths: number[];
  numFmts: Record<string, string>;
}

/** Header row 2, data from row 3 up to the first empty row. */
export async function readWorkbook(buffer: Buffer): Promise<Map<string, ReadSheet>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const out = new Map<string, ReadSheet>();
  wb.eachSheet((ws) => {
    const headers = (ws.getRow(2).values as ExcelJS.CellValue[]).slice(1).map((v) => String(plain(v) ?? ''));
    const rows: SheetRows = [];
    const numFmts: Record<string, string> = {};
    for (let r = 3; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      if (!row.hasValues) break;
      const obj: Record<string, string | number | null> = {};
      headers.forEach((h, i) => {
        const cell = row.getCell(i + 1);
        obj[h] = plain(cell.value);
        if (cell.numFmt && !(h in numFmts)) numFmts[h] = cell.numFmt;
      });
      rows.push(obj);
    }
    const cells: (string | number | null)[] = [];
    let formulas = 0;
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        cells.push(plain(cell.value));
        if (cell.type === ExcelJS.ValueType.Formula) formulas++;
      }),
    );
    const view = ws.views?.[0] as { ySplit?: number } | undefined;
    out.set(ws.name, {
      title: String(plain(ws.getRow(1).getCell(1).value) ?? ''),
      headers,
      rows,
      cells,
      formulas,
      frozenRows: view?.ySplit ?? 0,
      widths: ws.columns.map((c) => c.width ?? 0),
      numFmts,
    });
  });
  return out;
}

/** Minimal RFC 4180 parser (quoted fields, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export interface RawEvent {
  _id: string;
  kind: string;
  personKey: string;
  campaignId: string;
  villageId: string;
  laws: string[];
  codes?: string[];
  day: string;
  month: string;
  year: string;
  score?: number;
  passed?: boolean;
}

/** Every stored participation event, paged (the SDK returns at most 1000 at a time). */
export async function allEventsOf<T = RawEvent>(db: ReturnType<ReturnType<typeof adminApp>['database']>): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; ; skip += 1000) {
    const page = (await db.collection('events').orderBy('_id', 'asc').skip(skip).limit(1000).get()).data as T[];
    out.push(...page);
    if (page.length < 1000) return out;
  }
}

export interface RawOffline {
  date: string;
  villageId: string;
  campaignId: string | null;
  attendees: number;
  leaflets: number;
  banners: number;
  checkIns: number;
  archived: boolean;
  themeLaws: string[];
}

export interface Figures {
  people: number;
  times: number;
  quiz: number;
  avgScore: number | null;
  passRate: number | null;
  read: number;
  share: number;
  practice: number;
  review: number;
  checkin: number;
  offlineEvents: number;
  unscanned: number;
  leaflets: number;
  banners: number;
}

/**
 * The figures of a set of events recounted by brute force (no rollups, no counters). `peopleFrom` are the
 * events whose distinct persons make up 参与人数 (the caller chooses the scope, e.g. the whole year up to `to`).
 */
export function bruteFigures(events: RawEvent[], peopleFrom: RawEvent[], offline: RawOffline[]): Figures {
  const quiz = events.filter((e) => e.kind === 'quiz_attempt');
  const scoreSum = quiz.reduce((s, e) => s + (e.score ?? 0), 0);
  const passed = quiz.filter((e) => e.passed).length;
  const unscanned = offline.reduce((s, e) => s + e.attendees, 0);
  return {
    people: new Set(peopleFrom.map((e) => e.personKey)).size,
    times: events.length + unscanned,
    quiz: quiz.length,
    avgScore: quiz.length ? Math.round((scoreSum / quiz.length) * 10) / 10 : null,
    passRate: quiz.length ? Math.round((passed / quiz.length) * 1000) / 1000 : null,
    read: events.filter((e) => e.kind === 'lesson_read').length,
    share: events.filter((e) => e.kind === 'share').length,
    practice: events.filter((e) => e.kind === 'practice').length,
    review: events.filter((e) => e.kind === 'review').length,
    checkin: events.filter((e) => e.kind === 'checkin').length,
    offlineEvents: offline.length,
    unscanned,
    leaflets: offline.reduce((s, e) => s + e.leaflets, 0),
    banners: offline.reduce((s, e) => s + e.banners, 0),
  };
}

/** A sheet row (按活动 / 按村社区 / 按月份 columns) as Figures. */
export function rowFigures(row: Record<string, string | number | null>): Figures {
  const num = (k: string) => (row[k] === null || row[k] === undefined ? null : Number(row[k]));
  return {
    people: num('参与人数')!,
    times: num('参与人次')!,
    quiz: num('答题人次')!,
    avgScore: num('平均分'),
    passRate: num('合格率'),
    read: num('阅读人次')!,
    share: num('分享人次')!,
    practice: num('每日一练人次')!,
    review: num('错题复习人次')!,
    checkin: num('扫码签到人次')!,
    offlineEvents: num('线下活动场次')!,
    unscanned: num('未扫码到场人数')!,
    leaflets: num('宣传单（份）')!,
    banners: num('标语（副）')!,
  };
}
