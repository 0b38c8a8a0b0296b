/**
 * Renders the report tables as an xlsx workbook (exceljs) or one UTF-8 CSV with a BOM (sections per sheet),
 * so Excel and WPS show the Chinese. Every text cell that starts with = + - @ (or a tab / carriage return,
 * or their full-width forms) gets a leading apostrophe, in both formats, so no cell can run as a formula.
 * Numbers are written as numbers.
 */
import ExcelJS from 'exceljs';
import type { ReportView } from '../../contracts/reports';
import { cellText, reportTables, type Cell, type Fmt, type Table } from './sheets';

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
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
  title.getCell(1).value = neutralise(table.title);
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

  const totals = new Set(table.totalRows ?? []);
  table.rows.forEach((row, r) => {
    const xr = ws.getRow(r + 3);
    row.forEach((raw, i) => {
      const col = table.columns[i];
      const { value, fmt } = split(raw, col.fmt);
      const cell = xr.getCell(i + 1);
      cell.value = typeof value === 'string' ? neutralise(value) : value;
      const numFmt = NUM_FMT[fmt];
      if (numFmt && typeof value === 'number') cell.numFmt = numFmt;
      if (col.wrap) cell.alignment = { wrapText: true, vertical: 'top' };
      if (totals.has(r)) cell.font = { bold: true };
      const shown = neutralise(cellText(raw, col.fmt));
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
      cell.value = neutralise(line);
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

/** A CSV field; text is neutralised, numbers (written by this module) are left as numbers. */
function csvField(text: string, isNumber = false): string {
  const safe = isNumber ? text : neutralise(text);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
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
