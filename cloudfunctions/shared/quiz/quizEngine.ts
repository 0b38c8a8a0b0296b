/**
 * Drawing, shuffling and grading quizzes. Pure functions: the server stores what was drawn for an attempt
 * and grades against the stored key; nothing here is sent to a client except through `toClientQuestion`.
 */
import type { AnswerValue, GradedItem, QuestionType, QuizOption, QuizQuestion, Citation } from '../../contracts/resident';
import { seededShuffle } from './seededRandom';
import { invalid } from '../errors';

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

/** A question drawn for a session: its displayed option order is seeded by the session id (a reload shows the same). */
export function drawnOf(q: Pick<StoredQuestion, '_id' | 'version' | 'type' | 'options'>, sessionId: string): DrawnQuestion {
  return {
    questionId: q._id,
    version: q.version,
    optionOrder: q.type === 'judge' ? [] : seededShuffle(q.options.map((_, i) => i), `options:${sessionId}:${q._id}`),
  };
}

/**
 * Draws `count` questions for an attempt, preferring those not in `answeredRight` (questions this resident
 * already answered right); only when too few remain are right-answered ones added, drawn the same way.
 */
export function drawQuestions(pool: readonly StoredQuestion[], count: number, attemptId: string, answeredRight: ReadonlySet<string> = new Set()): DrawnQuestion[] {
  const byId = [...pool].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
  const shuffled = seededShuffle(byId, `draw:${attemptId}`);
  const fresh = shuffled.filter((q) => !answeredRight.has(q._id));
  const known = shuffled.filter((q) => answeredRight.has(q._id));
  return [...fresh, ...known].slice(0, Math.min(count, byId.length)).map((q) => drawnOf(q, attemptId));
}

/** The key-bearing copy of a question kept with an attempt or session (later edits never change a grade). */
export function snapshotOf(q: StoredQuestion): StoredQuestion {
  return { _id: q._id, type: q.type, stem: q.stem, options: q.options, answer: q.answer, explanation: q.explanation, citation: q.citation, law: q.law, version: q.version };
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

/** Every drawn question graded against its snapshot, with what the result page shows. */
export function gradeDrawn(drawn: readonly (DrawnQuestion & { snapshot: StoredQuestion })[], answers: ReadonlyMap<string, AnswerValue>): GradedItem[] {
  return drawn.map((d) => {
    const g = gradeOne(d.snapshot, d, answers.get(d.questionId) ?? null);
    return { ...g, stem: d.snapshot.stem, options: toClientQuestion(d.snapshot, d).options, explanation: d.snapshot.explanation, citation: d.snapshot.citation };
  });
}

/** The submitted answers by question id; refuses answers to questions not drawn, or two answers to one. */
export function answersFor(drawn: readonly DrawnQuestion[], submitted: readonly { questionId: string; answer: AnswerValue }[]): Map<string, AnswerValue> {
  const drawnIds = new Set(drawn.map((d) => d.questionId));
  const answers = new Map<string, AnswerValue>();
  for (const a of submitted) {
    if (!drawnIds.has(a.questionId)) throw invalid('提交了不属于这次答题的题目', 'answers');
    if (answers.has(a.questionId)) throw invalid('同一道题提交了两次答案', 'answers');
    answers.set(a.questionId, a.answer);
  }
  return answers;
}
