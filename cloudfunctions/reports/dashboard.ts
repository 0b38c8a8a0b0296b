import type { ActionContext } from '../shared/handler';
import type { DashboardView, DayPoint } from '../contracts/reports';
import { addDays, chinaDay } from '../contracts/time';
import { computeReport, isHeldOffline } from '../shared/reporting/figures';
import { readAll } from '../shared/database';
import { rollupType } from '../shared/participation/keys';

export const DASHBOARD_DAYS = 30;

/**
 * Participation per day over the last `days` China days (oldest first): the daily rollups plus the offline
 * attendees who did not scan (entered by staff per event), as the totals count them.
 */
export async function daySeries(ctx: ActionContext, today: string, days = DASHBOARD_DAYS): Promise<DayPoint[]> {
  const _ = ctx.db.command;
  const first = addDays(today, -(days - 1));
  const [rows, offline] = await Promise.all([
    readAll(ctx.db, 'rollups', _.and([{ type: rollupType('dim', 'day') }, { day: _.gte(first) }, { day: _.lte(today) }]), { day: true, kind: true, count: true }),
    readAll(ctx.db, 'offline_events', _.and([{ date: _.gte(first) }, { date: _.lte(today) }]), { date: true, attendees: true, archived: true }),
  ]);
  const byDay = new Map<string, DayPoint>();
  for (let i = 0; i < days; i++) {
    const day = addDays(first, i);
    byDay.set(day, { day, times: 0, quiz: 0 });
  }
  for (const r of rows) {
    const p = byDay.get(r.day!);
    if (!p) continue;
    p.times += r.count;
    if (r.kind === 'quiz_attempt') p.quiz += r.count;
  }
  for (const e of offline) {
    const p = byDay.get(e.date);
    if (p && isHeldOffline(e, today)) p.times += e.attendees ?? 0;
  }
  return [...byDay.values()];
}

export async function dashboard(ctx: ActionContext): Promise<DashboardView> {
  const now = ctx.now();
  const today = chinaDay(now);
  const year = today.slice(0, 4);
  const [report, days] = await Promise.all([computeReport(ctx.db, `${year}-01-01`, today, now), daySeries(ctx, today)]);
  const live = report.campaigns.filter((c) => c.state === 'live');
  const ended = report.campaigns.filter((c) => c.state === 'ended').sort((a, b) => (b.end ?? '').localeCompare(a.end ?? ''));
  return {
    townName: report.townName,
    bannerUnit: report.bannerUnit,
    today,
    year,
    yearTotals: report.totals,
    comparison: report.comparison,
    campaigns: live.length ? live : ended.slice(0, 1),
    days,
    villages: report.villages,
    villageBoard: report.villageBoard,
    flagged: report.questions.filter((q) => q.flags.length > 0 && !q.archived).slice(0, 20),
    paragraph: report.paragraph,
    notes: report.notes,
  };
}
