/**
 * One answer sheet in progress (a campaign quiz, 每日一练, a 错题复习 session): its id and answers are saved to
 * storage on every change and kept until the server acknowledges the submission, so a reload or a failed
 * network call loses nothing and a retry sends the same id (the server counts it once). The quiz and study
 * stores are instances of this; only their server calls differ.
 */
import { create } from 'zustand';
import type { AnswerValue } from '@contracts/resident';
import type { CallFail, CallResult } from '@/shared/api/callFunction';
import { newClientId } from '@/shared/platform/clientId';
import { loadJson, removeKey, saveJson } from '@/shared/platform/storage';

export interface SheetDraft<K extends string> {
  /** What the sheet is for: a campaign id, or a study kind. */
  key: K;
  /** The id the server counts once: made here, or replaced by the server's when it resumes another sheet. */
  id: string;
  answers: Record<string, AnswerValue>;
  startedAt: number;
}

type Status = 'idle' | 'loading' | 'ready' | 'submitting' | 'done' | 'error';

export interface SheetState<K extends string, V, R> {
  draft: SheetDraft<K> | null;
  view: V | null;
  result: R | null;
  status: Status;
  error: CallFail | null;
  current: number;
  /** Opens (or resumes) the sheet for `key`; `fresh` forgets a stored draft first. */
  start: (key: K, fresh?: boolean) => Promise<void>;
  /** Starts the sheet unless it is already loading or open; called on the tap, so the server draws it while the page loads. */
  prepare: (key: K) => Promise<void>;
  answer: (questionId: string, value: AnswerValue) => void;
  goTo: (index: number) => void;
  submit: () => Promise<R | null>;
}

export interface SheetServer<K extends string, V extends { questions: { id: string }[] }, R> {
  storageKey: (key: K) => string;
  /** Asks the server to start or resume the sheet with the draft's id. */
  open: (draft: SheetDraft<K>) => Promise<CallResult<V>>;
  /** The id the server gives the sheet (another unfinished one may have been resumed instead). */
  idOf: (view: V) => string;
  /** A sheet already submitted comes back with its result. */
  resultOf: (view: V) => R | null | undefined;
  submit: (draft: SheetDraft<K>, answers: { questionId: string; answer: AnswerValue }[], durationMs: number) => Promise<CallResult<R>>;
}

const DAY_MS = 24 * 3600 * 1000;

export function createAnswerSheetStore<K extends string, V extends { questions: { id: string }[] }, R>(server: SheetServer<K, V, R>) {
  return create<SheetState<K, V, R>>((set, get) => ({
    draft: null,
    view: null,
    result: null,
    status: 'idle',
    error: null,
    current: 0,

    start: async (key, fresh = false) => {
      const storageKey = server.storageKey(key);
      if (fresh) removeKey(storageKey);
      const draft: SheetDraft<K> = loadJson<SheetDraft<K>>(storageKey) ?? { key, id: newClientId(), answers: {}, startedAt: Date.now() };
      saveJson(storageKey, draft);
      set({ draft, view: null, result: null, status: 'loading', error: null, current: 0 });
      const res = await server.open(draft);
      if (!res.ok) {
        if (res.code !== 'NETWORK') removeKey(storageKey);
        set({ status: 'error', error: res });
        return;
      }
      const result = server.resultOf(res.data);
      if (result) {
        removeKey(storageKey);
        set({ view: res.data, result, status: 'done' });
        return;
      }
      const id = server.idOf(res.data);
      const kept = id === draft.id ? draft : { ...draft, id, answers: {}, startedAt: Date.now() };
      if (kept !== draft) saveJson(storageKey, kept);
      const firstUnanswered = res.data.questions.findIndex((q) => kept.answers[q.id] === undefined);
      set({ draft: kept, view: res.data, status: 'ready', current: firstUnanswered < 0 ? 0 : firstUnanswered });
    },

    prepare: async (key) => {
      const { status, draft } = get();
      if (draft?.key === key && (status === 'loading' || status === 'ready' || status === 'submitting')) return;
      await get().start(key);
    },

    answer: (questionId, value) => {
      const draft = get().draft;
      if (!draft || get().status === 'submitting') return;
      const next = { ...draft, answers: { ...draft.answers, [questionId]: value } };
      saveJson(server.storageKey(draft.key), next);
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
      const res = await server.submit(draft, answers, Math.min(Date.now() - draft.startedAt, DAY_MS - 1));
      if (!res.ok) {
        set({ status: 'ready', error: res });
        return null;
      }
      removeKey(server.storageKey(draft.key));
      set({ result: res.data, status: 'done' });
      return res.data;
    },
  }));
}

export function isAnswered(value: AnswerValue | undefined): boolean {
  if (value === undefined) return false;
  return typeof value === 'boolean' || value.length > 0;
}
