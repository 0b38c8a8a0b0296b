/**
 * The spaced-review schedule of one 错题本 item, as pure functions. Intervals are China days: wrong (or half
 * right) anywhere → back to the first interval, due tomorrow; right in a review or 每日一练 while due → the
 * next interval; right at the longest interval → mastered, the item leaves the book. A right answer in a
 * campaign quiz, or before the item is due, changes no schedule (it only marks the question as known).
 */
import type { GradedItem } from '../contracts/resident';
import type { ReviewItemDoc } from '../shared/documents';
import { addDays } from '../contracts/time';

export const REVIEW_INTERVALS = [1, 3, 7, 14, 30] as const;
export const LAST_STAGE = REVIEW_INTERVALS.length - 1;
/** How many applied session ids an item remembers (a retry comes long before 20 newer sessions). */
const REMEMBERED_SESSIONS = 20;

export type AnswerSource = 'quiz' | 'review' | 'practice';
export type ScheduleFields = Pick<ReviewItemDoc, 'status' | 'everRight' | 'stage' | 'dueDay' | 'wrongCount' | 'lastWrong'>;

/** The item's fields after one graded answer on `today`, or null when nothing changes. */
export function nextSchedule(current: ScheduleFields | null, graded: Omit<GradedItem, 'points'>, source: AnswerSource, today: string): ScheduleFields | null {
  if (graded.outcome !== 'correct') {
    return {
      status: 'learning',
      everRight: current?.everRight ?? false,
      stage: 0,
      dueDay: addDays(today, REVIEW_INTERVALS[0]),
      wrongCount: (current?.wrongCount ?? 0) + 1,
      lastWrong: { ...graded, outcome: graded.outcome },
    };
  }
  if (!current) return { status: 'known', everRight: true, stage: 0, dueDay: '', wrongCount: 0, lastWrong: null };
  const { status, everRight, stage: at, dueDay, wrongCount, lastWrong } = current;
  current = { status, everRight, stage: at, dueDay, wrongCount, lastWrong };
  const due = current.status === 'learning' && current.dueDay <= today;
  if (!due || source === 'quiz') return current.everRight ? null : { ...current, everRight: true };
  if (current.stage >= LAST_STAGE) return { ...current, everRight: true, status: 'mastered', dueDay: '' };
  const stage = current.stage + 1;
  return { ...current, everRight: true, stage, dueDay: addDays(today, REVIEW_INTERVALS[stage]) };
}

export function rememberSession(applied: string[], sessionId: string): string[] {
  return [...applied, sessionId].slice(-REMEMBERED_SESSIONS);
}
