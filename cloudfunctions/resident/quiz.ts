import type { ActionContext } from '../shared/handler';
import type { AnswerValue, AttemptResult, AttemptSummary, QuizView } from '../contracts/resident';
import type { AttemptDoc, CampaignDoc, OpenAttemptDoc } from '../shared/documents';
import { campaignState, QUIZ_SUBMIT_GRACE_MS, QUIZ_SUBMIT_GRACE_TEXT } from '../shared/campaigns';
import { AppError, isDuplicateWrite, notFound } from '../shared/errors';
import { personKey } from '../shared/identity';
import { chinaDay } from '../contracts/time';
import { answersFor, drawQuestions, gradeDrawn, scoreOf, snapshotOf, toClientQuestion } from '../shared/quiz/quizEngine';
import { recordParticipation } from '../shared/participation/record';
import { drawPool } from '../shared/quiz/pool';
import { findMany, getDoc, updatedCount, reads } from '../shared/database';
import { loadResident } from './profile';
import { allItems, applyAnswers } from './review';
import { issueCertificate } from './certificates';

/**
 * A quiz started while its campaign was live counts when submitted before the end or within the grace after it
 * (QUIZ_SUBMIT_GRACE_MS); later, or once staff archived the campaign, it is refused and counts nothing.
 */
function submittable(campaign: CampaignDoc, now: Date): void {
  if (campaign.status === 'archived') throw new AppError('NOT_AVAILABLE', '这个活动已经结束并归档，这次答题不能再交卷计分');
  if (now.getTime() > Date.parse(campaign.end) + QUIZ_SUBMIT_GRACE_MS) {
    throw new AppError('NOT_AVAILABLE', `这个活动已经结束，结束后 ${QUIZ_SUBMIT_GRACE_TEXT} 内交的卷才计分，这次答题不能再交卷`);
  }
}

async function loadCampaign(ctx: ActionContext, campaignId: string): Promise<CampaignDoc> {
  const c = await getDoc(ctx.db, 'campaigns', campaignId);
  if (!c || c.status === 'draft') throw notFound('这个活动');
  return c;
}

async function loadAttempt(ctx: ActionContext, attemptId: string): Promise<AttemptDoc | null> {
  const a = await getDoc(ctx.db, 'attempts', attemptId);
  if (!a) return null;
  // Another resident's attempt id is reported as unknown: it reveals nothing about it.
  if (a.openId !== ctx.openId) throw new AppError('CONFLICT', '答题编号已被使用，请重新开始答题');
  return a;
}

/** The quiz_quota document of one resident, campaign and China day. */
export const quotaId = (key: string, campaignId: string, day: string) => `${key}|${campaignId}|${day}`;

async function attemptsUsedToday(ctx: ActionContext, key: string, campaignId: string, day: string): Promise<{ count: number; attemptIds: string[] }> {
  return (await getDoc(ctx.db, 'quiz_quota', quotaId(key, campaignId, day))) ?? { count: 0, attemptIds: [] };
}

/**
 * Takes one of today's attempts for this campaign, once per attempt id (a retry takes nothing), when the attempt
 * starts (attempts stored before starts counted take it when submitted).
 */
async function consumeQuota(ctx: ActionContext, key: string, attempt: Pick<AttemptDoc, '_id' | 'campaignId' | 'day'>, cap: number): Promise<void> {
  const id = quotaId(key, attempt.campaignId, attempt.day);
  const _ = ctx.db.command;
  const coll = ctx.db.collection('quiz_quota');
  const take = () => coll.where({ _id: id, count: _.lt(cap), attemptIds: _.neq(attempt._id) }).update({ count: _.inc(1), attemptIds: _.push(attempt._id) });
  if (updatedCount(await take())) return;
  const current = await attemptsUsedToday(ctx, key, attempt.campaignId, attempt.day);
  if (current.attemptIds.includes(attempt._id)) return;
  if (current.count === 0 && cap > 0) {
    try {
      await coll.add({ _id: id, count: 1, attemptIds: [attempt._id] });
      return;
    } catch (error) {
      if (!isDuplicateWrite(error)) throw error;
      if (updatedCount(await take())) return;
      const again = await attemptsUsedToday(ctx, key, attempt.campaignId, attempt.day);
      if (again.attemptIds.includes(attempt._id)) return;
    }
  }
  throw dailyLimit(cap);
}

const dailyLimit = (cap: number) => new AppError('DAILY_LIMIT', `本活动每天最多答题 ${cap} 次，明天再来吧`);

function quizView(attempt: AttemptDoc, attemptsLeftToday: number): QuizView {
  return {
    attemptId: attempt._id,
    campaignId: attempt.campaignId,
    campaignTitle: attempt.campaignTitle,
    passMark: attempt.passMark,
    questions: attempt.drawn.map((d) => toClientQuestion(d.snapshot, d)),
    attemptsLeftToday,
    result: attempt.result ?? null,
  };
}

const openAttemptId = (key: string, campaignId: string) => `${key}|${campaignId}`;
/** A claim on the open-attempt slot older than this whose attempt was never stored is from a crashed start. */
const STALE_CLAIM_MS = 30_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Claims the resident's one open (unfinished) attempt slot of this campaign for `attemptId`. Returns null when
 * the slot is ours, or the unfinished attempt to resume instead. Concurrent starts with different ids wait
 * for the one that claimed the slot and resume its attempt, so at most one attempt (and key snapshot) is made.
 */
async function claimOpenAttempt(ctx: ActionContext, key: string, campaignId: string, attemptId: string): Promise<AttemptDoc | null> {
  const slots = ctx.db.collection('open_attempts');
  const id = openAttemptId(key, campaignId);
  for (let tries = 0; tries < 50; tries++) {
    try {
      await slots.add({ _id: id, attemptId, at: ctx.now().getTime() });
      return null;
    } catch (error) {
      if (!isDuplicateWrite(error)) throw error;
    }
    const slot: OpenAttemptDoc | null = await getDoc(ctx.db, 'open_attempts', id);
    if (!slot) continue; // released meanwhile
    if (slot.attemptId === attemptId) return null;
    const open = await loadAttempt(ctx, slot.attemptId);
    if (open?.status === 'started') return open;
    if (open || ctx.now().getTime() - slot.at > STALE_CLAIM_MS) {
      await slots.where({ _id: id, attemptId: slot.attemptId }).remove(); // submitted, or a crashed start
      continue;
    }
    await sleep(100); // another start is drawing it right now
  }
  throw new AppError('CONFLICT', '正在出题，请稍后再试');
}

function releaseOpenAttempt(ctx: ActionContext, key: string, campaignId: string, attemptId: string) {
  return ctx.db.collection('open_attempts').where({ _id: openAttemptId(key, campaignId), attemptId }).remove();
}

/** Ids of the questions this resident has answered right at least once. */
async function answeredRight(ctx: ActionContext, key: string): Promise<Set<string>> {
  return new Set((await allItems(ctx, key)).filter((i) => i.everRight).map((i) => i.questionId));
}

/**
 * Starts (or resumes) a quiz. Starting takes one of today's attempts; reopening an attempt, or asking for a
 * new one while another of this campaign is unfinished, returns that unfinished attempt (its id may differ
 * from the one asked for: the client continues with the returned id).
 */
export async function startQuiz(ctx: ActionContext, campaignId: string, attemptId: string): Promise<QuizView> {
  const key = personKey(ctx.openId);
  const day = chinaDay(ctx.now());
  const [existing, campaign] = await Promise.all([loadAttempt(ctx, attemptId), loadCampaign(ctx, campaignId)]);
  if (existing && existing.campaignId !== campaignId) throw new AppError('CONFLICT', '答题编号已被使用，请重新开始答题');
  const cap = campaign.quiz.attemptsPerDay;
  const leftToday = async () => Math.max(0, cap - (await attemptsUsedToday(ctx, key, campaign._id, day)).count);
  if (existing) return quizView(existing, await leftToday());
  if (campaignState(campaign, ctx.now()) !== 'live') throw new AppError('NOT_AVAILABLE', '这个活动现在不在答题时间内');
  const [open, used] = await Promise.all([claimOpenAttempt(ctx, key, campaign._id, attemptId), attemptsUsedToday(ctx, key, campaign._id, day)]);
  if (open) return quizView(open, await leftToday());
  const left = Math.max(0, cap - used.count - (used.attemptIds.includes(attemptId) ? 0 : 1));
  try {
    if (used.count >= cap && !used.attemptIds.includes(attemptId)) throw dailyLimit(cap);
    await consumeQuota(ctx, key, { _id: attemptId, campaignId: campaign._id, day }, cap);
    const [pool, right] = await Promise.all([drawPool(ctx.db, campaign), answeredRight(ctx, key)]);
    const drawn = drawQuestions(pool, campaign.quiz.questionsPerQuiz, attemptId, right);
    if (drawn.length === 0) throw new AppError('NOT_AVAILABLE', '这个活动暂时没有题目');
    const full = await findMany(ctx.db, 'questions', { _id: ctx.db.command.in(drawn.map((d) => d.questionId)) });
    const byId = new Map(full.map((q) => [q._id, q]));
    const attempt: AttemptDoc = {
      _id: attemptId,
      openId: ctx.openId,
      personKey: key,
      campaignId: campaign._id,
      campaignTitle: campaign.title,
      passMark: campaign.quiz.passMark,
      drawn: drawn.map((d) => ({ ...d, snapshot: snapshotOf(byId.get(d.questionId)!) })),
      status: 'started',
      startedAt: ctx.now(),
      day,
      quotaTaken: true,
    };
    try {
      await ctx.db.collection('attempts').add(attempt);
    } catch (error) {
      if (!isDuplicateWrite(error)) throw error;
      const raced = await loadAttempt(ctx, attemptId);
      if (raced) return quizView(raced, left);
      throw error;
    }
    return quizView(attempt, left);
  } catch (error) {
    if (error instanceof AppError) await releaseOpenAttempt(ctx, key, campaign._id, attemptId);
    throw error;
  }
}

function grade(attempt: AttemptDoc, answers: Map<string, AnswerValue>, at: Date): AttemptResult {
  const items = gradeDrawn(attempt.drawn, answers);
  const score = scoreOf(items.map((i) => i.points));
  return {
    attemptId: attempt._id,
    campaignId: attempt.campaignId,
    campaignTitle: attempt.campaignTitle,
    score,
    passed: score >= attempt.passMark,
    passMark: attempt.passMark,
    correctCount: items.filter((i) => i.outcome === 'correct').length,
    total: items.length,
    submittedAt: at.toISOString(),
    items,
  };
}

async function recordAttempt(ctx: ActionContext, attempt: AttemptDoc, result: AttemptResult, durationMs: number | undefined) {
  const lawOf = new Map(attempt.drawn.map((d) => [d.questionId, d.snapshot.law]));
  await Promise.all([
    applyAnswers(ctx, attempt.personKey, attempt._id, 'quiz', new Date(result.submittedAt), result.items.map((graded) => ({ law: lawOf.get(graded.questionId) ?? '', graded }))),
    releaseOpenAttempt(ctx, attempt.personKey, attempt.campaignId, attempt._id),
  ]);
  const resident = await loadResident(ctx);
  // The question statistics are effects of the same event: applied once, completed by a retry or the sweep.
  await recordParticipation(
    ctx.db,
    {
    eventId: `quiz:${attempt._id}`,
    kind: 'quiz_attempt',
    personKey: attempt.personKey,
    campaignId: attempt.campaignId,
    villageId: resident?.villageId ?? null,
    laws: attempt.drawn.map((d) => d.snapshot.law),
    at: new Date(result.submittedAt),
    score: result.score,
    passed: result.passed,
    durationMs,
    },
    { questionStats: result },
  );
  // After the participation is stored: a crash before this point is healed by the retry, which issues it then.
  await issueCertificate(ctx, attempt, result);
}

export async function submitAttempt(ctx: ActionContext, input: { attemptId: string; answers: { questionId: string; answer: AnswerValue }[]; durationMs?: number }): Promise<AttemptResult> {
  const attempt = await loadAttempt(ctx, input.attemptId);
  if (!attempt) throw notFound('这次答题');
  if (attempt.status === 'submitted' && attempt.result) {
    await recordAttempt(ctx, attempt, attempt.result, input.durationMs); // heals a crash after grading; counts nothing twice
    return attempt.result;
  }
  const answers = answersFor(attempt.drawn, input.answers);
  const campaign = await loadCampaign(ctx, attempt.campaignId);
  submittable(campaign, ctx.now());
  if (!attempt.quotaTaken) await consumeQuota(ctx, attempt.personKey, attempt, campaign.quiz.attemptsPerDay);
  const submittedAt = ctx.now();
  const result = grade(attempt, answers, submittedAt);
  const res = await ctx.db
    .collection('attempts')
    .where({ _id: attempt._id, status: 'started' })
    .update({ status: 'submitted', submittedAt, result, durationMs: input.durationMs ?? null });
  if (!updatedCount(res)) {
    const stored = await loadAttempt(ctx, attempt._id);
    if (stored?.result) return stored.result;
  }
  await recordAttempt(ctx, attempt, result, input.durationMs);
  return result;
}

export async function getAttempt(ctx: ActionContext, attemptId: string): Promise<AttemptResult> {
  const attempt = await loadAttempt(ctx, attemptId);
  if (!attempt?.result) throw notFound('这次答题的成绩');
  return attempt.result;
}

export async function listMyAttempts(ctx: ActionContext, limit = 20): Promise<AttemptSummary[]> {
  const res = await reads(ctx.db, 'attempts')
    .where({ openId: ctx.openId, status: 'submitted' })
    .orderBy('submittedAt', 'desc')
    .field({ _id: true, campaignId: true, campaignTitle: true, 'result.score': true, 'result.passed': true, 'result.submittedAt': true })
    .limit(limit)
    .get();
  return res.data.map((a) => ({
    attemptId: a._id,
    campaignId: a.campaignId,
    campaignTitle: a.campaignTitle,
    score: a.result?.score ?? 0,
    passed: a.result?.passed ?? false,
    submittedAt: a.result?.submittedAt ?? '',
  }));
}
