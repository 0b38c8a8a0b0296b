/**
 * Campaigns in the staff pages. A campaign's state (draft / scheduled / live / ended / archived) is computed
 * from its status and window at read time (shared/documents.ts campaignState), so a scheduled campaign goes
 * live at its start without anyone pressing a button, and the resident home shows it from that moment.
 *
 * Editing a campaign that came from content/ makes it staff-owned (source 'staff'): content sync no longer
 * overwrites or archives it.
 */
import type { ActionContext } from '../shared/handler';
import type { CampaignDetail, CampaignInput, CampaignListItem, CampaignPreview, EditorOptions } from '../contracts/staff';
import { OFFLINE_EVENT_TYPE_OPTIONS } from '../contracts/staff';
import type { CampaignState } from '../contracts/resident';
import type { CampaignDoc, LessonDoc, QuestionDoc, StaffDoc } from '../shared/documents';
import { campaignState, toCampaignCard } from '../shared/campaigns';
import { AppError, invalid, notFound } from '../shared/errors';
import { audit } from '../shared/staffAuth';
import { drawQuestions, toClientQuestion, type StoredQuestion } from '../shared/quiz/quizEngine';
import { loadLaws } from '../shared/laws';
import { loadTown } from '../shared/town';
import { drawPool } from '../shared/quiz/pool';
import { getDoc, readAll, reads } from '../shared/database';
import { newId, updated } from './common';
import { tempUrls } from '../shared/scanCodes';
import { editionLabel } from '../shared/campaignEditions';

const STATE_ORDER: Record<CampaignState, number> = { live: 0, scheduled: 1, draft: 2, ended: 3, archived: 4 };

export async function loadCampaignDoc(ctx: ActionContext, id: string): Promise<CampaignDoc> {
  const doc = await getDoc(ctx.db, 'campaigns', id);
  if (!doc) throw notFound('这个活动');
  return doc;
}

async function poolSizeOf(ctx: ActionContext, c: Pick<CampaignDoc, '_id' | 'quiz'>): Promise<number> {
  return (await drawPool(ctx.db, c)).length;
}

async function detail(ctx: ActionContext, c: CampaignDoc, poolSize?: number): Promise<CampaignDetail> {
  const urls = c.bannerImage ? await tempUrls([c.bannerImage]) : new Map<string, string | null>();
  return {
    id: c._id,
    title: c.title,
    summary: c.summary ?? '',
    bannerText: c.bannerText,
    bannerImage: c.bannerImage ?? null,
    bannerImageUrl: c.bannerImage ? (urls.get(c.bannerImage) ?? null) : null,
    start: c.start,
    end: c.end,
    themeLaws: c.themeLaws,
    lessonIds: c.lessonIds ?? [],
    quiz: { questionsPerQuiz: c.quiz.questionsPerQuiz, passMark: c.quiz.passMark, attemptsPerDay: c.quiz.attemptsPerDay, pool: { laws: c.quiz.pool.laws, tags: c.quiz.pool.tags, questionIds: c.quiz.pool.questionIds ?? [] } },
    status: c.status,
    state: campaignState(c, ctx.now()),
    pinned: Boolean(c.pinned),
    source: c.source ?? 'content',
    version: c.version ?? 1,
    updatedAt: c.updatedAt,
    poolSize: poolSize ?? (await poolSizeOf(ctx, c)),
  };
}

export async function getEditorOptions(ctx: ActionContext): Promise<EditorOptions> {
  const [laws, lessonsRes, questionsRes, town, campaignsRes] = await Promise.all([
    loadLaws(ctx.db),
    readAll<'lessons', Pick<LessonDoc, '_id' | 'title' | 'law'>>(ctx.db, 'lessons', { archived: false }, { _id: true, title: true, law: true }),
    readAll<'questions', Pick<QuestionDoc, 'law' | 'tags'>>(ctx.db, 'questions', { archived: false }, { _id: true, law: true, tags: true }),
    loadTown(ctx.db),
    ctx.db.collection('campaigns').field({ _id: true, title: true, status: true, start: true, end: true, year: true }).limit(1000).get(),
  ]);
  const tags = new Map<string, number>();
  const byLaw: Record<string, number> = {};
  for (const q of questionsRes) {
    byLaw[q.law] = (byLaw[q.law] ?? 0) + 1;
    for (const t of q.tags ?? []) tags.set(t, (tags.get(t) ?? 0) + 1);
  }
  const now = ctx.now();
  return {
    laws: [...laws.values()].map((l) => ({ id: l._id, shortName: l.shortName, title: l.title })),
    lessons: lessonsRes.map((l) => ({ id: l._id, title: l.title, law: l.law })),
    tags: [...tags.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([tag, count]) => ({ tag, count })),
    questionsByLaw: byLaw,
    villages: town.villages.map((v) => ({ id: v.id, name: v.name })),
    campaigns: campaignsRes.data
      .map((c) => ({ id: c._id, title: editionLabel(c), state: campaignState(c, now) }))
      .filter((c) => c.state !== 'archived')
      .sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || a.title.localeCompare(b.title, 'zh-CN')),
    eventTypes: [...OFFLINE_EVENT_TYPE_OPTIONS],
  };
}

export async function listCampaigns(ctx: ActionContext, state?: CampaignState): Promise<CampaignListItem[]> {
  const [laws, res] = await Promise.all([
    loadLaws(ctx.db),
    reads(ctx.db, 'campaigns').field({ _id: true, title: true, status: true, start: true, end: true, pinned: true, source: true, themeLaws: true, updatedAt: true, year: true }).limit(1000).get(),
  ]);
  const now = ctx.now();
  const items = res.data.map((c) => ({
    id: c._id,
    // Each year's edition of a standing campaign says its year (2027年 三月普法月).
    title: editionLabel(c),
    state: campaignState(c, now),
    start: c.start,
    end: c.end,
    pinned: Boolean(c.pinned),
    source: c.source ?? 'content',
    themeLaws: (c.themeLaws ?? []).map((id) => ({ id, shortName: laws.get(id)?.shortName ?? id })),
    updatedAt: c.updatedAt,
  }));
  return items
    .filter((c) => !state || c.state === state)
    .sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || Number(b.pinned) - Number(a.pinned) || b.start.localeCompare(a.start));
}

export async function getCampaign(ctx: ActionContext, id: string): Promise<CampaignDetail> {
  return detail(ctx, await loadCampaignDoc(ctx, id));
}

/** Server-side checks of a campaign form: references exist, the window makes sense. */
async function validateCampaign(ctx: ActionContext, input: CampaignInput): Promise<void> {
  const start = Date.parse(input.start);
  const end = Date.parse(input.end);
  if (!(end > start)) throw invalid('结束时间要晚于开始时间', 'campaign.end');
  if (end - start > 366 * 24 * 3600 * 1000) throw invalid('活动时间不能超过一年', 'campaign.end');
  const laws = await loadLaws(ctx.db);
  for (const id of [...input.themeLaws, ...input.quiz.pool.laws]) if (!laws.has(id)) throw invalid(`没有这部法律：${id}`, 'campaign.themeLaws');
  const _ = ctx.db.command;
  if (input.lessonIds.length) {
    const res = await reads(ctx.db, 'lessons').where({ _id: _.in(input.lessonIds), archived: false }).field({ _id: true }).limit(100).get();
    const found = new Set(res.data.map((l) => l._id));
    const missing = input.lessonIds.find((id) => !found.has(id));
    if (missing) throw invalid(`课程不存在或已下线：${missing}`, 'campaign.lessonIds');
  }
  if (input.quiz.pool.questionIds.length) {
    const res = await reads(ctx.db, 'questions').where({ _id: _.in(input.quiz.pool.questionIds), archived: false }).field({ _id: true }).limit(1000).get();
    const found = new Set(res.data.map((q) => q._id));
    const missing = input.quiz.pool.questionIds.find((id) => !found.has(id));
    if (missing) throw invalid(`题目不存在或已下线：${missing}`, 'campaign.quiz.pool.questionIds');
  }
}

export async function saveCampaign(ctx: ActionContext, staff: StaffDoc, input: { id?: string; expectedVersion?: number; campaign: CampaignInput }): Promise<CampaignDetail> {
  const c = input.campaign;
  await validateCampaign(ctx, c);
  const now = ctx.now().toISOString();
  const fields = {
    title: c.title,
    summary: c.summary,
    bannerText: c.bannerText,
    bannerImage: c.bannerImage,
    start: new Date(c.start).toISOString(),
    end: new Date(c.end).toISOString(),
    themeLaws: [...new Set(c.themeLaws)],
    lessonIds: [...new Set(c.lessonIds)],
    quiz: {
      questionsPerQuiz: c.quiz.questionsPerQuiz,
      passMark: c.quiz.passMark,
      attemptsPerDay: c.quiz.attemptsPerDay,
      pool: { laws: [...new Set(c.quiz.pool.laws)], tags: [...new Set(c.quiz.pool.tags)], questionIds: [...new Set(c.quiz.pool.questionIds)] },
    },
  };
  if (!input.id) {
    const doc: CampaignDoc & { createdBy: string; createdAt: string } = {
      _id: newId('staff', ctx),
      ...fields,
      status: 'draft',
      pinned: false,
      source: 'staff',
      version: 1,
      updatedAt: now,
      createdBy: staff.openId,
      createdAt: now,
    };
    await ctx.db.collection('campaigns').add(doc);
    await audit(ctx, staff, 'campaign.create', `campaign:${doc._id}`, { title: doc.title });
    return detail(ctx, doc);
  }
  const before = await loadCampaignDoc(ctx, input.id);
  const version = before.version ?? 1;
  if (input.expectedVersion !== undefined && input.expectedVersion !== version) throw new AppError('CONFLICT', '这个活动刚被别人修改过，请刷新后再改');
  const changes = { ...fields, source: 'staff' as const, version: version + 1, updatedAt: now, updatedBy: staff.openId };
  const res = await ctx.db.collection('campaigns').where(before.version === undefined ? { _id: before._id } : { _id: before._id, version: before.version }).update(changes);
  if (!updated(res)) throw new AppError('CONFLICT', '这个活动刚被别人修改过，请刷新后再改');
  const changed = Object.keys(fields).filter((k) => JSON.stringify((before as unknown as Record<string, unknown>)[k] ?? null) !== JSON.stringify((fields as Record<string, unknown>)[k] ?? null));
  await audit(ctx, staff, 'campaign.edit', `campaign:${before._id}`, { title: fields.title, changed, tookOverFromContent: before.source === 'content' });
  return detail(ctx, { ...before, ...changes });
}

export type CampaignOp = 'schedule' | 'publish' | 'unpublish' | 'archive';

export async function setCampaignStatus(ctx: ActionContext, staff: StaffDoc, id: string, op: CampaignOp): Promise<CampaignDetail> {
  const before = await loadCampaignDoc(ctx, id);
  const now = ctx.now();
  const changes: Partial<CampaignDoc> & { updatedAt: string } = { updatedAt: now.toISOString() };
  let poolSize: number | undefined;
  if (op === 'schedule' || op === 'publish') {
    if (Date.parse(before.end) <= now.getTime()) throw new AppError('CONFLICT', '活动结束时间已过，请先修改活动时间');
    poolSize = await poolSizeOf(ctx, before);
    if (poolSize < before.quiz.questionsPerQuiz) throw new AppError('CONFLICT', `题库只有 ${poolSize} 道题，少于每次答题的 ${before.quiz.questionsPerQuiz} 道，请调整题库范围`);
    if (op === 'schedule' && Date.parse(before.start) <= now.getTime()) throw new AppError('CONFLICT', '开始时间已过，请直接发布，或把开始时间改到以后');
    changes.status = 'published';
    if (op === 'publish' && Date.parse(before.start) > now.getTime()) {
      // Starting early changes the dates: the campaign (or year's edition) is now staff's, sync leaves it alone.
      changes.start = now.toISOString();
      changes.source = 'staff';
    }
  } else if (op === 'unpublish') {
    if (before.status === 'draft') throw new AppError('CONFLICT', '这个活动还是草稿');
    changes.status = 'draft';
  } else {
    if (before.status === 'archived') throw new AppError('CONFLICT', '这个活动已经归档');
    changes.status = 'archived';
    changes.pinned = false;
  }
  await ctx.db.collection('campaigns').doc(id).update(changes);
  const after = { ...before, ...changes };
  await audit(ctx, staff, `campaign.${op}`, `campaign:${id}`, { title: before.title, from: campaignState(before, now), to: campaignState(after, now), ...(changes.start ? { start: changes.start } : {}) });
  return detail(ctx, after, poolSize);
}

export async function pinCampaign(ctx: ActionContext, staff: StaffDoc, id: string, pinned: boolean): Promise<CampaignDetail> {
  const before = await loadCampaignDoc(ctx, id);
  if (pinned && before.status === 'archived') throw new AppError('CONFLICT', '已归档的活动不能置顶');
  const changes = { pinned, updatedAt: ctx.now().toISOString() };
  await ctx.db.collection('campaigns').doc(id).update(changes);
  await audit(ctx, staff, pinned ? 'campaign.pin' : 'campaign.unpin', `campaign:${id}`, { title: before.title });
  return detail(ctx, { ...before, ...changes });
}

/** The campaign as a resident would see it on the home page and in a quiz (a sample draw, no answers). */
export async function previewCampaign(ctx: ActionContext, id: string): Promise<CampaignPreview> {
  const c = await loadCampaignDoc(ctx, id);
  const now = ctx.now();
  const [laws, pool, lessonsRes] = await Promise.all([
    loadLaws(ctx.db),
    drawPool(ctx.db, c),
    c.lessonIds?.length ? reads(ctx.db, 'lessons').where({ _id: ctx.db.command.in(c.lessonIds) }).field({ _id: true, title: true, law: true, archived: true }).limit(100).get() : { data: [] },
  ]);
  const drawn = drawQuestions(pool, c.quiz.questionsPerQuiz, `preview:${c._id}:${now.toISOString().slice(0, 13)}`);
  const full = drawn.length
    ? (await reads(ctx.db, 'questions').where({ _id: ctx.db.command.in(drawn.map((d) => d.questionId)) }).limit(100).get()).data
    : [];
  const byId = new Map(full.map((q) => [q._id, q]));
  const lessons = lessonsRes.data.filter((l) => !l.archived);
  const order = new Map((c.lessonIds ?? []).map((lid, i) => [lid, i]));
  lessons.sort((a, b) => (order.get(a._id) ?? 0) - (order.get(b._id) ?? 0));
  const state = campaignState(c, now);
  const warnings: string[] = [];
  if (pool.length < c.quiz.questionsPerQuiz) warnings.push(`题库只有 ${pool.length} 道题，少于每次答题的 ${c.quiz.questionsPerQuiz} 道`);
  if (state === 'draft') warnings.push('还是草稿：居民看不到，发布后才会出现在首页');
  if (state === 'scheduled') warnings.push('已排期：到开始时间后自动出现在居民首页');
  if (state === 'ended') warnings.push('活动时间已结束：居民首页不再显示');
  if (state === 'archived') warnings.push('已归档：居民看不到');
  if (!lessons.length) warnings.push('没有关联课程');
  const urls = c.bannerImage ? await tempUrls([c.bannerImage]) : new Map<string, string | null>();
  return {
    card: toCampaignCard(c, laws, now),
    bannerImageUrl: c.bannerImage ? (urls.get(c.bannerImage) ?? null) : null,
    summary: c.summary ?? '',
    lessons: lessons.map((l) => ({ id: l._id, title: l.title, law: l.law })),
    sampleQuestions: drawn.filter((d) => byId.has(d.questionId)).map((d) => toClientQuestion(byId.get(d.questionId)! as unknown as StoredQuestion, d)),
    poolSize: pool.length,
    warnings,
  };
}
