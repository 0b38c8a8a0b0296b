/**
 * The campaign quiz in progress: an answer sheet (shared/data/answerSheet.ts) keyed by campaign, whose id is the
 * attempt id the server counts once.
 */
import type { AttemptResult, QuizView } from '@contracts/resident';
import { callResident } from '@/shared/api/clients';
import { createAnswerSheetStore } from '@/shared/data/answerSheet';


export const useQuizStore = createAnswerSheetStore<string, QuizView, AttemptResult>({
  storageKey: (campaignId) => `pufa.quizDraft.${campaignId}`,
  open: (draft) => callResident('startQuiz', { campaignId: draft.key, attemptId: draft.id }),
  idOf: (view) => view.attemptId,
  resultOf: (view) => view.result,
  submit: (draft, answers, durationMs) => callResident('submitAttempt', { attemptId: draft.id, answers, durationMs }),
});
