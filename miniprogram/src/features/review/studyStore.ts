/**
 * A 每日一练 or 错题复习 session in progress: an answer sheet (shared/data/answerSheet.ts) keyed by kind. A
 * review's id is made here; 每日一练's is the server's (one per day), which the sheet takes on when it starts.
 */
import type { StudyKind, StudyResult, StudyView } from '@contracts/resident';
import { callResident } from '@/shared/api/clients';
import { createAnswerSheetStore } from '@/shared/data/answerSheet';

export const useStudyStore = createAnswerSheetStore<StudyKind, StudyView, StudyResult>({
  storageKey: (kind) => `pufa.studyDraft.${kind}`,
  open: (draft) => (draft.key === 'practice' ? callResident('startPractice', {}) : callResident('startReview', { sessionId: draft.id })),
  idOf: (view) => view.sessionId,
  resultOf: (view) => view.result,
  submit: (draft, answers, durationMs) => callResident('submitStudy', { sessionId: draft.id, answers, durationMs }),
});
