import { chinaParts } from '@contracts/time';

/** An instant shown to residents and staff, in China time: 2026年12月4日 09:30 (days and ranges: contracts/time.ts). */
export function formatDateTime(iso: string): string {
  if (Number.isNaN(Date.parse(iso))) return '';
  const d = chinaParts(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.year}年${d.month}月${d.day}日 ${pad(d.hour)}:${pad(d.minute)}`;
}
