/** A campaign document as tests store it straight into the database (staff-made, published). */
import type { CampaignDoc } from '../../cloudfunctions/shared/documents';

const HOUR = 3600e3;

export type CampaignOverrides = Omit<Partial<CampaignDoc>, 'quiz'> & { quiz?: Partial<CampaignDoc['quiz']> };

/** Live from an hour ago for a day: 5 宪法 questions per quiz, 60 to pass, 3 attempts a day; `over` replaces any field. */
export function campaignDoc(id: string, over: CampaignOverrides = {}): CampaignDoc {
  const now = Date.now();
  const { quiz, ...rest } = over;
  return {
    _id: id,
    title: `测试活动 ${id}`,
    bannerText: '测试',
    summary: '测试',
    start: new Date(now - HOUR).toISOString(),
    end: new Date(now + 24 * HOUR).toISOString(),
    themeLaws: ['xianfa'],
    lessonIds: [],
    quiz: { questionsPerQuiz: 5, passMark: 60, attemptsPerDay: 3, pool: { laws: ['xianfa'], tags: [] }, ...quiz },
    status: 'published',
    pinned: false,
    source: 'staff',
    version: 1,
    updatedAt: new Date().toISOString(),
    ...rest,
  };
}

/** A window of fixed China dates, for tests on a moved clock. */
export const chinaWindow = (startDay: string, endDay: string) => ({ start: `${startDay}T00:00:00+08:00`, end: `${endDay}T23:59:59+08:00` });
