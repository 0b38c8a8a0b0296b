/** The content library's vocabulary: fixed ids and limits, and the typed objects the loader returns. */
import type { Issue } from './issues';
import type { LawIndexEntry, LawText } from './lawText';
import type { TownProfile } from './schemas';
import type { Recurrence } from '../cloudfunctions/shared/campaignEditions';

/** The fixed campaign ids (content/README.md). */
export const CAMPAIGN_IDS = [
  'march-pufa',
  'consumer-315',
  'security-415',
  'civil-code-may',
  'antidrug-626',
  'constitution-1204',
  'legal-aid-antifraud',
] as const;
export type CampaignId = (typeof CAMPAIGN_IDS)[number];

export const LETTERS = ['A', 'B', 'C', 'D', 'E'] as const;
export type Letter = (typeof LETTERS)[number];

export const LIMITS = {
  lessonHanWarn: 300,
  lessonHanError: 350,
  explanationWarn: 120,
  explanationError: 150,
  quoteMinChars: 4,
  minOptions: 3,
  maxOptions: 5,
  bannerMaxChars: 30,
} as const;

export interface SourceRef {
  /** Repository-relative file. */
  file: string;
  line?: number;
}

export interface Law {
  id: string;
  /** 宪法, 民法典·婚姻家庭编, 法律援助法 … */
  shortName: string;
  /** Report group: 民法典 for every Civil Code book, else the short name. */
  code: string;
  /** Full title as in index.json: 中华人民共和国民法典·婚姻家庭编 */
  title: string;
  /** Version date (ISO): latest adoption/amendment printed in the text header; equals index.json. */
  version: string;
  /** Effective date (ISO) as stated in the text header, or null when the header does not state it. */
  effective: string | null;
  note?: string;
  /** The article stating when the law (in its original version) took effect, verified verbatim. */
  commencement?: { article: string; quote: string };
  /** Parsed official text; undefined when the laws folder is unavailable. */
  text?: LawText;
  source: SourceRef;
}

export interface Citation {
  law: string;
  article: string;
  /** The quoted passage(s), each a verbatim substring of the article. */
  quotes: string[];
}

export interface Lesson {
  id: string;
  title: string;
  law: string;
  articles: string[];
  tags: string[];
  campaigns: string[];
  readingMinutes: number;
  citations: Citation[];
  /** Markdown body (without front matter), trimmed. */
  body: string;
  /** Han characters in the body. */
  hanChars: number;
  source: SourceRef;
}

interface QuestionBase {
  id: string;
  /** The law of the file the question is in (content/questions/<law>.yaml). */
  law: string;
  stem: string;
  explanation: string;
  citation: Citation;
  difficulty: 1 | 2 | 3;
  tags: string[];
  campaigns: string[];
  source: SourceRef;
}
export interface SingleQuestion extends QuestionBase {
  type: 'single';
  options: string[];
  answer: Letter;
}
export interface MultipleQuestion extends QuestionBase {
  type: 'multiple';
  options: string[];
  /** Sorted, unique, at least two letters. */
  answer: Letter[];
}
export interface JudgeQuestion extends QuestionBase {
  type: 'judge';
  answer: boolean;
}
export type Question = SingleQuestion | MultipleQuestion | JudgeQuestion;
export type QuestionType = Question['type'];

export interface CampaignQuiz {
  questionsPerQuiz: number;
  pool: { laws: string[]; tags: string[] };
  /** Percent of correct answers needed to pass (0–100). */
  passMark: number;
  attemptsPerDay: number;
}

/**
 * A standing campaign: a yearly template (cloudfunctions/shared/campaignEditions.ts makes each year's edition).
 * Its id is the series id lessons and questions name in `campaigns`.
 */
export interface Campaign {
  id: string;
  /** May contain `{year}` (as bannerText and summary). */
  title: string;
  /** Every year, China days `MM-DD`, both inclusive; an end before the start is in the next year. */
  recurrence: Recurrence;
  /** The first year with an edition. */
  firstYear: number;
  /** Year → id for editions that keep an id from before templates (e.g. 2026: march-pufa). */
  editionIds: Record<string, string>;
  themeLaws: string[];
  /** Resolved lesson ids: as listed in the file, or derived (lessons of the theme laws or naming the campaign). */
  lessonIds: string[];
  lessonIdsDerived: boolean;
  quiz: CampaignQuiz;
  bannerText: string;
  summary: string;
  source: SourceRef;
}

export interface LibraryStats {
  /** Citation entries checked against the official text, by cited law. */
  citationsChecked: Record<string, number>;
  /** Quote strings checked, by cited law. */
  quotesChecked: Record<string, number>;
}

export interface Library {
  contentDir: string;
  lawsDir: string;
  /** False when the laws folder was missing: nothing was checked against the official texts. */
  lawTextsAvailable: boolean;
  /** index.json of the laws folder (empty when missing). */
  lawIndex: LawIndexEntry[];
  laws: Law[];
  lessons: Lesson[];
  questions: Question[];
  campaigns: Campaign[];
  town: TownProfile | null;
  lawById: Map<string, Law>;
  lessonById: Map<string, Lesson>;
  questionById: Map<string, Question>;
  campaignById: Map<string, Campaign>;
  stats: LibraryStats;
}

export interface LoadOptions {
  contentDir: string;
  lawsDir: string;
  /** Folder with the annual report that town.yaml quotes; default <contentDir>/../../shared/context. */
  contextDir?: string;
}

export interface LoadResult {
  library: Library;
  issues: Issue[];
  /** True when there is no issue of severity error. */
  ok: boolean;
}
