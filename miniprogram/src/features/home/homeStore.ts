import { create } from 'zustand';
import type { HomeView } from '@contracts/resident';
import { callResident, type CallFail } from '@/shared/api/callFunction';

interface HomeState {
  home: HomeView | null;
  loading: boolean;
  error: CallFail | null;
  load: () => Promise<void>;
  markRead: (lessonId: string) => void;
}

export const useHomeStore = create<HomeState>((set, get) => ({
  home: null,
  loading: false,
  error: null,
  load: async () => {
    set({ loading: true, error: null });
    const res = await callResident('getHome', {});
    if (res.ok) set({ home: res.data, loading: false });
    else set({ error: res, loading: false });
  },
  markRead: (lessonId) => {
    const home = get().home;
    if (!home) return;
    set({
      home: {
        ...home,
        lawGroups: home.lawGroups.map((g) => ({ ...g, lessons: g.lessons.map((l) => (l.id === lessonId ? { ...l, read: true } : l)) })),
      },
    });
  },
}));
