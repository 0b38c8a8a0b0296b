import { drawQuestions, gradeOne, scoreOf, toClientQuestion, displayedAnswer, type StoredQuestion } from './quizEngine';

const citation = { law: 'xianfa', lawShortName: '宪法', article: '第三十三条', quote: ['中华人民共和国公民在法律面前一律平等。'] };
const q = (id: string, over: Partial<StoredQuestion>): StoredQuestion => ({
  _id: id, type: 'single', stem: `题目${id}`, options: ['甲', '乙', '丙', '丁'], answer: 'B', explanation: '因为', citation, law: 'xianfa', version: 1, ...over,
});
const pool = Array.from({ length: 30 }, (_, i) => q(`q-${String(i).padStart(3, '0')}`, {}));

describe('drawing a quiz', () => {
  it('is the same for the same attempt id whatever the pool order', () => {
    const a = drawQuestions(pool, 10, 'attempt-aaaaaaaaaaaaaaaa');
    const b = drawQuestions([...pool].reverse(), 10, 'attempt-aaaaaaaaaaaaaaaa');
    expect(b).toEqual(a);
    expect(new Set(a.map((d) => d.questionId)).size).toBe(10);
  });
  it('differs between attempts', () => {
    const a = drawQuestions(pool, 10, 'attempt-aaaaaaaaaaaaaaaa').map((d) => d.questionId);
    const b = drawQuestions(pool, 10, 'attempt-bbbbbbbbbbbbbbbb').map((d) => d.questionId);
    expect(b).not.toEqual(a);
  });
  it('shuffles options per attempt and keeps every option exactly once', () => {
    const orders = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const [d] = drawQuestions([pool[0]], 1, `attempt-${i}-xxxxxxxxxxxxxx`);
      expect([...d.optionOrder].sort()).toEqual([0, 1, 2, 3]);
      orders.add(d.optionOrder.join(''));
    }
    expect(orders.size).toBeGreaterThan(3);
  });
  it('sends no answer, explanation or citation to the client', () => {
    const [d] = drawQuestions([pool[0]], 1, 'attempt-cccccccccccccccc');
    const json = JSON.stringify(toClientQuestion(pool[0], d));
    expect(json).not.toMatch(/answer|explanation|citation|第三十三条/);
    expect(JSON.parse(json).options.map((o: { text: string }) => o.text).sort()).toEqual(['丁', '丙', '乙', '甲']);
  });
});

describe('grading', () => {
  const single = q('s', { answer: 'B' });
  const multiple = q('m', { type: 'multiple', answer: ['A', 'C', 'D'], options: ['一', '二', '三', '四', '五'] });
  const judge = q('j', { type: 'judge', options: [], answer: false });
  const drawnOf = (x: StoredQuestion) => drawQuestions([x], 1, 'attempt-dddddddddddddddd')[0];

  it('grades single choice in the displayed letters', () => {
    const d = drawnOf(single);
    const right = displayedAnswer(single, d) as string[];
    expect(right).toHaveLength(1);
    expect(toClientQuestion(single, d).options.find((o) => o.key === right[0])?.text).toBe('乙');
    expect(gradeOne(single, d, right).outcome).toBe('correct');
    const wrong = ['A', 'B', 'C', 'D'].find((l) => l !== right[0])!;
    expect(gradeOne(single, d, [wrong]).points).toBe(0);
    expect(gradeOne(single, d, [right[0], wrong]).outcome).toBe('wrong');
  });
  it('gives full, half and no credit for multiple choice', () => {
    const d = drawnOf(multiple);
    const key = displayedAnswer(multiple, d) as string[];
    const texts = toClientQuestion(multiple, d).options.filter((o) => key.includes(o.key)).map((o) => o.text).sort();
    expect(texts).toEqual(['一', '三', '四'].sort());
    expect(gradeOne(multiple, d, [...key].reverse())).toMatchObject({ outcome: 'correct', points: 1 });
    expect(gradeOne(multiple, d, key.slice(0, 2))).toMatchObject({ outcome: 'partial', points: 0.5 });
    const wrong = ['A', 'B', 'C', 'D', 'E'].find((l) => !key.includes(l))!;
    expect(gradeOne(multiple, d, [...key.slice(0, 2), wrong])).toMatchObject({ outcome: 'wrong', points: 0 });
    expect(gradeOne(multiple, d, [])).toMatchObject({ outcome: 'wrong', points: 0 });
  });
  it('grades true/false and treats an unanswered question as wrong', () => {
    const d = drawnOf(judge);
    expect(gradeOne(judge, d, false).outcome).toBe('correct');
    expect(gradeOne(judge, d, true).outcome).toBe('wrong');
    expect(gradeOne(judge, d, ['A']).outcome).toBe('wrong');
    expect(gradeOne(judge, d, null).outcome).toBe('wrong');
  });
  it('scores as a rounded percentage', () => {
    expect(scoreOf([1, 1, 0.5, 0])).toBe(63);
    expect(scoreOf([])).toBe(0);
  });
});
