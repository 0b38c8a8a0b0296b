import type { ActionContext } from '../shared/handler';
import type { AnswerValue, AttemptResult, AttemptSummary, GradedItem, QuizView } from '../contracts/resident';
import { campaignState, type AttemptDoc, type CampaignDoc, type QuestionDoc } from '../shared/documents';
import { AppError, isDuplicateWrite, notFound, invalid } from '../shared/errors';
import { personKey } from '../shared/identity';
import { chinaDay } from '../shared/chinaTime';
import { drawQuestions, gradeOne, scoreOf, toClientQuestion, type StoredQuestion } from '../shared/quiz/quizEngine';
import { recordParticipation, incrementDoc } from '../shared/participation';
import { loadResident } from './profile';
import { readAll } from '../shared/readAll';
import { campaignRefs } from '../shared/campaignEditions';

async function loadCampaign(ctx: ActionContext, campaignId: string): Promise<CampaignDoc> {
  const res = await ctx.db.collection('campaigns').doc(campaignId).get();
  const c = res.data?.[0] as CampaignDoc | undefined;
  if (!c || c.status === 'draft') throw notFound('这个活动');
  return c;
}

async function loadAttempt(ctx: ActionContext, attemptId: string): Promise<AttemptDoc | null> {
  const res = await ctx.db.collection('attempts').doc(attemptId).get();
  const a = res.data?.[0] as AttemptDoc | undefined;
  if (!a) return null;
  // Another resident's attempt id is reported as unknown: it reveals nothing about it.
  if (a.openId !== ctx.openId) throw new AppError('CONFLICT', '答题编号已被使用，请重新开始答题');
  return a;
}

const quotaId = (key: string, campaignId: string, day: string) => `${key}|${campaignId}|${day}`;

async function attemptsUsedToday(ctx: ActionContext, key: string, campaignId: string, day: string): Promise<{ count: number; attemptIds: string[] }> {
  const res = await ctx.db.collection('quiz_quota').doc(quotaId(key, campaignId, day)).get();
  const q = res.data?.[0] as { count: number; attemptIds: string[] } | undefined;
  return q ?? { count: 0, attemptIds: [] };
}

/** Takes one of today's attempts for this campaign, once per attempt id (a retry takes nothing). */
async function consumeQuota(ctx: ActionContext, key: string, attempt: AttemptDoc, cap: number): Promise<void> {
  const id = quotaId(key, attempt.campaignId, attempt.day);
  const _ = ctx.db.command;
  const coll = ctx.db.collection('quiz_quota');
  const take = () => coll.where({ _id: id, count: _.lt(cap), attemptIds: _.neq(attempt._id) }).update({ count: _.inc(1), attemptIds: _.push(attempt._id) });
  if (((await take()) as { updated?: number }).updated) return;
  const current = await attemptsUsedToday(ctx, key, attempt.campaignId, attempt.day);
  if (current.attemptIds.includes(attempt._id)) return;
  if (current.count === 0 && cap > 0) {
    try {
      await coll.add({ _id: id, count: 1, attemptIds: [attempt._id] });
      return;
    } catch (error) {
      if (!isDuplicateWrite(error)) throw error;
      if (((await take()) as { updated?: number }).updated) return;
      const again = await attemptsUsedToday(ctx, key, attempt.campaignId, attempt.day);
      if (again.attemptIds.includes(attempt._id)) return;
    }
  }
  throw new AppError('DAILY_LIMIT', `本活动每天最多答题 ${cap} 次，明天再来吧`);
}

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

export async function drawPool(ctx: ActionContext, campaign: Pick<CampaignDoc, '_id' | 'quiz' | 'templateId'>): Promise<QuestionDoc[]> {
  const _ = ctx.db.command;
  const { laws, tags, questionIds } = campaign.quiz.pool;
  const any = [] as object[];
  if (laws.length) any.push({ law: _.in(laws) });
  if (tags.length) any.push({ tags: _.in(tags) });
  if (questionIds?.length) any.push({ _id: _.in(questionIds) });
  any.push({ campaigns: _.in(campaignRefs(campaign)) });
  return readAll<QuestionDoc>(ctx.db.collection('questions').where(_.and([{ archived: false }, _.or(any)])).field({ _id: true, version: true, type: true, options: true }));
}

export async function startQuiz(ctx: ActionContext, campaignId: string, attemptId: string): Promise<QuizView> {
  const key = personKey(ctx.openId);
  const existing = await loadAttempt(ctx, attemptId);
  const campaign = await loadCampaign(ctx, existing?.campaignId ?? campaignId);
  const day = chinaDay(ctx.now());
  const used = await attemptsUsedToday(ctx, key, campaign._id, day);
  const left = Math.max(0, campaign.quiz.attemptsPerDay - used.count);
  if (existing) {
    if (existing.campaignId !== campaignId) throw new AppError('CONFLICT', '答题编号已被使用，请重新开始答题');
    return quizView(existing, left);
  }
  if (campaignState(campaign, ctx.now()) !== 'live') throw new AppError('NOT_AVAILABLE', '这个活动现在不在答题时间内');
  if (left <= 0) throw new AppError('DAILY_LIMIT', `本活动每天最多答题 ${campaign.quiz.attemptsPerDay} 次，明天再来吧`);

  const pool = await drawPool(ctx, campaign);
  const drawn = drawQuestions(pool as unknown as StoredQuestion[], campaign.quiz.questionsPerQuiz, attemptId);
  if (drawn.length === 0) throw new AppError('NOT_AVAILABLE', '这个活动暂时没有题目');
  const full = await ctx.db
    .collection('questions')
    .where({ _id: ctx.db.command.in(drawn.map((d) => d.questionId)) })
    .limit(1000)
    .get();
  const byId = new Map((full.data as QuestionDoc[]).map((q) => [q._id, q]));
  const attempt: AttemptDoc = {
    _id: attemptId,
    openId: ctx.openId,
    personKey: key,
    campaignId: campaign._id,
    campaignTitle: campaign.title,
    passMark: campaign.quiz.passMark,
    drawn: drawn.map((d) => {
      const q = byId.get(d.questionId)!;
      const snapshot: StoredQuestion = { _id: q._id, type: q.type, stem: q.stem, options: q.options, answer: q.answer, explanation: q.explanation, citation: q.citation, law: q.law, version: q.version };
      return { ...d, snapshot };
    }),
    status: 'started',
    startedAt: ctx.now(),
    day,
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
}

function grade(attempt: AttemptDoc, answers: Map<string, AnswerValue>, at: Date): AttemptResult {
  const items: GradedItem[] = attempt.drawn.map((d) => {
    const g = gradeOne(d.snapshot, d, answers.get(d.questionId) ?? null);
    const client = toClientQuestion(d.snapshot, d);
    return { ...g, stem: d.snapshot.stem, options: client.options, explanation: d.snapshot.explanation, citation: d.snapshot.citation };
  });
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
  const resident = await loadResident(ctx);
  const { counted } = await recordParticipation(ctx.db, {
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
  });
  if (!counted) return;
  const _ = ctx.db.command;
  const band = result.score >= 80 ? 'top' : result.score < 60 ? 'bottom' : 'middle';
  await Promise.all(
    result.items.map((item) =>
      incrementDoc(
        ctx.db,
        'question_stats',
        item.questionId,
        { questionId: item.questionId },
        { answered: _.inc(1), points: _.inc(item.points), [`${band}Answered`]: _.inc(1), [`${band}Points`]: _.inc(item.points) },
        { answered: 1, points: item.points, [`${band}Answered`]: 1, [`${band}Points`]: item.points },
      ),
    ),
  );
}

export async function submitAttempt(ctx: ActionContext, input: { attemptId: string; answers: { questionId: string; answer: AnswerValue }[]; durationMs?: number }): Promise<AttemptResult> {
  const attempt = await loadAttempt(ctx, input.attemptId);
  if (!attempt) throw notFound('这次答题');
  if (attempt.status === 'submitted' && attempt.result) {
    await recordAttempt(ctx, attempt, attempt.result, input.durationMs); // heals a crash after grading; counts nothing twice
    return attempt.result;
  }
  const drawnIds = new Set(attempt.drawn.map((d) => d.questionId));
  const answers = new Map<string, AnswerValue>();
  for (const a of input.answers) {
    if (!drawnIds.has(a.questionId)) throw invalid('提交了不属于这次答题的题目', 'answers');
    if (answers.has(a.questionId)) throw invalid('同一道题提交了两次答案', 'answers');
    answers.set(a.questionId, a.answer);
  }
  const campaign = await loadCampaign(ctx, attempt.campaignId);
  await consumeQuota(ctx, attempt.personKey, attempt, campaign.quiz.attemptsPerDay);
  const submittedAt = ctx.now();
  const result = grade(attempt, answers, submittedAt);
  const res = await ctx.db
    .collection('attempts')
    .where({ _id: attempt._id, status: 'started' })
    .update({ status: 'submitted', submittedAt, result, durationMs: input.durationMs ?? null });
  if (!(res as { updated?: number }).updated) {
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
  const res = await ctx.db
    .collection('attempts')
    .where({ openId: ctx.openId, status: 'submitted' })
    .orderBy('submittedAt', 'desc')
    .field({ _id: true, campaignId: true, campaignTitle: true, 'result.score': true, 'result.passed': true, 'result.submittedAt': true })
    .limit(limit)
    .get();
  return (res.data as AttemptDoc[]).map((a) => ({
    attemptId: a._id,
    campaignId: a.campaignId,
    campaignTitle: a.campaignTitle,
    score: a.result?.score ?? 0,
    passed: a.result?.passed ?? false,
    submittedAt: a.result?.submittedAt ?? '',
  }));
}
