/**
 * Question statistics (collection `question_stats`, one document per question, cumulative): how often each
 * question was answered and how many points it gave, overall and per score band of the whole attempt. The
 * writer (record.ts: a quiz attempt's event carries its graded items, each one an effect), the recount (QuestionRecount) and the
 * item analysis (reporting/figures.ts) all use the bands and amounts defined here.
 */
import type { QuestionStatDoc } from '../documents';

/** Score bands of an attempt: top ≥ 80, bottom < 60, middle between (题目分析's 高分组/低分组). */
export const SCORE_BANDS = { top: 80, bottom: 60 } as const;
export type ScoreBand = 'top' | 'middle' | 'bottom';
export const bandOf = (score: number): ScoreBand => (score >= SCORE_BANDS.top ? 'top' : score < SCORE_BANDS.bottom ? 'bottom' : 'middle');

export type QuestionStatCounts = Required<Omit<QuestionStatDoc, '_id' | 'questionId' | 'unsettled'>>;
export const QUESTION_FIELDS: (keyof QuestionStatCounts)[] = ['answered', 'points', 'topAnswered', 'topPoints', 'middleAnswered', 'middlePoints', 'bottomAnswered', 'bottomPoints'];

/** A graded attempt as far as the statistics need it. */
export interface GradedAttempt {
  score: number;
  items: { questionId: string; points: number }[];
}

/** What one answered item of an attempt with `score` adds to its question's document. */
export function questionStatAmounts(score: number, points: number): Partial<QuestionStatCounts> {
  const band = bandOf(score);
  return { answered: 1, points, [`${band}Answered`]: 1, [`${band}Points`]: points };
}

/** question_stats recounted from graded attempts (stats:verify). */
export class QuestionRecount {
  readonly stats = new Map<string, QuestionStatCounts>();
  add(result: GradedAttempt) {
    for (const item of result.items) {
      let s = this.stats.get(item.questionId);
      if (!s) this.stats.set(item.questionId, (s = Object.fromEntries(QUESTION_FIELDS.map((f) => [f, 0])) as QuestionStatCounts));
      for (const [k, v] of Object.entries(questionStatAmounts(result.score, item.points))) s[k as keyof QuestionStatCounts] += v;
    }
  }
}
