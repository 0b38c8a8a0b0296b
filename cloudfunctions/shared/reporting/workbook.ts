/**
 * Renders the report tables as an xlsx workbook (exceljs) or one UTF-8 CSV with a BOM (sections per sheet),
 * so Excel and WPS show the Chinese. Numbers are written as numbers.
 *
 * Text that someone typed (an event's title, notes) must never run as a formula:
 * - CSV: every text field is quoted (so a `;`-separated locale cannot split `a;=1+1` into a formula field),
 *   control characters are removed, and a field starting with = + - @ (or their full-width forms) gets a
 *   leading apostrophe;
 * - xlsx: text is stored as a text (shared string) cell, which Excel and WPS never evaluate, so it keeps its
 *   exact wording with no visible apostrophe; control characters are removed (XML cannot hold them).
 */
import ExcelJS from 'exceljs';
import type { ReportView } from '../../contracts/reports';
import { cellText, reportTables, type Cell, type Fmt, type Table } from './sheets';

const FORMULA_START = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;
// C0 controls except line feed, DEL, and C1 controls; a CR LF or lone CR becomes a line feed first.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g;

/** Text without control characters (line breaks kept as \n). */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '');
}

/** CSV text that cannot start a formula: cleaned, and a leading apostrophe before = + - @. */
export function neutralise(text: string): string {
  const clean = cleanText(text);
  return FORMULA_START.test(clean) ? `'${clean}` : clean;
}

const NUM_FMT: Record<Fmt, string | undefined> = { int: '#,##0', pct: '0.0%', dec1: '0.0', dec2: '0.00', text: undefined };

/** Display width of a string in Excel character units (CJK and full-width count two). */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function split(cell: Cell, columnFmt: Fmt): { value: string | number | null; fmt: Fmt } {
  if (cell !== null && typeof cell === 'object') return { value: cell.n, fmt: cell.fmt };
  return { value: cell, fmt: typeof cell === 'string' ? 'text' : columnFmt };
}

function addSheet(wb: ExcelJS.Workbook, table: Table) {
  const ws = wb.addWorksheet(table.name, { views: [{ state: 'frozen', xSplit: 1, ySplit: 2, activeCell: 'B3' }] });
  const ncol = table.columns.length;
  const widths = table.columns.map((c) => Math.max(displayWidth(c.header) + 2, 8));

  const title = ws.getRow(1);
  title.getCell(1).value = cleanText(table.title);
  title.getCell(1).font = { bold: true, size: 14 };
  title.height = 24;
  if (ncol > 1) ws.mergeCells(1, 1, 1, ncol);

  const header = ws.getRow(2);
  table.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF1E7DC' } };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF8C1D18' } } };
  });
  header.height = 22;

  // Printing: A4, landscape when the sheet is wide, one page wide (as many pages tall as needed), the title
  // and header rows on every page, the sheet's title and the date range in the page header.
  const escape = (s: string) => cleanText(s).replace(/&/g, '&&');
  ws.pageSetup = {
    paperSize: 9,
    orientation: ncol > 6 ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: '1:2',
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.7, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = {
    oddHeader: `&L${escape(table.title)}&R统计区间：${escape(table.range)}`,
    oddFooter: `&C第 &P 页，共 &N 页`,
  };

  const totals = new Set(table.totalRows ?? []);
  const wrapped: { row: ExcelJS.Row; texts: { col: number; text: string }[] }[] = [];
  table.rows.forEach((row, r) => {
    const xr = ws.getRow(r + 3);
    row.forEach((raw, i) => {
      const col = table.columns[i];
      const { value, fmt } = split(raw, col.fmt);
      const cell = xr.getCell(i + 1);
      cell.value = typeof value === 'string' ? cleanText(value) : value;
      const numFmt = NUM_FMT[fmt];
      if (numFmt && typeof value === 'number') cell.numFmt = numFmt;
      if (col.wrap) cell.alignment = { wrapText: true, vertical: 'top' };
      if (col.wrap && typeof value === 'string' && value) (wrapped[r] ??= { row: xr, texts: [] }).texts.push({ col: i, text: cleanText(value) });
      if (totals.has(r)) cell.font = { bold: true };
      const shown = cleanText(cellText(raw, col.fmt));
      widths[i] = Math.max(widths[i], Math.min(displayWidth(shown) + 2, col.wrap ? 60 : 40));
    });
  });

  let next = table.rows.length + 4;
  for (const block of table.footer ?? []) {
    const label = ws.getRow(next++).getCell(1);
    label.value = block.label;
    label.font = { bold: true };
    for (const line of block.lines) {
      const row = ws.getRow(next++);
      const cell = row.getCell(1);
      cell.value = cleanText(line);
      cell.alignment = { wrapText: true, vertical: 'top' };
      if (ncol > 1) ws.mergeCells(row.number, 1, row.number, ncol);
      const span = widths.reduce((s, w) => s + w, 0);
      row.height = Math.max(18, Math.ceil(displayWidth(line) / Math.max(span - 2, 20)) * 18);
    }
    next++;
  }
  ws.columns.forEach((c, i) => {
    c.width = widths[i] ?? 10;
  });
  // Long text wraps: rows get the height of their longest wrapped cell (WPS does not grow rows by itself).
  for (const w of wrapped) {
    if (!w) continue;
    const lines = Math.max(...w.texts.map((t) => t.text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(displayWidth(part) / Math.max(widths[t.col] - 2, 8))), 0)));
    if (lines > 1) w.row.height = lines * 15 + 3;
  }
}

export async function buildXlsx(report: ReportView): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '普法学堂';
  wb.created = new Date(report.generatedAt);
  wb.modified = wb.created;
  for (const table of reportTables(report)) addSheet(wb, table);
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

/** A CSV field: text is neutralised and always quoted; numbers (written by this module) are left bare. */
function csvField(text: string, isNumber = false): string {
  if (isNumber) return text;
  return `"${neutralise(text).replace(/"/g, '""')}"`;
}

/** One CSV (UTF-8 with BOM, CRLF) holding every sheet as a section headed 【sheet name】. */
export function buildCsv(report: ReportView): Buffer {
  const lines: string[] = [];
  for (const table of reportTables(report)) {
    lines.push(csvField(`【${table.name}】`));
    lines.push(csvField(table.title));
    lines.push(table.columns.map((c) => csvField(c.header)).join(','));
    for (const row of table.rows) {
      lines.push(row.map((cell, i) => csvField(cellText(cell, table.columns[i].fmt), typeof cell === 'number' || (cell !== null && typeof cell === 'object'))).join(','));
    }
    for (const block of table.footer ?? []) {
      lines.push('');
      lines.push(csvField(block.label));
      for (const line of block.lines) lines.push(csvField(line));
    }
    lines.push('');
  }
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n'), 'utf8')]);
}

export async function buildExportFile(report: ReportView, format: 'xlsx' | 'csv'): Promise<Buffer> {
  return format === 'xlsx' ? buildXlsx(report) : buildCsv(report);
}

export function exportFileName(report: Pick<ReportView, 'townName' | 'from' | 'to'>, format: 'xlsx' | 'csv'): string {
  return `${report.townName}普法参与统计_${report.from}_${report.to}.${format}`;
}
