/**
 * The study store (每日一练 / 错题复习) against a scripted network: a review keeps its own client-made id through a
 * reload and a failed submission; 每日一练 takes on the server's id for the day and resumes with it.
 */
import Taro from '@tarojs/taro';
import { scriptedNetwork, type ScriptedCall, type ScriptStep } from '@/shared/api/scriptedNetwork';
import { useStudyStore } from './studyStore';

let calls: ScriptedCall[] = [];
let script: ScriptStep[] = [];

beforeEach(() => {
  Taro.clearStorageSync();
  useStudyStore.setState({ draft: null, view: null, result: null, status: 'idle', error: null, current: 0 });
  ({ calls, script } = scriptedNetwork());
});

const questions = [
  { id: 'q1', type: 'judge', stem: '题一', options: [] },
  { id: 'q2', type: 'judge', stem: '题二', options: [] },
];
const view = (sessionId: string, kind: 'review' | 'practice') => ({ ok: true, data: { sessionId, kind, title: kind === 'review' ? '错题复习' : '每日一练', questions, result: null } });
const graded = (sessionId: string, kind: 'review' | 'practice') => ({ ok: true, data: { sessionId, kind, title: '错题复习', score: 100, correctCount: 2, total: 2, items: [] } });

describe('study store', () => {
  it('a review sends its own id, keeps the answers through a reload and a failed submission, and submits once with that id', async () => {
    script.push((c) => view(c.input.sessionId as string, 'review'));
    await useStudyStore.getState().start('review');
    const sessionId = calls[0].input.sessionId as string;
    expect(calls[0].action).toBe('startReview');
    expect(sessionId).toMatch(/^[A-Za-z0-9_-]{24}$/);
    useStudyStore.getState().answer('q2', false);
    expect(useStudyStore.getState().current).toBe(0);

    // A reload: the store is empty, storage is not; the same id goes to the server and the next question is current.
    useStudyStore.setState({ draft: null, view: null });
    script.push((c) => view(c.input.sessionId as string, 'review'));
    await useStudyStore.getState().start('review');
    expect(calls[1].input.sessionId).toBe(sessionId);
    expect(useStudyStore.getState().draft?.answers).toEqual({ q2: false });
    expect(useStudyStore.getState().current).toBe(0);
    useStudyStore.getState().answer('q1', true);

    script.push(() => new Error('offline'));
    expect(await useStudyStore.getState().submit()).toBeNull();
    expect(useStudyStore.getState().error?.code).toBe('NETWORK');
    script.push((c) => graded(c.input.sessionId as string, 'review'));
    expect(await useStudyStore.getState().submit()).toMatchObject({ sessionId, score: 100 });
    expect(calls[3]).toMatchObject({ action: 'submitStudy', input: { sessionId, answers: [{ questionId: 'q1', answer: true }, { questionId: 'q2', answer: false }] } });
    expect(Taro.getStorageSync('pufa.studyDraft.review')).toBe('');
  });

  it('每日一练 takes on the server’s id for the day; an answer given before a reload is kept under it', async () => {
    script.push(() => view('practice-day-1', 'practice'));
    await useStudyStore.getState().start('practice');
    expect(calls[0]).toMatchObject({ action: 'startPractice', input: {} });
    expect(useStudyStore.getState().draft?.id).toBe('practice-day-1');
    useStudyStore.getState().answer('q1', true);
    useStudyStore.setState({ draft: null, view: null });
    script.push(() => view('practice-day-1', 'practice'));
    await useStudyStore.getState().start('practice');
    expect(useStudyStore.getState().draft?.answers).toEqual({ q1: true });
    expect(useStudyStore.getState().current).toBe(1);
    script.push((c) => graded(c.input.sessionId as string, 'practice'));
    await useStudyStore.getState().submit();
    expect(calls[2]).toMatchObject({ action: 'submitStudy', input: { sessionId: 'practice-day-1' } });
  });

  it('a session already submitted today comes back done with its result, and the draft is forgotten', async () => {
    script.push(() => ({ ok: true, data: { ...view('practice-day-1', 'practice').data, result: graded('practice-day-1', 'practice').data } }));
    await useStudyStore.getState().start('practice');
    expect(useStudyStore.getState()).toMatchObject({ status: 'done', result: { score: 100 } });
    expect(Taro.getStorageSync('pufa.studyDraft.practice')).toBe('');
  });
});
