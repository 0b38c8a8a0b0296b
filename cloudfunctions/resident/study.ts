/**
 * 每日一练 and 错题复习 sessions: drawn on the server, stored with a key snapshot, sent without answers, graded on
 * submit against the snapshot, and counted once as a participation of their own kind (`practice`, `review`).
 *
 * 每日一练 is one session per resident and China day: its id is made from the day and the person, so concurrent
 * starts and retries all land on the same document. A review session uses the client-made id.
 */
import type { ActionContext } from '../shared/handler';
import type { AnswerValue, LearningSummary, StudyKind, StudyResult, StudyView } from '../contracts/resident';
import type { QuestionDoc, StudySessionDoc } from '../shared/documents';
import { creditedCampaign } from '../shared/campaigns';
import { AppError, isDuplicateWrite, notFound } from '../shared/errors';
import { personKey } from '../shared/identity';
import { chinaDay } from '../contracts/time';
import { getDoc, readAll, reads } from '../shared/database';
import { seededShuffle } from '../shared/quiz/seededRandom';
import { answersFor, drawnOf, gradeDrawn, scoreOf, snapshotOf, toClientQuestion } from '../shared/quiz/quizEngine';
import { recordParticipation } from '../shared/participation/record';
import { loadResident } from './profile';
import { allItems, applyAnswers, countDue, dueItems, itemsFor, REVIEW_SESSION_SIZE } from './review';
import { nextSchedule } from './reviewSchedule';
import { poolContains } from '../shared/quiz/pool';

export const PRACTICE_SIZE = 5;
const TITLES: Record<StudyKind, string> = { practice: '每日一练', review: '错题复习' };

export const practiceId = (key: string, day: string) => `daily-${day}-${key}`;

function studyView(s: StudySessionDoc): StudyView {
  return { sessionId: s._id, kind: s.kind, title: TITLES[s.kind], questions: s.drawn.map((d) => toClientQuestion(d.snapshot, d)), result: s.result ?? null };
}

async function loadSession(ctx: ActionContext, sessionId: string): Promise<StudySessionDoc | null> {
  const s = await getDoc(ctx.db, 'study_sessions', sessionId);
  if (!s) return null;
  if (s.openId !== ctx.openId) throw new AppError('CONFLICT', '练习编号已被使用，请重新开始');
  return s;
}

async function questionsByIds(ctx: ActionContext, ids: string[]): Promise<Map<string, QuestionDoc>> {
  if (!ids.length) return new Map();
  const res = await reads(ctx.db, 'questions').where({ _id: ctx.db.command.in(ids), archived: false }).limit(1000).get();
  return new Map(res.data.map((q) => [q._id, q]));
}

/** Stores a new session (or returns the one already stored under its id, by this or a concurrent start). */
async function storeSession(ctx: ActionContext, sessionId: string, kind: StudyKind, day: string, questions: QuestionDoc[]): Promise<StudyView> {
  const session: StudySessionDoc = {
    _id: sessionId,
    kind,
    openId: ctx.openId,
    personKey: personKey(ctx.openId),
    day,
    drawn: questions.map((q) => ({ ...drawnOf(q, sessionId), snapshot: snapshotOf(q) })),
    status: 'started',
    startedAt: ctx.now(),
  };
  try {
    await ctx.db.collection('study_sessions').add(session);
  } catch (error) {
    if (!isDuplicateWrite(error)) throw error;
    const raced = await loadSession(ctx, sessionId);
    if (raced) return studyView(raced);
    throw error;
  }
  return studyView(session);
}

/**
 * 每日一练's questions: items due for review first, then questions never answered, laws whose lessons were
 * read but none of whose questions were answered first; when everything has been seen, questions not in the
 * book, then any. Shuffled within each tier by the session id.
 */
async function drawPractice(ctx: ActionContext, key: string, day: string, sessionId: string): Promise<QuestionDoc[]> {
  const _ = ctx.db.command;
  const [due, items, pool, lessonReads] = await Promise.all([
    dueItems(ctx, key, day, PRACTICE_SIZE),
    allItems(ctx, key),
    readAll<'questions', Pick<QuestionDoc, '_id' | 'law'>>(ctx.db, 'questions', { archived: false }, { _id: true, law: true }),
    readAll(ctx.db, 'lesson_reads', { personKey: key }, { _id: true, lessonId: true }),
  ]);
  const readLessons = lessonReads.map((r) => r.lessonId);
  const readLaws = new Set<string>();
  for (let i = 0; i < readLessons.length; i += 500) {
    const res = await reads(ctx.db, 'lessons').where({ _id: _.in(readLessons.slice(i, i + 500)) }).field({ law: true }).limit(1000).get();
    for (const l of res.data) readLaws.add(l.law);
  }
  const seen = new Map(items.map((i) => [i.questionId, i]));
  const practised = new Set(items.map((i) => i.law));
  const ordered = [...pool].sort((a, b) => a._id.localeCompare(b._id));
  const shuffle = (qs: typeof ordered, tier: string) => seededShuffle(qs, `practice:${sessionId}:${tier}`);
  const unseen = ordered.filter((q) => !seen.has(q._id));
  const tiers = [
    due.map((d) => ({ _id: d.questionId, law: d.law })),
    shuffle(unseen.filter((q) => readLaws.has(q.law) && !practised.has(q.law)), 'read-not-practised'),
    shuffle(unseen.filter((q) => !(readLaws.has(q.law) && !practised.has(q.law))), 'unseen'),
    shuffle(ordered.filter((q) => seen.get(q._id)?.status !== 'learning' && !seen.get(q._id)?.everRight), 'not-right'),
    shuffle(ordered.filter((q) => seen.get(q._id)?.status !== 'learning'), 'seen'),
  ];
  const chosen: string[] = [];
  for (const tier of tiers) for (const q of tier) if (chosen.length < PRACTICE_SIZE && !chosen.includes(q._id)) chosen.push(q._id);
  const full = await questionsByIds(ctx, chosen);
  return chosen.map((id) => full.get(id)).filter((q): q is QuestionDoc => !!q);
}

/** Today's 每日一练: the same session however often, or however concurrently, it is asked for. */
export async function startPractice(ctx: ActionContext): Promise<StudyView> {
  const key = personKey(ctx.openId);
  const day = chinaDay(ctx.now());
  const sessionId = practiceId(key, day);
  const existing = await loadSession(ctx, sessionId);
  if (existing) return studyView(existing);
  const questions = await drawPractice(ctx, key, day, sessionId);
  if (!questions.length) throw new AppError('NOT_AVAILABLE', '暂时没有可练习的题目');
  return storeSession(ctx, sessionId, 'practice', day, questions);
}

/** A review of the items due today (the earliest first, up to ten). */
export async function startReview(ctx: ActionContext, sessionId: string): Promise<StudyView> {
  const existing = await loadSession(ctx, sessionId);
  if (existing) {
    if (existing.kind !== 'review') throw new AppError('CONFLICT', '练习编号已被使用，请重新开始');
    return studyView(existing);
  }
  const key = personKey(ctx.openId);
  const day = chinaDay(ctx.now());
  const due = await dueItems(ctx, key, day, REVIEW_SESSION_SIZE);
  const full = await questionsByIds(ctx, due.map((d) => d.questionId));
  const questions = due.map((d) => full.get(d.questionId)).filter((q): q is QuestionDoc => !!q);
  if (!questions.length) throw new AppError('NOT_AVAILABLE', '今天没有需要复习的错题，明天再来吧');
  return storeSession(ctx, sessionId, 'review', day, questions);
}

export async function getStudy(ctx: ActionContext, sessionId: string): Promise<StudyView> {
  const s = await loadSession(ctx, sessionId);
  if (!s) throw notFound('这次练习');
  return studyView(s);
}

/** The live campaign a session is credited to (the attribution rule): the first (pinned, then ending soonest) whose pool holds one of its questions. */
async function sessionCampaign(ctx: ActionContext, questionIds: string[], at: Date): Promise<string | null> {
  const questions = (await reads(ctx.db, 'questions').where({ _id: ctx.db.command.in(questionIds) }).field({ _id: true, law: true, tags: true, campaigns: true }).limit(1000).get()).data;
  return creditedCampaign(ctx.db, at, (c) => questions.some((q) => poolContains(c, q)));
}

/** Puts the graded session into the 错题本 schedule and counts it once (a retry completes what a crash left). */
async function recordStudy(ctx: ActionContext, s: StudySessionDoc, result: StudyResult, durationMs: number | undefined) {
  const lawOf = new Map(s.drawn.map((d) => [d.questionId, d.snapshot.law]));
  const at = new Date(result.submittedAt);
  await applyAnswers(ctx, s.personKey, s._id, s.kind, at, result.items.map((graded) => ({ law: lawOf.get(graded.questionId) ?? '', graded })));
  const [resident, campaignId] = await Promise.all([loadResident(ctx), sessionCampaign(ctx, [...lawOf.keys()], at)]);
  await recordParticipation(ctx.db, {
    eventId: `${s.kind}:${s._id}`,
    kind: s.kind,
    personKey: s.personKey,
    campaignId,
    villageId: resident?.villageId ?? null,
    laws: [...lawOf.values()],
    at,
    score: result.score,
    durationMs,
    masteredQuestionIds: s.masteredQuestionIds ?? [],
  });
}

export async function submitStudy(ctx: ActionContext, input: { sessionId: string; answers: { questionId: string; answer: AnswerValue }[]; durationMs?: number }): Promise<StudyResult> {
  const s = await loadSession(ctx, input.sessionId);
  if (!s) throw notFound('这次练习');
  if (s.status === 'submitted' && s.result) {
    await recordStudy(ctx, s, s.result, input.durationMs);
    return s.result;
  }
  const answers = answersFor(s.drawn, input.answers);
  const submittedAt = ctx.now();
  const items = gradeDrawn(s.drawn, answers);
  const byQuestion = await itemsFor(ctx, s.personKey, s.drawn.map((d) => d.questionId));
  const today = chinaDay(submittedAt);
  const masteredQuestionIds = items
    .filter((i) => {
      const before = byQuestion.get(i.questionId);
      return before?.status === 'learning' && nextSchedule(before, i, s.kind, today)?.status === 'mastered';
    })
    .map((i) => i.questionId);
  const result: StudyResult = {
    sessionId: s._id,
    kind: s.kind,
    title: TITLES[s.kind],
    score: scoreOf(items.map((i) => i.points)),
    correctCount: items.filter((i) => i.outcome === 'correct').length,
    total: items.length,
    mastered: masteredQuestionIds.length,
    submittedAt: submittedAt.toISOString(),
    items,
  };
  const res = (await ctx.db.collection('study_sessions').where({ _id: s._id, status: 'started' }).update({ status: 'submitted', submittedAt, result, masteredQuestionIds })) as { updated?: number };
  if (!res.updated) {
    const stored = await loadSession(ctx, s._id);
    if (stored?.result) return stored.result;
  }
  await recordStudy(ctx, { ...s, masteredQuestionIds }, result, input.durationMs);
  return result;
}

/** Home's card: 今日复习 N 题, the size of the 错题本, and whether today's 每日一练 is done. */
export async function getLearning(ctx: ActionContext): Promise<LearningSummary> {
  const key = personKey(ctx.openId);
  const today = chinaDay(ctx.now());
  const [dueCount, book, s] = await Promise.all([
    countDue(ctx, key, today),
    ctx.db.collection('review_items').where({ personKey: key, status: 'learning' }).count(),
    getDoc(ctx.db, 'study_sessions', practiceId(key, today)),
  ]);
  return { today, dueCount, bookCount: book.total ?? 0, practice: { done: s?.status === 'submitted', score: s?.result?.score ?? null, sessionId: s?._id ?? null } };
}
