/** Calendar arithmetic on China days ('YYYY-MM-DD') and months ('YYYY-MM'), as plain strings. */

const DAY_MS = 24 * 3600 * 1000;

export const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export const monthOf = (day: string) => day.slice(0, 7);
export const yearOf = (day: string) => day.slice(0, 4);
export const monthStart = (month: string) => `${month}-01`;
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
}

/** Every month touching [from, to], in order. */
export function monthsIn(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = monthOf(from); m <= monthOf(to); m = nextMonth(m)) out.push(m);
  return out;
}

export function yearsIn(from: string, to: string): string[] {
  const out: string[] = [];
  for (let y = Number(yearOf(from)); y <= Number(yearOf(to)); y++) out.push(String(y));
  return out;
}

/**
 * Splits [from, to] into whole months (read from monthly rollups) and the days of the months it only
 * partly covers (read from daily rollups).
 */
export function splitRange(from: string, to: string): { fullMonths: string[]; partialDays: { from: string; to: string }[] } {
  const fullMonths: string[] = [];
  const partialDays: { from: string; to: string }[] = [];
  for (const m of monthsIn(from, to)) {
    const a = from > monthStart(m) ? from : monthStart(m);
    const b = to < monthEnd(m) ? to : monthEnd(m);
    if (a === monthStart(m) && b === monthEnd(m)) fullMonths.push(m);
    else partialDays.push({ from: a, to: b });
  }
  return { fullMonths, partialDays };
}

/** `2026年1月1日` */
export function chineseDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
export function chineseMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${y}年${m}月`;
}
