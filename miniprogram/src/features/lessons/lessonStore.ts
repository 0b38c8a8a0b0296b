import { create } from 'zustand';
import type { LessonView } from '@contracts/resident';
import { callResident, type CallFail } from '@/shared/api/callFunction';
import { useHomeStore } from '@/features/home/homeStore';

interface LessonState {
  lesson: LessonView | null;
  error: CallFail | null;
  open: (lessonId: string, campaignId?: string) => Promise<void>;
}

export const useLessonStore = create<LessonState>((set) => ({
  lesson: null,
  error: null,
  open: async (lessonId, campaignId) => {
    set({ lesson: null, error: null });
    const res = await callResident('getLesson', { lessonId });
    if (!res.ok) return set({ error: res });
    set({ lesson: res.data });
    if (!res.data.read) {
      const marked = await callResident('markLessonRead', campaignId ? { lessonId, campaignId } : { lessonId });
      if (marked.ok) {
        set((s) => (s.lesson && s.lesson.id === lessonId ? { lesson: { ...s.lesson, read: true } } : s));
        useHomeStore.getState().markRead(lessonId);
      }
    }
  },
}));
