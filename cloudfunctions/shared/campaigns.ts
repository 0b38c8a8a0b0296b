/** Campaigns as residents and staff both see them: the state derived at read time, and the card. */
import type { CampaignCard, CampaignState } from '../contracts/resident';
import type { CampaignDoc, LawDoc, LessonDoc } from './documents';
import type { Db } from './handler';
import { reads } from './database';

export function campaignState(c: Pick<CampaignDoc, 'status' | 'start' | 'end'>, now: Date): CampaignState {
  if (c.status === 'archived') return 'archived';
  if (c.status === 'draft') return 'draft';
  const t = now.getTime();
  if (t < Date.parse(c.start)) return 'scheduled';
  if (t > Date.parse(c.end)) return 'ended';
  return 'live';
}

export function toCampaignCard(c: CampaignDoc, laws: Map<string, LawDoc>, now: Date): CampaignCard {
  return {
    id: c._id,
    title: c.title,
    bannerText: c.bannerText,
    summary: c.summary,
    state: campaignState(c, now),
    start: c.start,
    end: c.end,
    themeLaws: c.themeLaws.map((id) => ({ id, shortName: laws.get(id)?.shortName ?? id })),
    questionsPerQuiz: c.quiz.questionsPerQuiz,
    attemptsPerDay: c.quiz.attemptsPerDay,
    passMark: c.quiz.passMark,
    hasBanner: Boolean(c.bannerImage),
    bannerImage: c.bannerImage ?? null,
  };
}

/**
 * How long after a campaign ends a quiz started while it was live may still be submitted and counted for it.
 * Later submissions are refused (NOT_AVAILABLE, 活动已结束…).
 */
export const QUIZ_SUBMIT_GRACE_MS = 30 * 60 * 1000;
export const QUIZ_SUBMIT_GRACE_TEXT = '30 分钟';

/** Published campaigns live at `at`, pinned first, then ending soonest. */
export async function liveCampaignsAt(db: Db, at: Date): Promise<CampaignDoc[]> {
  const _ = db.command;
  const iso = at.toISOString();
  const res = await reads(db, 'campaigns').where({ status: 'published', start: _.lte(iso), end: _.gte(iso) }).limit(100).get();
  const live = res.data.filter((c) => campaignState(c, at) === 'live');
  return live.sort((a, b) => Number(b.pinned) - Number(a.pinned) || a.end.localeCompare(b.end) || a._id.localeCompare(b._id));
}

/** Does the campaign list this lesson (content lessons name their campaigns; staff campaigns list lessonIds)? */
export const listsLesson = (c: Pick<CampaignDoc, '_id' | 'lessonIds'>, lesson: Pick<LessonDoc, '_id' | 'campaigns'>) =>
  (c.lessonIds ?? []).includes(lesson._id) || (lesson.campaigns ?? []).includes(c._id);

/**
 * The attribution rule: participation is credited to a campaign only when that campaign is live at that moment
 * and the item belongs to it; otherwise to no campaign (日常学习). `preferred` (the campaign the resident came
 * from) wins among several that qualify.
 */
export async function creditedCampaign(db: Db, at: Date, belongs: (c: CampaignDoc) => boolean, preferred?: string | null): Promise<string | null> {
  const qualifying = (await liveCampaignsAt(db, at)).filter(belongs);
  return (qualifying.find((c) => c._id === preferred) ?? qualifying[0])?._id ?? null;
}
