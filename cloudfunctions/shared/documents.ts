/** Shapes of the documents the functions read and write (content synced from content/, and user data). */
import type { CampaignState, Citation, AttemptResult } from '../contracts/resident';
import type { DrawnQuestion, StoredQuestion } from './quiz/quizEngine';

export interface LawDoc {
  _id: string;
  shortName: string;
  code: string;
  title: string;
  version: string;
}

export interface LessonDoc {
  _id: string;
  title: string;
  law: string;
  articles: string[];
  tags: string[];
  campaigns: string[];
  readingMinutes: number;
  body: string;
  citations: Citation[];
  version: number;
  archived: boolean;
}

export type QuestionDoc = StoredQuestion & { tags: string[]; campaigns: string[]; difficulty: number; archived: boolean };

export type CampaignStatus = 'draft' | 'published' | 'archived';
export interface CampaignDoc {
  _id: string;
  title: string;
  bannerText: string;
  summary: string;
  bannerImage?: string | null;
  /** ISO instants. */
  start: string;
  end: string;
  themeLaws: string[];
  lessonIds: string[];
  quiz: { questionsPerQuiz: number; passMark: number; attemptsPerDay: number; pool: { laws: string[]; tags: string[]; questionIds?: string[] } };
  status: CampaignStatus;
  pinned: boolean;
  source: 'content' | 'staff';
  version: number;
  updatedAt: string;
}

export function campaignState(c: Pick<CampaignDoc, 'status' | 'start' | 'end'>, now: Date): CampaignState {
  if (c.status === 'archived') return 'archived';
  if (c.status === 'draft') return 'draft';
  const t = now.getTime();
  if (t < Date.parse(c.start)) return 'scheduled';
  if (t > Date.parse(c.end)) return 'ended';
  return 'live';
}

export interface TownDoc {
  _id: 'town';
  name: string;
  villages: { id: string; name: string; placeholder?: boolean }[];
  hotlines: { name: string; number: string }[];
  station: { name: string; address: string | null; phone: string | null; note: string | null };
  advisers: string[];
}

export interface ResidentDoc {
  _id: string;
  openId: string;
  villageId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface AttemptDoc {
  _id: string;
  openId: string;
  personKey: string;
  campaignId: string;
  campaignTitle: string;
  passMark: number;
  drawn: (DrawnQuestion & { snapshot: StoredQuestion })[];
  status: 'started' | 'submitted';
  startedAt: Date;
  day: string;
  submittedAt?: Date;
  result?: AttemptResult;
}
