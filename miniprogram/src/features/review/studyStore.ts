/**
 * A 每日一练 or 错题复习 session in progress. As for quizzes, the session id and the answers are kept in storage
 * until the server acknowledges the submission, so a reload or a failed call loses nothing and a retry sends
 * the same id (the server counts it once). 每日一练's id is the server's (one per day); a review's is made here.
 */
import { create } from 'zustand';
import type { AnswerValue, StudyKind, StudyResult, StudyView } from '@contracts/resident';
import type { CallFail } from '@/shared/api/callFunction';
import { callResident } from '@/shared/api/clients';
import { newClientId } from '@/shared/platform/clientId';
import { loadJson, removeKey, saveJson } from '@/shared/platform/storage';

interface StudyDraft {
  kind: StudyKind;
  /** The review's client-made id (a practice session's id comes from the server). */
  clientId: string;
  sessionId: string | null;
  answers: Record<string, AnswerValue>;
  startedAt: number;
}

type Status = 'idle' | 'loading' | 'ready' | 'submitting' | 'done' | 'error';

interface StudyState {
  kind: StudyKind | null;
  draft: StudyDraft | null;
  view: StudyView | null;
  result: StudyResult | null;
  status: Status;
  error: CallFail | null;
  current: number;
  start: (kind: StudyKind) => Promise<void>;
  answer: (questionId: string, value: AnswerValue) => void;
  goTo: (index: number) => void;
  submit: () => Promise<StudyResult | null>;
}

const draftKey = (kind: StudyKind) => `pufa.studyDraft.${kind}`;

export const useStudyStore = create<StudyState>((set, get) => ({
  kind: null,
  draft: null,
  view: null,
  result: null,
  status: 'idle',
  error: null,
  current: 0,

  start: async (kind) => {
    const draft: StudyDraft = loadJson<StudyDraft>(draftKey(kind)) ?? { kind, clientId: newClientId(), sessionId: null, answers: {}, startedAt: Date.now() };
    saveJson(draftKey(kind), draft);
    set({ kind, draft, view: null, result: null, status: 'loading', error: null, current: 0 });
    const res = kind === 'practice' ? await callResident('startPractice', {}) : await callResident('startReview', { sessionId: draft.sessionId ?? draft.clientId });
    if (!res.ok) {
      if (res.code !== 'NETWORK') removeKey(draftKey(kind));
      set({ status: 'error', error: res });
      return;
    }
    if (res.data.result) {
      removeKey(draftKey(kind));
      set({ view: res.data, result: res.data.result, status: 'done' });
      return;
    }
    const kept = draft.sessionId === res.data.sessionId ? draft : { ...draft, sessionId: res.data.sessionId, answers: {}, startedAt: Date.now() };
    saveJson(draftKey(kind), kept);
    const firstUnanswered = res.data.questions.findIndex((q) => kept.answers[q.id] === undefined);
    set({ draft: kept, view: res.data, status: 'ready', current: firstUnanswered < 0 ? 0 : firstUnanswered });
  },

  answer: (questionId, value) => {
    const draft = get().draft;
    if (!draft || get().status === 'submitting') return;
    const next = { ...draft, answers: { ...draft.answers, [questionId]: value } };
    saveJson(draftKey(draft.kind), next);
    set({ draft: next });
  },

  goTo: (index) => {
    const view = get().view;
    if (!view) return;
    set({ current: Math.max(0, Math.min(view.questions.length - 1, index)) });
  },

  submit: async () => {
    const { draft, view } = get();
    if (!draft || !view) return null;
    set({ status: 'submitting', error: null });
    const answers = view.questions.filter((q) => draft.answers[q.id] !== undefined).map((q) => ({ questionId: q.id, answer: draft.answers[q.id] }));
    const res = await callResident('submitStudy', { sessionId: view.sessionId, answers, durationMs: Math.min(Date.now() - draft.startedAt, 24 * 3600 * 1000 - 1) });
    if (!res.ok) {
      set({ status: 'ready', error: res });
      return null;
    }
    removeKey(draftKey(draft.kind));
    set({ result: res.data, status: 'done' });
    return res.data;
  },
}));
