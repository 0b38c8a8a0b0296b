/** Dates as residents live them: every day and month in reports is Asia/Shanghai (UTC+8, no DST). */
const OFFSET_MS = 8 * 3600 * 1000;

/** `2026-12-04` for any instant inside that China day. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}
export function chinaMonth(at: Date): string {
  return chinaDay(at).slice(0, 7);
}
/** The instant a China day starts: `2026-12-04` → 2026-12-03T16:00:00Z. */
export function chinaDayStart(day: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`not a day: ${day}`);
  return new Date(Date.parse(`${day}T00:00:00+08:00`));
}
