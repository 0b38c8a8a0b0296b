/** How the spaced-review schedule reads to a resident. */
const INTERVAL_DAYS = [1, 3, 7, 14, 30];

/** 'YYYY-MM-DD' → 12月7日. */
export function dayLabel(day: string): string {
  const [, m, d] = day.split('-').map(Number);
  return m && d ? `${m}月${d}日` : '';
}

export function scheduleText(stage: number, dueDay: string, due: boolean): string {
  const step = `第 ${Math.min(stage, INTERVAL_DAYS.length - 1) + 1} / ${INTERVAL_DAYS.length} 轮`;
  return due ? `今天要复习 · ${step}` : `${dayLabel(dueDay)}复习 · ${step}`;
}
