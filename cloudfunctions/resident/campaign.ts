/** 活动详情 and the resident's standing in campaigns (attempts left today, best score) for home and the detail page. */
import type { ActionContext } from '../shared/handler';
import type { CampaignPage, CampaignProgress } from '../contracts/resident';
import type { CampaignDoc } from '../shared/documents';
import { notFound } from '../shared/errors';
import { personKey } from '../shared/identity';
import { chinaDay } from '../contracts/time';
import { toCampaignCard } from '../shared/campaigns';
import { loadLaws } from '../shared/laws';
import { quotaId } from './quiz';
import { getDoc, reads } from '../shared/database';

/** Per campaign id: attempts used and left today, and the best score so far. */
export async function campaignProgress(ctx: ActionContext, campaigns: Pick<CampaignDoc, '_id' | 'quiz'>[]): Promise<Record<string, CampaignProgress>> {
  if (!campaigns.length) return {};
  const key = personKey(ctx.openId);
  const day = chinaDay(ctx.now());
  const _ = ctx.db.command;
  const ids = campaigns.map((c) => c._id);
  const [quotas, attempts] = await Promise.all([
    reads(ctx.db, 'quiz_quota').where({ _id: _.in(ids.map((id) => quotaId(key, id, day))) }).limit(100).get(),
    reads(ctx.db, 'attempts')
      .where({ openId: ctx.openId, status: 'submitted', campaignId: _.in(ids) })
      .field({ campaignId: true, 'result.score': true, 'result.passed': true })
      .limit(1000)
      .get(),
  ]);
  const usedToday = new Map(quotas.data.map((q) => [q._id, q.count]));
  const out: Record<string, CampaignProgress> = {};
  for (const c of campaigns) {
    const mine = attempts.data.filter((a) => a.campaignId === c._id && a.result);
    const used = usedToday.get(quotaId(key, c._id, day)) ?? 0;
    out[c._id] = {
      attemptsToday: used,
      attemptsLeftToday: Math.max(0, c.quiz.attemptsPerDay - used),
      bestScore: mine.length ? Math.max(...mine.map((a) => a.result!.score)) : null,
      passed: mine.some((a) => a.result!.passed),
      attempts: mine.length,
    };
  }
  return out;
}

export async function getCampaign(ctx: ActionContext, campaignId: string): Promise<CampaignPage> {
  const campaign = await getDoc(ctx.db, 'campaigns', campaignId);
  if (!campaign || campaign.status === 'draft' || campaign.status === 'archived') throw notFound('这个活动');
  const key = personKey(ctx.openId);
  const _ = ctx.db.command;
  const lessonIds = campaign.lessonIds ?? [];
  const [laws, progress, lessons, lessonReads] = await Promise.all([
    loadLaws(ctx.db),
    campaignProgress(ctx, [campaign]),
    lessonIds.length ? reads(ctx.db, 'lessons').where({ _id: _.in(lessonIds), archived: false }).field({ _id: true, title: true, law: true, readingMinutes: true }).limit(100).get() : Promise.resolve({ data: [] }),
    lessonIds.length ? reads(ctx.db, 'lesson_reads').where({ _id: _.in(lessonIds.map((id) => `${key}:${id}`)) }).field({ lessonId: true }).limit(100).get() : Promise.resolve({ data: [] }),
  ]);
  const read = new Set(lessonReads.data.map((r) => r.lessonId));
  const byId = new Map(lessons.data.map((l) => [l._id, l]));
  return {
    card: toCampaignCard(campaign, laws, ctx.now()),
    // In the order staff linked them.
    lessons: lessonIds.flatMap((id) => {
      const l = byId.get(id);
      return l ? [{ id: l._id, title: l.title, law: l.law, readingMinutes: l.readingMinutes, read: read.has(l._id) }] : [];
    }),
    progress: progress[campaign._id],
  };
}
