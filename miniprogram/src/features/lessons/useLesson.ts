/**
 * The lesson being read. The last 40 lessons opened are kept in storage, so one opened before can be read
 * again without a network; the read is counted by the server once the lesson comes from the server unread.
 */
import { useEffect } from 'react';
import { callResident } from '@/shared/api/clients';
import { residentQuery } from '@/shared/data/queries';
import { updateServerData, useServerData } from '@/shared/data/serverData';
import { markLessonReadInHome } from '@/shared/data/homeQuery';
import { refreshPoints } from '@/shared/data/pointsQuery';
import type { LessonView } from '@contracts/resident';

export const lessonQuery = (lessonId: string) => residentQuery('getLesson', { lessonId }, { group: 'lessons', keep: 40 });

const marking = new Set<string>();
/** Counts the read once (the server ignores a repeat), then shows ✓ 已读 here, on 首页 and on 学法. */
export async function markRead(lessonId: string, campaignId?: string): Promise<boolean> {
  if (marking.has(lessonId)) return false;
  marking.add(lessonId);
  try {
    const res = await callResident('markLessonRead', campaignId ? { lessonId, campaignId } : { lessonId });
    if (!res.ok) return false;
    updateServerData<LessonView>(lessonQuery(lessonId), (l) => ({ ...l, read: true }));
    markLessonReadInHome(lessonId);
    void refreshPoints();
    return true;
  } finally {
    marking.delete(lessonId);
  }
}

export function useLesson(lessonId: string, campaignId?: string) {
  const state = useServerData(lessonId ? lessonQuery(lessonId) : null);
  const confirmedUnread = Boolean(state.data && !state.data.read && !state.fromCache && !state.loading);
  useEffect(() => {
    if (confirmedUnread) void markRead(lessonId, campaignId);
  }, [confirmedUnread, lessonId]);
  /** A lesson is shown (opened before) but the network did not answer. */
  const offline = state.data !== null && state.error?.code === 'NETWORK';
  return { ...state, offline };
}
