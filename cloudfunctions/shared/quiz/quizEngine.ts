/**
 * Drawing, shuffling and grading quizzes. Pure functions: the server stores what was drawn for an attempt
 * and grades against the stored key; nothing here is sent to a client except through `toClientQuestion`.
 */
import type { AnswerValue, GradedItem, QuestionType, QuizOption, QuizQuestion, Citation } from '../../contracts/resident';
import { seededShuffle } from './seededRandom';

export const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'];

/** A question as stored in the database (answer in the letters of `options` as authored). */
export interface StoredQuestion {
  _id: string;
  type: QuestionType;
  stem: string;
  options: string[];
  answer: string | string[] | boolean;
  explanation: string;
  citation: Citation;
  law: string;
  version: number;
}

/** What an attempt remembers about one drawn question: its id, version and the displayed option order. */
export interface DrawnQuestion {
  questionId: string;
  version: number;
  /** optionOrder[displayedIndex] = authored index */
  optionOrder: number[];
}

export function drawQuestions(pool: readonly StoredQuestion[], count: number, attemptId: string): DrawnQuestion[] {
  const byId = [...pool].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
  const chosen = seededShuffle(byId, `draw:${attemptId}`).slice(0, Math.min(count, byId.length));
  return chosen.map((q) => ({
    questionId: q._id,
    version: q.version,
    optionOrder: q.type === 'judge' ? [] : seededShuffle(q.options.map((_, i) => i), `options:${attemptId}:${q._id}`),
  }));
}

export function toClientQuestion(q: StoredQuestion, drawn: DrawnQuestion): QuizQuestion {
  const options: QuizOption[] =
    q.type === 'judge'
      ? []
      : drawn.optionOrder.map((authored, shown) => ({ key: LETTERS[shown], text: q.options[authored] }));
  return { id: q._id, type: q.type, stem: q.stem, options };
}

/** The authored answer expressed in the displayed letters of this attempt. */
export function displayedAnswer(q: StoredQuestion, drawn: DrawnQuestion): AnswerValue {
  if (q.type === 'judge') return q.answer === true;
  const authored = (Array.isArray(q.answer) ? q.answer : [q.answer]).map((l) => LETTERS.indexOf(String(l)));
  return drawn.optionOrder
    .map((a, shown) => (authored.includes(a) ? LETTERS[shown] : null))
    .filter((l): l is string => l !== null)
    .sort();
}

/**
 * Scoring rule (as in written 普法 exams): single and judge are right or wrong; multiple choice earns
 * full credit for the exact set, half credit for a non-empty subset of the right options, nothing if
 * any wrong option is chosen.
 */
export function gradeOne(q: StoredQuestion, drawn: DrawnQuestion, given: AnswerValue | null): Omit<GradedItem, 'stem' | 'explanation' | 'citation' | 'options'> {
  const correctAnswer = displayedAnswer(q, drawn);
  const base = { questionId: q._id, type: q.type, yourAnswer: given, correctAnswer };
  if (given === null || given === undefined) return { ...base, outcome: 'wrong', points: 0 };
  if (q.type === 'judge') {
    const right = typeof given === 'boolean' && given === correctAnswer;
    return { ...base, outcome: right ? 'correct' : 'wrong', points: right ? 1 : 0 };
  }
  const chosen = Array.isArray(given) ? [...new Set(given)].sort() : [];
  const key = correctAnswer as string[];
  if (q.type === 'single') {
    const right = chosen.length === 1 && chosen[0] === key[0];
    return { ...base, yourAnswer: chosen, outcome: right ? 'correct' : 'wrong', points: right ? 1 : 0 };
  }
  const wrongChosen = chosen.some((l) => !key.includes(l));
  if (wrongChosen || chosen.length === 0) return { ...base, yourAnswer: chosen, outcome: 'wrong', points: 0 };
  if (chosen.length === key.length) return { ...base, yourAnswer: chosen, outcome: 'correct', points: 1 };
  return { ...base, yourAnswer: chosen, outcome: 'partial', points: 0.5 };
}

export function scoreOf(points: number[]): number {
  if (points.length === 0) return 0;
  return Math.round((points.reduce((s, p) => s + p, 0) / points.length) * 100);
}
