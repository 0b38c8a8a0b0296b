/** Inputs for staff-function tests. */
import type { CampaignInput } from '../../cloudfunctions/contracts/staff';

const hour = 3600 * 1000;

/** A valid campaign form: live from an hour ago for two days, 5 宪法 questions per quiz. */
export function campaignInput(over: Partial<CampaignInput> = {}): CampaignInput {
  const now = Date.now();
  return {
    title: '测试宪法宣传周',
    summary: '学习宪法知识',
    bannerText: '学宪法 讲宪法',
    bannerImage: null,
    start: new Date(now - hour).toISOString(),
    end: new Date(now + 48 * hour).toISOString(),
    themeLaws: ['xianfa'],
    lessonIds: [],
    quiz: { questionsPerQuiz: 5, passMark: 60, attemptsPerDay: 3, pool: { laws: ['xianfa'], tags: [], questionIds: [] } },
    ...over,
  };
}

/** Today's China day, YYYY-MM-DD. */
export const chinaToday = () => new Date(Date.now() + 8 * hour).toISOString().slice(0, 10);
