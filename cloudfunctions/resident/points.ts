/** 学法积分: the resident's points and streak (home, 我的) and 积分明细, read from what the events awarded. */
import type { ActionContext } from '../shared/handler';
import type { PointsDayDoc, PointsItemDoc } from '../shared/documents';
import { LEDGER_PAGE_DAYS, POINT_RULES, type PointsLedger, type PointsLedgerDay, type PointsLedgerItem, type PointsSummary } from '../contracts/points';
import { chinaDay } from '../contracts/time';
import { personKey } from '../shared/identity';
import { readAll } from '../shared/database';
import { countedPoints, summarize } from '../shared/participation/points';

async function loadDays(ctx: ActionContext, key: string): Promise<Pick<PointsDayDoc, 'day' | 'earned'>[]> {
  return readAll<'points_days', PointsDayDoc>(ctx.db, 'points_days', { personKey: key }, { day: true, earned: true });
}

export async function getPoints(ctx: ActionContext): Promise<PointsSummary> {
  return summarize(await loadDays(ctx, personKey(ctx.openId)), chinaDay(ctx.now()));
}

/** Titles of the lessons, campaigns and offline events the items name (one read per collection). */
async function titles(ctx: ActionContext, collection: 'lessons' | 'campaigns' | 'offline_events', ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const res = await ctx.db.collection(collection).where({ _id: ctx.db.command.in([...new Set(ids)]) }).field({ _id: true, title: true }).limit(1000).get();
  return new Map((res.data as { _id: string; title: string }[]).map((d) => [d._id, d.title]));
}

const ruleTitle = (rule: PointsItemDoc['rule']) => POINT_RULES.find((r) => r.rule === rule)!.title;

export async function getPointsLedger(ctx: ActionContext, before?: string): Promise<PointsLedger> {
  const key = personKey(ctx.openId);
  const days = await loadDays(ctx, key);
  const summary = summarize(days, chinaDay(ctx.now()));
  const withPoints = days.filter((d) => d.earned > 0 && (!before || d.day < before)).sort((a, b) => b.day.localeCompare(a.day));
  const page = withPoints.slice(0, LEDGER_PAGE_DAYS);
  if (!page.length) return { summary, days: [], nextBefore: null };
  const _ = ctx.db.command;
  const items = await readAll<'points_items', PointsItemDoc>(ctx.db, 'points_items', { personKey: key, day: _.and(_.gte(page[page.length - 1].day), _.lte(page[0].day)) });
  const subjects = (rule: PointsItemDoc['rule']) => items.filter((i) => i.rule === rule && i.subject).map((i) => i.subject!);
  const [lessons, campaigns, events] = await Promise.all([titles(ctx, 'lessons', subjects('read')), titles(ctx, 'campaigns', subjects('quiz_pass')), titles(ctx, 'offline_events', subjects('checkin'))]);
  const label = (i: PointsItemDoc): string => {
    const named = (m: Map<string, string>, wrap: (t: string) => string) => (i.subject && m.has(i.subject) ? wrap(m.get(i.subject)!) : ruleTitle(i.rule));
    if (i.rule === 'read') return named(lessons, (t) => `读完《${t}》`);
    if (i.rule === 'quiz_pass') return named(campaigns, (t) => `「${t}」答题合格`);
    if (i.rule === 'checkin') return named(events, (t) => `「${t}」签到`);
    return ruleTitle(i.rule);
  };
  const ledgerDays: PointsLedgerDay[] = page.map((d) => {
    const mine = items.filter((i) => i.day === d.day).sort((a, b) => a.key.localeCompare(b.key));
    const mastered = mine.filter((i) => i.rule === 'mastered');
    const lines: PointsLedgerItem[] = mine.filter((i) => i.rule !== 'mastered').map((i) => ({ rule: i.rule, label: label(i), points: i.points }));
    if (mastered.length) lines.push({ rule: 'mastered', label: `学会错题 ${mastered.length} 道`, points: mastered.reduce((s, i) => s + i.points, 0) });
    return { day: d.day, earned: d.earned, counted: countedPoints(d.earned), items: lines };
  });
  return { summary, days: ledgerDays, nextBefore: withPoints.length > page.length ? page[page.length - 1].day : null };
}
