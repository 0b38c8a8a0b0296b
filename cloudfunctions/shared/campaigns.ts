/** Campaigns as residents and staff both see them: the state derived at read time, and the card. */
import type { CampaignCard, CampaignState } from '../contracts/resident';
import type { CampaignDoc, LawDoc } from './documents';

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
