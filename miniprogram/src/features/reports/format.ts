/** Numbers on the dashboard: 合格率 as 92.3%, scores with one decimal, a dash when there is nothing yet. */
import { percentText } from '@contracts/numbers';

export const pct = percentText;
export const score = (avg: number | null) => (avg === null ? '—' : `${avg.toFixed(1)} 分`);
export const num = (n: number) => String(n);

/** The China day of an instant: 2026-12-04. */
export { chinaDay as chinaDayOf } from '@contracts/time';

export type PeriodKey = 'year' | 'lastYear' | 'month' | 'custom';
/** The one wording of a backwards export range (the server's check says the same: shared/reporting rangeProblem). */
export const RANGE_ORDER_ERROR = '起始日期不能晚于截止日期';

export const PERIOD_LABEL: Record<PeriodKey, string> = { year: '今年至今', lastYear: '去年全年', month: '本月至今', custom: '自选日期' };

/** The date range of a preset, as China days (inclusive). */
export function periodRange(key: Exclude<PeriodKey, 'custom'>, today: string): { from: string; to: string } {
  const y = today.slice(0, 4);
  if (key === 'lastYear') return { from: `${Number(y) - 1}-01-01`, to: `${Number(y) - 1}-12-31` };
  if (key === 'month') return { from: `${today.slice(0, 7)}-01`, to: today };
  return { from: `${y}-01-01`, to: today };
}
