/** How the spaced-review schedule reads to a resident. */
import { monthDayLabel } from '@contracts/time';

const INTERVAL_DAYS = [1, 3, 7, 14, 30];

export function scheduleText(stage: number, dueDay: string, due: boolean): string {
  const step = `第 ${Math.min(stage, INTERVAL_DAYS.length - 1) + 1} / ${INTERVAL_DAYS.length} 轮`;
  return due ? `今天要复习 · ${step}` : `${monthDayLabel(dueDay)}复习 · ${step}`;
}
