/**
 * The quiz store against a scripted network: the transport (fetch) fails or answers as a server would;
 * what is checked is what the store keeps and what it sends.
 */
import Taro from '@tarojs/taro';
import { scriptedNetwork, type ScriptedCall, type ScriptStep } from '@/shared/api/scriptedNetwork';
import { useQuizStore } from './quizStore';

let calls: ScriptedCall[] = [];
let script: ScriptStep[] = [];

beforeEach(() => {
  Taro.clearStorageSync();
  useQuizStore.setState({ draft: null, view: null, result: null, status: 'idle', error: null, current: 0 });
  ({ calls, script } = scriptedNetwork());
});

const quiz = (attemptId: string) => ({
  ok: true,
  data: { attemptId, campaignId: 'c1', campaignTitle: '宪法宣传周', passMark: 60, attemptsLeftToday: 3, result: null, questions: [{ id: 'q1', type: 'judge', stem: '题', options: [] }] },
});
const result = (attemptId: string) => ({ ok: true, data: { attemptId, campaignId: 'c1', campaignTitle: '宪法宣传周', score: 100, passed: true, passMark: 60, correctCount: 1, total: 1, submittedAt: '2026-12-04T00:00:00Z', items: [] } });

describe('quiz store', () => {
  it('keeps the answers through a failed submission and retries with the same attempt id', async () => {
    script.push((c) => quiz(c.input.attemptId as string));
    await useQuizStore.getState().start('c1');
    const attemptId = calls[0].input.attemptId as string;
    expect(attemptId).toMatch(/^[A-Za-z0-9_-]{24}$/);
    useQuizStore.getState().answer('q1', true);

    script.push(() => new Error('offline'));
    expect(await useQuizStore.getState().submit()).toBeNull();
    expect(useQuizStore.getState().error?.code).toBe('NETWORK');
    expect(useQuizStore.getState().draft?.answers).toEqual({ q1: true });

    // A reload (fresh store) finds the same attempt and answers in storage.
    useQuizStore.setState({ draft: null, view: null });
    script.push((c) => quiz(c.input.attemptId as string));
    await useQuizStore.getState().start('c1');
    expect(calls[2].input.attemptId).toBe(attemptId);
    expect(useQuizStore.getState().draft?.answers).toEqual({ q1: true });

    script.push((c) => result(c.input.attemptId as string));
    const done = await useQuizStore.getState().submit();
    expect(done?.score).toBe(100);
    expect(calls[3]).toMatchObject({ action: 'submitAttempt', input: { attemptId, answers: [{ questionId: 'q1', answer: true }] } });
    expect(Taro.getStorageSync('pufa.quizDraft.c1')).toBe('');
  });

  it('starts a new attempt id after a finished one', async () => {
    script.push((c) => quiz(c.input.attemptId as string));
    await useQuizStore.getState().start('c1');
    script.push((c) => result(c.input.attemptId as string));
    await useQuizStore.getState().submit();
    script.push((c) => quiz(c.input.attemptId as string));
    await useQuizStore.getState().start('c1');
    expect(calls[2].input.attemptId).not.toBe(calls[0].input.attemptId);
  });

  it('forgets the draft when the server refuses the quiz (daily limit)', async () => {
    script.push(() => ({ ok: false, code: 'DAILY_LIMIT', message: '本活动每天最多答题 3 次，明天再来吧' }));
    await useQuizStore.getState().start('c1');
    expect(useQuizStore.getState().status).toBe('error');
    expect(useQuizStore.getState().error?.message).toContain('明天再来');
    expect(Taro.getStorageSync('pufa.quizDraft.c1')).toBe('');
  });
});

describe('prepare (started on the tap, before the quiz page loads)', () => {
  it('asks the server once when the page prepares the quiz the tap already started', async () => {
    script.push((c) => quiz(c.input.attemptId as string));
    const tap = useQuizStore.getState().prepare('c1');
    const page = useQuizStore.getState().prepare('c1');
    await Promise.all([tap, page]);
    expect(calls.filter((c) => c.action === 'startQuiz')).toHaveLength(1);
    expect(useQuizStore.getState().status).toBe('ready');
  });
  it('keeps the answers of an unfinished quiz when the resident comes back to it', async () => {
    script.push((c) => quiz(c.input.attemptId as string));
    await useQuizStore.getState().prepare('c1');
    useQuizStore.getState().answer('q1', false);
    await useQuizStore.getState().prepare('c1');
    expect(calls).toHaveLength(1);
    expect(useQuizStore.getState().draft?.answers).toEqual({ q1: false });
  });
});
