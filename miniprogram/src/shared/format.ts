import { chinaParts } from '@contracts/time';

/** Dates shown to residents, in China time: 12月4日. */
export function formatDay(iso: string): string {
  if (Number.isNaN(Date.parse(iso))) return '';
  const d = chinaParts(iso);
  return `${d.month}月${d.day}日`;
}
export function formatDateTime(iso: string): string {
  if (Number.isNaN(Date.parse(iso))) return '';
  const d = chinaParts(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.year}年${d.month}月${d.day}日 ${pad(d.hour)}:${pad(d.minute)}`;
}
