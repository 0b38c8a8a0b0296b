import type { ActionContext } from '../shared/handler';
import type { CampaignCard, HomeView, LawGroup, Notice } from '../contracts/resident';
import type { LawDoc } from '../shared/documents';
import { personKey } from '../shared/identity';
import { liveCampaignsAt, toCampaignCard } from '../shared/campaigns';
import { loadLaws } from '../shared/laws';
import { loadTown } from '../shared/town';
import { buildProfile, loadResident } from './profile';
import { campaignProgress } from './campaign';
import { reads } from '../shared/database';

/** Live campaigns lead (pinned first, then the one ending soonest). */
export async function liveCampaigns(ctx: ActionContext, laws: Map<string, LawDoc>): Promise<CampaignCard[]> {
  return (await liveCampaignsAt(ctx.db, ctx.now())).map((c) => toCampaignCard(c, laws, ctx.now()));
}


export async function getHome(ctx: ActionContext): Promise<HomeView> {
  const key = personKey(ctx.openId);
  const [laws, town, resident, lessonsRes, readsRes, noticesRes] = await Promise.all([
    loadLaws(ctx.db),
    loadTown(ctx.db),
    loadResident(ctx),
    reads(ctx.db, 'lessons')
      .where({ archived: false })
      .field({ _id: true, title: true, law: true, readingMinutes: true, tags: true })
      .orderBy('law', 'asc')
      .orderBy('_id', 'asc')
      .limit(1000)
      .get(),
    reads(ctx.db, 'lesson_reads').where({ personKey: key }).field({ lessonId: true }).limit(1000).get(),
    reads(ctx.db, 'notices').where({ status: 'published' }).orderBy('date', 'desc').limit(5).get(),
  ]);
  const docs = await liveCampaignsAt(ctx.db, ctx.now());
  const campaigns = docs.map((c) => toCampaignCard(c, laws, ctx.now()));
  const progress = await campaignProgress(ctx, docs);
  const read = new Set(readsRes.data.map((r) => r.lessonId));
  const groups = new Map<string, LawGroup>();
  for (const l of lessonsRes.data) {
    let g = groups.get(l.law);
    if (!g) {
      g = { law: l.law, shortName: laws.get(l.law)?.shortName ?? l.law, lessons: [] };
      groups.set(l.law, g);
    }
    g.lessons.push({ id: l._id, title: l.title, law: l.law, readingMinutes: l.readingMinutes, read: read.has(l._id), tags: l.tags ?? [] });
  }
  // Laws of the live campaigns first, then the rest in content order.
  const themed = new Set(campaigns.flatMap((c) => c.themeLaws.map((l) => l.id)));
  const lawGroups = [...groups.values()].sort((a, b) => Number(themed.has(b.law)) - Number(themed.has(a.law)));
  const notices: Notice[] = noticesRes.data.map((n) => ({ id: n._id, title: n.title, body: n.body, date: n.date }));
  return {
    campaigns,
    progress,
    notices,
    lawGroups,
    legalHelp: { townName: town.name, hotline: town.hotlines, station: town.station, advisers: town.advisers },
    profile: await buildProfile(ctx, town, resident),
  };
}
