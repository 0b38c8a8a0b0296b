/**
 * The home view (live campaigns, notices, lessons by law, legal help), shared by 首页, 学法 and the lesson
 * reader. Kept in storage, so the next visit shows it at once, also without a network.
 */
import type { HomeView } from '@contracts/resident';
import { residentQuery } from './queries';
import { updateServerData } from './serverData';

export const homeQuery = residentQuery('getHome', {}, { group: 'home' });

/** A lesson just read shows ✓ 已读 in every list, also in the stored copy. */
export function markLessonReadInHome(lessonId: string): void {
  updateServerData<HomeView>(homeQuery, (home) => ({
    ...home,
    lawGroups: home.lawGroups.map((g) => ({ ...g, lessons: g.lessons.map((l) => (l.id === lessonId ? { ...l, read: true } : l)) })),
  }));
}
