/**
 * The lesson being read. Lessons already opened are kept in storage (the last 40), so one opened before can be
 * read again without a network; the read is counted by the server once the resident is online again.
 */
import { create } from 'zustand';
import type { LessonView } from '@contracts/resident';
import { callResident, type CallFail } from '@/shared/api/callFunction';
import { loadJson, saveJson } from '@/shared/platform/storage';
import { useHomeStore } from '@/features/home/homeStore';

const CACHE_KEY = 'pufa.lessons.v1';
const CACHE_SIZE = 40;

function cachedLessons(): LessonView[] {
  return loadJson<LessonView[]>(CACHE_KEY) ?? [];
}
function remember(lesson: LessonView): void {
  saveJson(CACHE_KEY, [lesson, ...cachedLessons().filter((l) => l.id !== lesson.id)].slice(0, CACHE_SIZE));
}

interface LessonState {
  lesson: LessonView | null;
  /** The shown lesson is the stored copy: the network did not answer. */
  offline: boolean;
  error: CallFail | null;
  open: (lessonId: string, campaignId?: string) => Promise<void>;
}

export const useLessonStore = create<LessonState>((set) => ({
  lesson: null,
  offline: false,
  error: null,
  open: async (lessonId, campaignId) => {
    set({ lesson: null, offline: false, error: null });
    const res = await callResident('getLesson', { lessonId });
    if (!res.ok) {
      const cached = res.code === 'NETWORK' ? cachedLessons().find((l) => l.id === lessonId) : undefined;
      return set(cached ? { lesson: cached, offline: true } : { error: res });
    }
    set({ lesson: res.data });
    remember(res.data);
    if (!res.data.read) {
      const marked = await callResident('markLessonRead', campaignId ? { lessonId, campaignId } : { lessonId });
      if (marked.ok) {
        const read = { ...res.data, read: true };
        remember(read);
        set((s) => (s.lesson && s.lesson.id === lessonId ? { lesson: read } : s));
        useHomeStore.getState().markRead(lessonId);
      }
    }
  },
}));
