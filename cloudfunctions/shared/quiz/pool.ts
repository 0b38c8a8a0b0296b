/** A campaign's question pool: what a quiz draws from (resident) and what the editor counts (staff). */
import type { Db } from '../handler';
import type { CampaignDoc, QuestionDoc } from '../documents';
import { readAll } from '../database';
import { campaignRefs } from '../campaignEditions';

/** The pool's where-clause: unarchived questions of its laws, tags or ids, or listing the campaign. */
export function poolWhere(db: Db, campaign: Pick<CampaignDoc, '_id' | 'quiz' | 'templateId'>): object {
  const _ = db.command;
  const { laws, tags, questionIds } = campaign.quiz.pool;
  const any = [] as object[];
  if (laws.length) any.push({ law: _.in(laws) });
  if (tags.length) any.push({ tags: _.in(tags) });
  if (questionIds?.length) any.push({ _id: _.in(questionIds) });
  // A question naming a standing campaign belongs to every year's edition of it.
  any.push({ campaigns: _.in(campaignRefs(campaign)) });
  return _.and([{ archived: false }, _.or(any)]);
}

/** Whether a campaign's quiz pool holds this question (the same rule as poolWhere's query). */
export function poolContains(campaign: Pick<CampaignDoc, '_id' | 'quiz' | 'templateId'>, q: Pick<QuestionDoc, '_id' | 'law' | 'tags' | 'campaigns'>): boolean {
  const { laws, tags, questionIds } = campaign.quiz.pool;
  return laws.includes(q.law) || (q.tags ?? []).some((t) => tags.includes(t)) || (questionIds ?? []).includes(q._id) || campaignRefs(campaign).some((id) => (q.campaigns ?? []).includes(id));
}

/** Every question of the pool (id, version, type and options: enough to draw). */
export function drawPool(db: Db, campaign: Pick<CampaignDoc, '_id' | 'quiz' | 'templateId'>): Promise<QuestionDoc[]> {
  return readAll(db, 'questions', poolWhere(db, campaign), { _id: true, version: true, type: true, options: true });
}
