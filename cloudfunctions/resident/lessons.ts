import type { ActionContext } from '../shared/handler';
import type { LessonView } from '../contracts/resident';
import type { LessonDoc } from '../shared/documents';
import { notFound, isDuplicateWrite } from '../shared/errors';
import { personKey } from '../shared/identity';
import { recordParticipation } from '../shared/participation/record';
import { getDoc } from '../shared/database';
import { loadLaws } from '../shared/laws';
import { creditedCampaign, listsLesson } from '../shared/campaigns';
import { loadResident } from './profile';

async function loadLesson(ctx: ActionContext, lessonId: string): Promise<LessonDoc> {
  const lesson = await getDoc(ctx.db, 'lessons', lessonId);
  if (!lesson || lesson.archived) throw notFound('这篇课程');
  return lesson;
}

export async function getLesson(ctx: ActionContext, lessonId: string): Promise<LessonView> {
  const [lesson, laws, read] = await Promise.all([
    loadLesson(ctx, lessonId),
    loadLaws(ctx.db),
    ctx.db.collection('lesson_reads').doc(`${personKey(ctx.openId)}:${lessonId}`).get(),
  ]);
  const law = laws.get(lesson.law);
  return {
    id: lesson._id,
    title: lesson.title,
    law: lesson.law,
    lawShortName: law?.shortName ?? lesson.law,
    lawTitle: law?.title ?? lesson.law,
    body: lesson.body,
    readingMinutes: lesson.readingMinutes,
    citations: lesson.citations,
    campaignIds: lesson.campaigns,
    read: (read.data?.length ?? 0) > 0,
  };
}

/** Marks a lesson read once per resident; the first read is one participation (阅读人次). */
export async function markLessonRead(ctx: ActionContext, lessonId: string, campaignId?: string) {
  const lesson = await loadLesson(ctx, lessonId);
  const key = personKey(ctx.openId);
  const at = ctx.now();
  let firstRead = true;
  try {
    await ctx.db.collection('lesson_reads').add({ _id: `${key}:${lessonId}`, personKey: key, lessonId, at });
  } catch (error) {
    if (!isDuplicateWrite(error)) throw error;
    firstRead = false;
  }
  const resident = await loadResident(ctx);
  // Recorded even on a repeat call, so a crash between the two writes is healed by the retry.
  await recordParticipation(ctx.db, {
    eventId: `read:${key}:${lessonId}`,
    kind: 'lesson_read',
    personKey: key,
    campaignId: await creditedCampaign(ctx.db, at, (c) => listsLesson(c, lesson), campaignId),
    villageId: resident?.villageId ?? null,
    laws: [lesson.law],
    at,
    lessonId,
  });
  return { lessonId, firstRead };
}
