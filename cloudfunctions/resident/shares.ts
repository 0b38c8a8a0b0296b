/**
 * Shares (转发) as participation. WeChat calls the page's share handler when the resident taps 转发; it never
 * says whether the message was sent, so this counts taps, at most one per person, item and China day.
 */
import type { ActionContext } from '../shared/handler';
import { notFound } from '../shared/errors';
import { personKey } from '../shared/identity';
import { chinaDay } from '../contracts/time';
import { recordParticipation } from '../shared/participation/record';
import { getDoc } from '../shared/database';
import { creditedCampaign, listsLesson } from '../shared/campaigns';
import { loadResident } from './profile';

export async function recordShare(ctx: ActionContext, target: 'lesson' | 'campaign', targetId: string): Promise<{ counted: boolean }> {
  const at = ctx.now();
  let campaignId: string | null;
  let laws: string[];
  if (target === 'lesson') {
    const lesson = await getDoc(ctx.db, 'lessons', targetId);
    if (!lesson || lesson.archived) throw notFound('这篇课程');
    campaignId = await creditedCampaign(ctx.db, at, (c) => listsLesson(c, lesson));
    laws = [lesson.law];
  } else {
    const campaign = await getDoc(ctx.db, 'campaigns', targetId);
    if (!campaign || campaign.status !== 'published') throw notFound('这个活动');
    campaignId = await creditedCampaign(ctx.db, at, (c) => c._id === campaign._id);
    laws = campaign.themeLaws;
  }
  const key = personKey(ctx.openId);
  const resident = await loadResident(ctx);
  const { counted } = await recordParticipation(ctx.db, {
    eventId: `share:${key}:${target}:${targetId}:${chinaDay(at)}`,
    kind: 'share',
    personKey: key,
    campaignId,
    villageId: resident?.villageId ?? null,
    laws,
    at,
  });
  return { counted };
}
