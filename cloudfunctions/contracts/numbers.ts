/**
 * Rates and averages as every report shows them: computed from exact integer counts and rounded once, so the
 * dashboard, the CSV, the workbook, the export CLI and the draft paragraph show the same figure. Imported by the
 * functions and the mini-program (`@contracts/numbers`); no dependencies.
 */

/**
 * part / whole as a fraction rounded once, half up, to 0.1 % (three decimals: 432/879 → 0.491, 1/16 → 0.063),
 * in integer arithmetic; null when whole is 0. The xlsx stores this value with the 0.0% format.
 */
export function rateOf(part: number, whole: number): number | null {
  if (!whole) return null;
  return Math.floor((2000 * part + whole) / (2 * whole)) / 1000;
}

/** A rate from rateOf as text: 0.491 → '49.1%' (no second rounding: the value already has one decimal of %). */
export function percentText(rate: number | null): string {
  if (rate === null) return '—';
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** sum / n rounded once, half up, to one decimal (scores are integers, so sum is exact); null when n is 0. */
export function averageOf(sum: number, n: number): number | null {
  if (!n) return null;
  return Math.floor((20 * sum + n) / (2 * n)) / 10;
}

/** An average from averageOf as text: 86 → '86.0'. */
export function averageText(avg: number | null): string {
  return avg === null ? '—' : avg.toFixed(1);
}

/** `增加120人、增长10.8%` / `减少3场、下降20.0%` / `持平` / `增加2场（上年同期为0）`. */
export function describeChange(row: { change: number; changeRate: number | null; unit: string }): string {
  if (row.change === 0) return '持平';
  const amount = `${row.change > 0 ? '增加' : '减少'}${Math.abs(row.change)}${row.unit}`;
  if (row.changeRate === null) return `${amount}（上年同期为0）`;
  const pct = percentText(Math.abs(row.changeRate));
  // The direction from the exact change: a rise too small to show stays 增长0.0%.
  return `${amount}、${row.change > 0 ? '增长' : '下降'}${pct}`;
}

/** A difference of two rates (discrimination) rounded once to two decimals. */
export function differenceOf(a: number, b: number): number {
  return Math.round((a - b) * 100) / 100;
}
