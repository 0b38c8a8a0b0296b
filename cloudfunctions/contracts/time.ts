/**
 * China time, the one home for days, months and ranges: every day and month residents and reports see is
 * Asia/Shanghai (UTC+8, no daylight saving). Imported by the functions and, at run time, by the mini-program
 * (`@contracts/time`), so it imports nothing (no zod, no server code).
 *
 * Days are 'YYYY-MM-DD' and months 'YYYY-MM' strings; they sort and compare as strings.
 */

/** Asia/Shanghai is UTC+8 all year. */
export const CHINA_OFFSET_MS = 8 * 3600 * 1000;
export const DAY_MS = 24 * 3600 * 1000;

type Instant = Date | number | string;
const ms = (at: Instant) => (at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at));

/** The instant shifted so its UTC fields read as China wall-clock time. */
const wall = (at: Instant) => new Date(ms(at) + CHINA_OFFSET_MS);

/** `2026-12-04` for any instant inside that China day. */
export function chinaDay(at: Instant): string {
  return wall(at).toISOString().slice(0, 10);
}
export function chinaMonth(at: Instant): string {
  return chinaDay(at).slice(0, 7);
}
/** China date and time of an instant: { date: '2026-12-04', time: '09:30' }. */
export function chinaDateTime(at: Instant): { date: string; time: string } {
  const iso = wall(at).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}
/** The China wall-clock fields of an instant (for 12月4日 style labels). */
export function chinaParts(at: Instant): { year: number; month: number; day: number; hour: number; minute: number } {
  const d = wall(at);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

/** A real calendar day in 'YYYY-MM-DD' form (2026-02-30 is not). */
export function isDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}
export const isMonth = (s: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(s);

/** The instant a China day starts: `2026-12-04` → 2026-12-03T16:00:00Z. */
export function chinaDayStart(day: string): Date {
  if (!isDay(day)) throw new Error(`not a day: ${day}`);
  return new Date(Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS);
}
/** The last millisecond of a China day. */
export function chinaDayEnd(day: string): Date {
  return new Date(chinaDayStart(day).getTime() + DAY_MS - 1);
}
/** China date + time ('09:30') → ISO instant. */
export function chinaInstant(date: string, time = '00:00'): string {
  return new Date(chinaDayStart(date).getTime() + (Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))) * 60000).toISOString();
}

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

/** Does the instant range [start, end] (ISO) overlap the China days [from, to]? */
export function overlapsDays(start: string, end: string, from: string, to: string): boolean {
  return Date.parse(start) <= chinaDayEnd(to).getTime() && Date.parse(end) >= chinaDayStart(from).getTime();
}

/** `2026年1月1日` */
export function chineseDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
/** `2026年1月` */
export function chineseMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${y}年${m}月`;
}
/** `12月4日` */
export const monthDayLabel = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
/**
 * China days `from`..`to` in words. The start has no year only when both days are in `thisYear` (`12月1日 至 12月8日`);
 * otherwise the start has its year, and the end has its own when it is another year (`2025年12月1日 至 12月8日`,
 * `2026年12月1日 至 2027年1月15日`). Without `thisYear` the start always has its year.
 */
export function dayRangeLabel(from: string, to: string, options: { thisYear?: string; joiner?: string } = {}): string {
  const bothThisYear = yearOf(from) === options.thisYear && yearOf(to) === options.thisYear;
  const start = bothThisYear ? monthDayLabel(from) : chineseDate(from);
  const end = yearOf(to) === yearOf(from) ? monthDayLabel(to) : chineseDate(to);
  return `${start}${options.joiner ?? ' 至 '}${end}`;
}
/** A campaign's window (ISO instants) as the China days it covers, as `dayRangeLabel` words them. */
export const windowLabel = (startIso: string, endIso: string, thisYear?: string) => dayRangeLabel(chinaDay(startIso), chinaDay(endIso), { thisYear });
