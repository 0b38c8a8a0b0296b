/**
 * The home page's data. The last good answer is kept in storage, so on a slow or dropped rural connection the
 * home page shows at once what the resident saw last time, then refreshes; a failed refresh keeps it on screen
 * with a note instead of an empty error page.
 */
import { create } from 'zustand';
import type { HomeView } from '@contracts/resident';
import { callResident, type CallFail } from '@/shared/api/callFunction';
import { loadJson, saveJson } from '@/shared/platform/storage';

const CACHE_KEY = 'pufa.home.v1';

interface HomeState {
  home: HomeView | null;
  /** True while `home` is the stored copy from an earlier visit, not yet confirmed by the server. */
  fromCache: boolean;
  loading: boolean;
  error: CallFail | null;
  load: () => Promise<void>;
  markRead: (lessonId: string) => void;
}

export const useHomeStore = create<HomeState>((set, get) => ({
  home: null,
  fromCache: false,
  loading: false,
  error: null,
  load: async () => {
    if (!get().home) {
      const cached = loadJson<HomeView>(CACHE_KEY);
      if (cached) set({ home: cached, fromCache: true });
    }
    set({ loading: true, error: null });
    const res = await callResident('getHome', {});
    if (res.ok) {
      saveJson(CACHE_KEY, res.data);
      set({ home: res.data, fromCache: false, loading: false });
    } else set({ error: res, loading: false });
  },
  markRead: (lessonId) => {
    const home = get().home;
    if (!home) return;
    const next = {
      ...home,
      lawGroups: home.lawGroups.map((g) => ({ ...g, lessons: g.lessons.map((l) => (l.id === lessonId ? { ...l, read: true } : l)) })),
    };
    saveJson(CACHE_KEY, next);
    set({ home: next });
  },
}));
