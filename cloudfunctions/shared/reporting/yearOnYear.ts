/**
 * 同比: a report compared with the same days one year earlier (2027-01-01…2027-06-30 with
 * 2026-01-01…2026-06-30; 02-29 becomes 02-28), for 参与人数、参与人次、答题人次 and 线下活动场次, each with the
 * change in absolute numbers and in percent; and each campaign row of a standing campaign beside the same
 * campaign's edition of the year before (its figures over the same days one year earlier). Both reports are
 * counted the same way (shared/reporting/figures.ts), so the two columns are comparable.
 */
import type { CampaignFigures, PreviousEdition, ReportView, YearOnYear, YearOnYearRow } from '../../contracts/reports';
import { describeChange, rateOf } from '../../contracts/numbers';

/** The same China day one year earlier (02-29 → 02-28). */
export function sameDayLastYear(day: string): string {
  const y = Number(day.slice(0, 4)) - 1;
  const md = day.slice(5) === '02-29' ? '02-28' : day.slice(5);
  return `${String(y).padStart(4, '0')}-${md}`;
}

export function previousYearRange(from: string, to: string): { from: string; to: string } {
  return { from: sameDayLastYear(from), to: sameDayLastYear(to) };
}

/** Whether a report has anything to compare with: some participation or an offline event. */
export function hasFigures(r: Pick<ReportView, 'totals'>): boolean {
  return r.totals.times > 0 || r.totals.offlineEvents > 0 || r.totals.people > 0;
}

/** The compared figures, in the order the workbook and the paragraph give them. */
export const YEAR_ON_YEAR_METRICS: { key: YearOnYearRow['key']; label: string; unit: string }[] = [
  { key: 'people', label: '参与人数', unit: '人' },
  { key: 'times', label: '参与人次', unit: '人次' },
  { key: 'quiz', label: '答题人次', unit: '人次' },
  { key: 'offlineEvents', label: '线下活动场次', unit: '场' },
];

/**
 * (current − previous) / previous from the exact counts, rounded once to 0.1 % (rateOf; half away from zero, so a
 * fall reads like the same rise), null when the previous year had none.
 */
export const changeRateOf = (current: number, previous: number): number | null => {
  if (!previous) return null;
  const change = current - previous;
  return change < 0 ? -rateOf(-change, previous)! : rateOf(change, previous);
};

const rowOf = (key: YearOnYearRow['key'], label: string, unit: string, current: number, previous: number): YearOnYearRow => ({
  key,
  label,
  unit,
  current,
  previous,
  change: current - previous,
  changeRate: changeRateOf(current, previous),
});

/** 同比 of a report's totals, or null when the previous year's range has no figures. */
export function compareYears(current: Pick<ReportView, 'totals'>, previous: Pick<ReportView, 'totals' | 'from' | 'to'> | null): YearOnYear | null {
  if (!previous || !hasFigures(previous)) return null;
  return {
    from: previous.from,
    to: previous.to,
    rows: YEAR_ON_YEAR_METRICS.map((m) => rowOf(m.key, m.label, m.unit, current.totals[m.key], previous.totals[m.key])),
  };
}

const editionFigures = (c: CampaignFigures, current: CampaignFigures): PreviousEdition => ({
  id: c.id,
  title: c.title,
  year: c.year,
  people: c.people,
  times: c.times,
  quiz: c.quiz,
  offlineEvents: c.offlineEvents,
  timesChangeRate: changeRateOf(current.times, c.times),
});

/**
 * Each campaign row that is an edition of a standing campaign gets the edition of the year before (same
 * template, year − 1) as the previous year's report counted it.
 */
export function withPreviousEditions(campaigns: CampaignFigures[], previous: Pick<ReportView, 'campaigns'> | null): CampaignFigures[] {
  const before = new Map<string, CampaignFigures>();
  for (const c of previous?.campaigns ?? []) if (c.templateId && c.year) before.set(`${c.templateId}|${c.year}`, c);
  return campaigns.map((c) => {
    const prev = c.templateId && c.year ? before.get(`${c.templateId}|${c.year - 1}`) : undefined;
    return { ...c, previousEdition: prev ? editionFigures(prev, c) : null };
  });
}

/** The wording of a change (contracts/numbers.ts, so the dashboard writes it as the paragraph does). */
export { describeChange };
