import type { GradedItem } from '../contracts/resident';
import { LAST_STAGE, nextSchedule, rememberSession, type ScheduleFields } from './reviewSchedule';

const graded = (outcome: GradedItem['outcome']): Omit<GradedItem, 'points'> => ({
  questionId: 'q-x-001',
  stem: '题干',
  type: 'judge',
  options: [],
  yourAnswer: true,
  correctAnswer: false,
  outcome,
  explanation: '解析',
  citation: { law: 'x', lawShortName: 'x', article: '第一条', quote: ['原文'] },
});

describe('the review schedule', () => {
  it('walks 1, 3, 7, 14, 30 China days on right answers and masters at the longest interval', () => {
    let item = nextSchedule(null, graded('wrong'), 'quiz', '2026-01-01')!;
    expect(item).toMatchObject({ status: 'learning', stage: 0, dueDay: '2026-01-02', wrongCount: 1 });
    const days: string[] = [];
    let today = item.dueDay;
    for (let i = 0; i < LAST_STAGE; i++) {
      item = nextSchedule(item, graded('correct'), 'review', today)!;
      days.push(item.dueDay);
      today = item.dueDay;
    }
    expect(days).toEqual(['2026-01-05', '2026-01-12', '2026-01-26', '2026-02-25']);
    expect(nextSchedule(item, graded('correct'), 'practice', today)).toMatchObject({ status: 'mastered', dueDay: '' });
  });

  it('sends a wrong or half-right answer back to the first interval, from any stage or state', () => {
    const late: ScheduleFields = { status: 'learning', everRight: true, stage: 3, dueDay: '2026-03-01', wrongCount: 1, lastWrong: null };
    expect(nextSchedule(late, graded('partial'), 'review', '2026-03-01')).toMatchObject({ status: 'learning', stage: 0, dueDay: '2026-03-02', wrongCount: 2 });
    expect(nextSchedule({ ...late, status: 'mastered' }, graded('wrong'), 'quiz', '2026-03-01')).toMatchObject({ status: 'learning', stage: 0 });
  });

  it('moves nothing on a right answer before the item is due, or in a campaign quiz', () => {
    const item: ScheduleFields = { status: 'learning', everRight: true, stage: 1, dueDay: '2026-03-05', wrongCount: 1, lastWrong: null };
    expect(nextSchedule(item, graded('correct'), 'review', '2026-03-04')).toBeNull();
    expect(nextSchedule(item, graded('correct'), 'quiz', '2026-03-05')).toBeNull();
    expect(nextSchedule({ ...item, everRight: false }, graded('correct'), 'quiz', '2026-03-05')).toEqual({ ...item, everRight: true });
    expect(nextSchedule(item, graded('correct'), 'review', '2026-03-05')).toMatchObject({ stage: 2, dueDay: '2026-03-12' });
  });

  it('marks a question first answered right as known, outside the book', () => {
    expect(nextSchedule(null, graded('correct'), 'quiz', '2026-03-05')).toMatchObject({ status: 'known', everRight: true, dueDay: '' });
  });

  it('remembers the last 20 sessions applied', () => {
    const many = Array.from({ length: 25 }, (_, i) => `s${i}`).reduce<string[]>((acc, id) => rememberSession(acc, id), []);
    expect(many).toHaveLength(20);
    expect(many[19]).toBe('s24');
    expect(many).not.toContain('s4');
  });
});
