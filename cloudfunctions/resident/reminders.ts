/**
 * Reminder opt-ins: after Taro.requestSubscribeMessage, the mini-program records which one-time templates
 * the resident accepted, for a campaign. Staff pushes (staff function, push.ts) use each opt-in once.
 */
import type { ActionContext } from '../shared/handler';
import type { ReminderOptIn } from '../contracts/checkin';
import type { SubscriptionDoc } from '../shared/documents';
import { isDuplicateWrite, notFound } from '../shared/errors';
import { personKey } from '../shared/identity';
import { getDoc } from '../shared/database';

/** Unused opt-ins kept per resident and campaign; further taps record nothing (one message per push anyway). */
export const MAX_AVAILABLE_OPTINS = 5;

/** Template ids the server accepts (PUSH_TEMPLATE_IDS, comma-separated); unset = any well-formed id. */
export function allowedTemplateIds(): Set<string> | null {
  const raw = process.env.PUSH_TEMPLATE_IDS?.trim();
  return raw ? new Set(raw.split(',').map((s) => s.trim()).filter(Boolean)) : null;
}

export async function subscribeReminders(
  ctx: ActionContext,
  input: { campaignId: string; templateIds: string[]; requestId: string; source: 'campaign' | 'quiz' },
): Promise<ReminderOptIn> {
  const campaign = await getDoc(ctx.db, 'campaigns', input.campaignId);
  if (!campaign || campaign.status !== 'published') throw notFound('这个活动');
  const key = personKey(ctx.openId);
  const coll = ctx.db.collection('subscriptions');
  const countAvailable = async () => (await coll.where({ personKey: key, campaignId: campaign._id, status: 'available' }).count()).total ?? 0;
  const allowed = allowedTemplateIds();
  const templates = [...new Set(input.templateIds)].filter((t) => !allowed || allowed.has(t));
  let available = await countAvailable();
  let recorded = 0;
  for (const templateId of templates) {
    if (available >= MAX_AVAILABLE_OPTINS) break;
    const doc: SubscriptionDoc = {
      _id: `${key}:${input.requestId}:${templateId}`,
      openId: ctx.openId,
      personKey: key,
      campaignId: campaign._id,
      templateId,
      source: input.source,
      status: 'available',
      jobId: null,
      runId: null,
      createdAt: ctx.now().toISOString(),
      usedAt: null,
      errCode: null,
    };
    try {
      await coll.add(doc);
      recorded++;
      available++;
    } catch (error) {
      if (!isDuplicateWrite(error)) throw error;
    }
  }
  return { campaignId: campaign._id, recorded, available: recorded ? available : await countAvailable() };
}
