/**
 * 错题本 and spaced review: each graded answer (campaign quiz, 错题复习, 每日一练) updates the resident's item for
 * that question in `review_items` (see reviewSchedule.ts for the rule). Every update is applied once per
 * session: the item remembers the sessions it has applied, and writes are conditional on its revision, so a
 * retried submission or two sessions at once never move a schedule twice.
 */
import type { ActionContext } from '../shared/handler';
import type { GradedItem, ReviewBookView, ReviewItemView } from '../contracts/resident';
import type { ReviewItemDoc } from '../shared/documents';
import { isDuplicateWrite } from '../shared/errors';
import { personKey } from '../shared/identity';
import { chinaDay } from '../contracts/time';
import { getDoc, readAll, reads } from '../shared/database';
import { loadLaws } from '../shared/laws';
import { nextSchedule, rememberSession, type AnswerSource } from './reviewSchedule';

export const reviewItemId = (key: string, questionId: string) => `${key}|${questionId}`;
/** Items per 错题复习 session. */
export const REVIEW_SESSION_SIZE = 10;

export interface AnsweredQuestion {
  law: string;
  graded: Omit<GradedItem, 'points'>;
}

async function applyOne(ctx: ActionContext, key: string, sessionId: string, source: AnswerSource, today: string, answered: AnsweredQuestion, known: ReviewItemDoc | null | undefined): Promise<void> {
  const coll = ctx.db.collection('review_items');
  const id = reviewItemId(key, answered.graded.questionId);
  for (let tries = 0; tries < 8; tries++) {
    // The first try uses the state read for the whole session; a lost race reads it again.
    const current = tries === 0 && known !== undefined ? known : await getDoc(ctx.db, 'review_items', id);
    if (current?.appliedSessions.includes(sessionId)) return;
    const next = nextSchedule(current, answered.graded, source, today);
    const appliedSessions = rememberSession(current?.appliedSessions ?? [], sessionId);
    if (!current) {
      if (!next) return;
      const doc: ReviewItemDoc = { _id: id, personKey: key, questionId: answered.graded.questionId, law: answered.law, ...next, appliedSessions, rev: 1, updatedAt: ctx.now() };
      try {
        await coll.add(doc);
        return;
      } catch (error) {
        if (!isDuplicateWrite(error)) throw error;
        continue; // created at the same moment by another session: apply on top of it
      }
    }
    const _ = ctx.db.command;
    // Objects and arrays are replaced whole (a plain object in an update would be merged field by field).
    const fields = { ...(next ?? {}), ...(next ? { lastWrong: _.set(next.lastWrong) } : {}), appliedSessions: _.set(appliedSessions), rev: current.rev + 1, updatedAt: ctx.now() };
    const res = (await coll.where({ _id: id, rev: current.rev }).update(fields)) as { updated?: number };
    if (res.updated) return;
  }
  throw new Error(`review item ${id} kept changing under concurrent updates`);
}

/** The resident's current items for these questions (one read for a whole session). */
export async function itemsFor(ctx: ActionContext, key: string, questionIds: string[]): Promise<Map<string, ReviewItemDoc>> {
  if (!questionIds.length) return new Map();
  const res = await reads(ctx.db, 'review_items').where({ _id: ctx.db.command.in(questionIds.map((q) => reviewItemId(key, q))) }).limit(1000).get();
  return new Map(res.data.map((d) => [d.questionId, d]));
}

/** Applies one session's graded answers to the resident's review items (idempotent per session id). */
export async function applyAnswers(ctx: ActionContext, key: string, sessionId: string, source: AnswerSource, at: Date, answered: AnsweredQuestion[]): Promise<void> {
  const today = chinaDay(at);
  const known = await itemsFor(ctx, key, answered.map((a) => a.graded.questionId));
  await Promise.all(answered.map((a) => applyOne(ctx, key, sessionId, source, today, a, known.get(a.graded.questionId) ?? null)));
}

/** The due-items query: a resident's 错题本 items due on or before `today`, earliest first. */
export async function dueItems(ctx: ActionContext, key: string, today: string, limit: number): Promise<ReviewItemDoc[]> {
  const _ = ctx.db.command;
  const res = await reads(ctx.db, 'review_items')
    .where({ personKey: key, status: 'learning', dueDay: _.lte(today) })
    .orderBy('dueDay', 'asc')
    .orderBy('_id', 'asc')
    .limit(limit)
    .get();
  return res.data;
}

export async function countDue(ctx: ActionContext, key: string, today: string): Promise<number> {
  const _ = ctx.db.command;
  const res = await ctx.db.collection('review_items').where({ personKey: key, status: 'learning', dueDay: _.lte(today) }).count();
  return res.total ?? 0;
}

/** Every question this resident has answered (any outcome), with its state. */
export function allItems(ctx: ActionContext, key: string): Promise<Pick<ReviewItemDoc, '_id' | 'questionId' | 'law' | 'status' | 'everRight' | 'dueDay'>[]> {
  return readAll(ctx.db, 'review_items', { personKey: key }, { _id: true, questionId: true, law: true, status: true, everRight: true, dueDay: true });
}

export async function getReviewBook(ctx: ActionContext): Promise<ReviewBookView> {
  const key = personKey(ctx.openId);
  const today = chinaDay(ctx.now());
  const [docs, laws] = await Promise.all([readAll(ctx.db, 'review_items', { personKey: key, status: 'learning' }), loadLaws(ctx.db)]);
  const groups = new Map<string, ReviewBookView['groups'][number]>();
  let dueCount = 0;
  for (const d of docs) {
    if (!d.lastWrong) continue;
    const due = d.dueDay <= today;
    if (due) dueCount++;
    const { questionId, stem, type, options, yourAnswer, correctAnswer, explanation, citation } = d.lastWrong;
    const item: ReviewItemView = { questionId, law: d.law, stem, type, options, yourAnswer, correctAnswer, outcome: d.lastWrong.outcome === 'partial' ? 'partial' : 'wrong', explanation, citation, stage: d.stage, dueDay: d.dueDay, due, wrongCount: d.wrongCount };
    let g = groups.get(d.law);
    if (!g) groups.set(d.law, (g = { law: d.law, shortName: laws.get(d.law)?.shortName ?? d.law, items: [] }));
    g.items.push(item);
  }
  for (const g of groups.values()) g.items.sort((a, b) => a.dueDay.localeCompare(b.dueDay) || a.questionId.localeCompare(b.questionId));
  return { today, dueCount, total: docs.length, groups: [...groups.values()].sort((a, b) => b.items.length - a.items.length || a.law.localeCompare(b.law)) };
}

export async function removeReviewItem(ctx: ActionContext, questionId: string): Promise<{ removed: boolean }> {
  const key = personKey(ctx.openId);
  const res = (await ctx.db.collection('review_items').where({ _id: reviewItemId(key, questionId), status: 'learning' }).update({ status: 'removed', dueDay: '', rev: ctx.db.command.inc(1), updatedAt: ctx.now() })) as { updated?: number };
  return { removed: Boolean(res.updated) };
}
