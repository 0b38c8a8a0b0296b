/**
 * The quiz in progress. The attempt id and the answers are saved to storage on every change and kept
 * until the server acknowledges the submission, so a reload or a failed network call loses nothing and a
 * retry sends the same attempt id (the server counts it once).
 */
import { create } from 'zustand';
import type { AnswerValue, AttemptResult, QuizView } from '@contracts/resident';
import { callResident } from '@/shared/api/clients';
import type { CallFail } from '@/shared/api/callFunction';
import { newClientId } from '@/shared/platform/clientId';
import { loadJson, removeKey, saveJson } from '@/shared/platform/storage';

export interface QuizDraft {
  attemptId: string;
  campaignId: string;
  answers: Record<string, AnswerValue>;
  startedAt: number;
}

type Status = 'idle' | 'loading' | 'ready' | 'submitting' | 'done' | 'error';

interface QuizState {
  draft: QuizDraft | null;
  quiz: QuizView | null;
  result: AttemptResult | null;
  status: Status;
  error: CallFail | null;
  current: number;
  start: (campaignId: string, fresh?: boolean) => Promise<void>;
  /** Starts (or keeps) the quiz of this campaign; called on the tap, so the server draws it while the page loads. */
  prepare: (campaignId: string) => Promise<void>;
  answer: (questionId: string, value: AnswerValue) => void;
  goTo: (index: number) => void;
  submit: () => Promise<AttemptResult | null>;
}

const draftKey = (campaignId: string) => `pufa.quizDraft.${campaignId}`;

export const useQuizStore = create<QuizState>((set, get) => ({
  draft: null,
  quiz: null,
  result: null,
  status: 'idle',
  error: null,
  current: 0,

  start: async (campaignId, fresh = false) => {
    if (fresh) removeKey(draftKey(campaignId));
    const draft: QuizDraft = loadJson<QuizDraft>(draftKey(campaignId)) ?? { attemptId: newClientId(), campaignId, answers: {}, startedAt: Date.now() };
    saveJson(draftKey(campaignId), draft);
    set({ draft, quiz: null, result: null, status: 'loading', error: null, current: 0 });
    const res = await callResident('startQuiz', { campaignId, attemptId: draft.attemptId });
    if (!res.ok) {
      if (res.code !== 'NETWORK') removeKey(draftKey(campaignId));
      set({ status: 'error', error: res });
      return;
    }
    if (res.data.result) {
      removeKey(draftKey(campaignId));
      set({ quiz: res.data, result: res.data.result, status: 'done' });
      return;
    }
    // Another unfinished attempt of this campaign was resumed instead (one per resident and campaign): go on with it.
    const kept = res.data.attemptId === draft.attemptId ? draft : { ...draft, attemptId: res.data.attemptId, answers: {} };
    if (kept !== draft) saveJson(draftKey(campaignId), kept);
    const firstUnanswered = res.data.questions.findIndex((q) => kept.answers[q.id] === undefined);
    set({ draft: kept, quiz: res.data, status: 'ready', current: firstUnanswered < 0 ? 0 : firstUnanswered });
  },

  prepare: async (campaignId) => {
    const { status, draft } = get();
    if (draft?.campaignId === campaignId && (status === 'loading' || status === 'ready' || status === 'submitting')) return;
    await get().start(campaignId);
  },

  answer: (questionId, value) => {
    const draft = get().draft;
    if (!draft || get().status === 'submitting') return;
    const next = { ...draft, answers: { ...draft.answers, [questionId]: value } };
    saveJson(draftKey(draft.campaignId), next);
    set({ draft: next });
  },

  goTo: (index) => {
    const quiz = get().quiz;
    if (!quiz) return;
    set({ current: Math.max(0, Math.min(quiz.questions.length - 1, index)) });
  },

  submit: async () => {
    const { draft, quiz } = get();
    if (!draft || !quiz) return null;
    set({ status: 'submitting', error: null });
    const answers = quiz.questions.filter((q) => draft.answers[q.id] !== undefined).map((q) => ({ questionId: q.id, answer: draft.answers[q.id] }));
    const res = await callResident('submitAttempt', { attemptId: draft.attemptId, answers, durationMs: Math.min(Date.now() - draft.startedAt, 24 * 3600 * 1000 - 1) });
    if (!res.ok) {
      set({ status: 'ready', error: res });
      return null;
    }
    removeKey(draftKey(draft.campaignId));
    set({ result: res.data, status: 'done' });
    return res.data;
  },
}));

export function isAnswered(value: AnswerValue | undefined): boolean {
  if (value === undefined) return false;
  return typeof value === 'boolean' || value.length > 0;
}
