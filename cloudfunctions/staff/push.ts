/**
 * Pushing a campaign to residents who opted in (one-time subscribe messages).
 *
 * A push is a job. Running it pages through the available opt-ins of its audience (`_id` order, a cursor
 * on the job, pages of 100 by default, at most 1000) and, per opt-in:
 *   1. skips the person if this job already has a delivery for them (one message per person per job);
 *   2. claims the opt-in (available → claimed, atomically: two runners never take the same one);
 *   3. creates the delivery `${jobId}|${personKey}` (unique key) in state 'sending';
 *   4. calls subscribeMessage.send and records 'sent' or 'failed' with WeChat's errCode.
 * Each opt-in is used once. A run holds a lease on the job and stops at a time budget; calling run again
 * resumes from the cursor. A run that died between 3 and 4 leaves 'sending' deliveries: the next run marks
 * them 'unknown' and never sends them again (WeChat's send is not idempotent), and gives back opt-ins that
 * were claimed but never reached step 3.
 */
import type { ActionContext } from '../shared/handler';
import type { PushAudience, PushJobView, PushOverview } from '../contracts/staff';
import type { PushDeliveryDoc, PushJobDoc, SubscriptionDoc } from '../shared/documents';
import { campaignState } from '../shared/campaigns';
import { AppError, isDuplicateWrite, notFound } from '../shared/errors';
import { audit } from '../shared/staffAuth';
import type { StaffDoc } from '../shared/documents';
import { chinaDateTime } from '../contracts/time';
import { sendSubscribeMessage, type SubscribeMessage } from '../shared/openapi';
import { loadCampaignDoc } from './campaigns';
import { newId, randomToken, updated } from './common';
import { findOne, getDoc, reads } from '../shared/database';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;
/** Sends in flight at once within a page. */
const CONCURRENCY = 10;
/** Work per run; the function's timeout (cloudfunctions/functions.ts) must be longer. */
export const timeBudgetMs = () => Number(process.env.PUSH_TIME_BUDGET_MS ?? 15000);
const leaseMs = () => timeBudgetMs() * 2 + 10000;



/** Which template field carries what (PUSH_TEMPLATE_FIELDS, JSON), matching the template chosen in the WeChat console. */
export function templateFields(): { title: string; time: string; note: string } {
  const fallback = { title: 'thing1', time: 'time2', note: 'thing3' };
  try {
    const raw = process.env.PUSH_TEMPLATE_FIELDS;
    return raw ? { ...fallback, ...(JSON.parse(raw) as Partial<typeof fallback>) } : fallback;
  } catch {
    return fallback;
  }
}

/** thing.DATA: at most 20 characters. */
const thing = (s: string) => (Array.from(s).length > 20 ? Array.from(s).slice(0, 19).join('') + '…' : s);

/** time.DATA: 2026年12月04日 18:00 (China time). */
export function chinaTimeText(isoInstant: string): string {
  const { date, time } = chinaDateTime(isoInstant);
  return `${date.slice(0, 4)}年${date.slice(5, 7)}月${date.slice(8, 10)}日 ${time}`;
}

function audienceFilter(job: Pick<PushJobDoc, 'audience' | 'campaignId'>): Record<string, unknown> {
  return job.audience === 'campaign' ? { campaignId: job.campaignId } : {};
}

async function loadJob(ctx: ActionContext, jobId: string): Promise<PushJobDoc> {
  const job = await getDoc(ctx.db, 'push_jobs', jobId);
  if (!job) throw notFound('这次推送');
  return job;
}

const countWhere = async (ctx: ActionContext, collection: string, where: Record<string, unknown>) => (await ctx.db.collection(collection).where(where).count()).total ?? 0;

/** People (not opt-ins) with at least one available opt-in matching `where`. */
async function distinctPeople(ctx: ActionContext, where: Record<string, unknown>): Promise<number> {
  const seen = new Set<string>();
  let cursor = '';
  for (;;) {
    const res = await reads(ctx.db, 'subscriptions')
      .where({ ...where, status: 'available', _id: ctx.db.command.gt(cursor) })
      .field({ _id: true, personKey: true })
      .orderBy('_id', 'asc')
      .limit(1000)
      .get();
    const rows = res.data;
    for (const r of rows) seen.add(r.personKey);
    if (rows.length < 1000) return seen.size;
    cursor = rows[rows.length - 1]!._id;
  }
}

async function jobView(ctx: ActionContext, job: PushJobDoc): Promise<PushJobView> {
  const _ = ctx.db.command;
  const [sent, failed, unknown, remaining, failures] = await Promise.all([
    countWhere(ctx, 'push_deliveries', { jobId: job._id, status: 'sent' }),
    countWhere(ctx, 'push_deliveries', { jobId: job._id, status: 'failed' }),
    countWhere(ctx, 'push_deliveries', { jobId: job._id, status: _.in(['unknown', 'sending']) }),
    job.status === 'done' ? Promise.resolve(0) : countWhere(ctx, 'subscriptions', { ...audienceFilter(job), status: 'available', _id: _.gt(job.cursor) }),
    reads(ctx.db, 'push_deliveries').where({ jobId: job._id, status: 'failed' }).field({ errCode: true }).limit(1000).get(),
  ]);
  const byCode = new Map<number, number>();
  for (const f of failures.data) byCode.set(f.errCode ?? -1, (byCode.get(f.errCode ?? -1) ?? 0) + 1);
  return {
    id: job._id,
    campaignId: job.campaignId,
    campaignTitle: job.campaignTitle,
    audience: job.audience,
    note: job.note,
    status: job.status,
    totals: { sent, failed, unknown, remaining },
    errors: [...byCode.entries()].sort((a, b) => b[1] - a[1]).map(([errCode, count]) => ({ errCode, count })),
    createdAt: job.createdAt,
    createdByName: job.createdByName,
    finishedAt: job.finishedAt,
    runs: job.runs,
  };
}

export async function getPushOverview(ctx: ActionContext, campaignId: string): Promise<PushOverview> {
  const campaign = await loadCampaignDoc(ctx, campaignId);
  const [optedInCampaign, optedInAll, jobsRes] = await Promise.all([
    distinctPeople(ctx, { campaignId }),
    distinctPeople(ctx, {}),
    reads(ctx.db, 'push_jobs').where({ campaignId }).orderBy('createdAt', 'desc').limit(20).get(),
  ]);
  const jobs = await Promise.all(jobsRes.data.map((j) => jobView(ctx, j)));
  return { campaignId, campaignTitle: campaign.title, optedInCampaign, optedInAll, jobs };
}

export async function createPushJob(ctx: ActionContext, staff: StaffDoc, input: { campaignId: string; audience: PushAudience; note: string }): Promise<PushJobView> {
  const campaign = await loadCampaignDoc(ctx, input.campaignId);
  const state = campaignState(campaign, ctx.now());
  if (state !== 'live' && state !== 'scheduled') throw new AppError('CONFLICT', '只能为已发布、还没结束的活动推送提醒');
  const open = await countWhere(ctx, 'push_jobs', { campaignId: campaign._id, status: ctx.db.command.neq('done') });
  if (open) throw new AppError('CONFLICT', '这个活动还有一次推送没有完成，请先继续那次推送');
  const f = templateFields();
  const note = input.note || (state === 'live' ? '活动进行中，点击进入参与答题' : '活动即将开始，届时点击参与');
  const job: PushJobDoc = {
    _id: newId('push', ctx),
    campaignId: campaign._id,
    campaignTitle: campaign.title,
    audience: input.audience,
    note: input.note,
    message: {
      page: `pages/home/index?campaign=${encodeURIComponent(campaign._id)}`,
      data: { [f.title]: { value: thing(campaign.title) }, [f.time]: { value: chinaTimeText(state === 'live' ? campaign.end : campaign.start) }, [f.note]: { value: thing(note) } },
    },
    status: 'pending',
    cursor: '',
    runId: null,
    leaseUntil: 0,
    runs: 0,
    createdAt: ctx.now().toISOString(),
    createdBy: staff.openId,
    createdByName: staff.name,
    finishedAt: null,
  };
  await ctx.db.collection('push_jobs').add(job);
  await audit(ctx, staff, 'push.create', `push:${job._id}`, { campaignId: campaign._id, title: campaign.title, audience: job.audience });
  return jobView(ctx, job);
}

export async function getPushJob(ctx: ActionContext, jobId: string): Promise<PushJobView> {
  return jobView(ctx, await loadJob(ctx, jobId));
}

function errorOf(error: unknown): { errCode: number; errMsg: string } {
  const e = error as { errCode?: unknown; errcode?: unknown; errMsg?: unknown; message?: unknown };
  const code = Number(e?.errCode ?? e?.errcode ?? -1);
  return { errCode: Number.isFinite(code) ? code : -1, errMsg: String(e?.errMsg ?? e?.message ?? error).slice(0, 200) };
}

/** Cleans up after a run that died: see the file comment. */
async function recover(ctx: ActionContext, job: PushJobDoc, runId: string): Promise<void> {
  const _ = ctx.db.command;
  const now = ctx.now().toISOString();
  const deliveries = ctx.db.collection('push_deliveries');
  const subs = ctx.db.collection('subscriptions');
  for (;;) {
    const stuck = (await reads(ctx.db, 'push_deliveries').where({ jobId: job._id, status: 'sending', runId: _.neq(runId) }).limit(100).get()).data;
    for (const d of stuck) {
      await deliveries.where({ _id: d._id, status: 'sending' }).update({ status: 'unknown', errMsg: '发送中断：不确定是否送达，不再重发', doneAt: now });
      await subs.where({ _id: d.subscriptionId, status: 'claimed' }).update({ status: 'used', usedAt: now });
    }
    if (stuck.length < 100) break;
  }
  for (;;) {
    const claimed = (await reads(ctx.db, 'subscriptions').where({ jobId: job._id, status: 'claimed', runId: _.neq(runId) }).limit(100).get()).data;
    for (const s of claimed) {
      const d = await findOne(ctx.db, 'push_deliveries', { key: `${job._id}|${s.personKey}` });
      if (d && d.subscriptionId === s._id) {
        const status = d.status === 'failed' ? 'failed' : 'used';
        await subs.where({ _id: s._id, status: 'claimed' }).update({ status, usedAt: now, errCode: d.errCode });
      } else {
        // Never reached a delivery: nothing was sent with it, so it is available again.
        await subs.where({ _id: s._id, status: 'claimed' }).update({ status: 'available', jobId: null, runId: null });
      }
    }
    if (claimed.length < 100) break;
  }
}

async function deliver(ctx: ActionContext, job: PushJobDoc, runId: string, sub: SubscriptionDoc): Promise<'sent' | 'failed' | 'skipped'> {
  const key = `${job._id}|${sub.personKey}`;
  const deliveries = ctx.db.collection('push_deliveries');
  const subs = ctx.db.collection('subscriptions');
  if ((await deliveries.where({ key }).count()).total) return 'skipped';
  const claim = await subs.where({ _id: sub._id, status: 'available' }).update({ status: 'claimed', jobId: job._id, runId });
  if (!updated(claim)) return 'skipped';
  const now = ctx.now().toISOString();
  const delivery: PushDeliveryDoc = { _id: key, key, jobId: job._id, personKey: sub.personKey, subscriptionId: sub._id, templateId: sub.templateId, status: 'sending', errCode: null, errMsg: null, runId, createdAt: now, doneAt: null };
  try {
    await deliveries.add(delivery);
  } catch (error) {
    await subs.where({ _id: sub._id, runId }).update({ status: 'available', jobId: null, runId: null });
    if (isDuplicateWrite(error)) return 'skipped';
    throw error;
  }
  let outcome: { status: 'sent' | 'failed'; errCode: number; errMsg: string };
  try {
    const res = await sendSubscribeMessage({
      touser: sub.openId,
      templateId: sub.templateId,
      page: job.message.page,
      data: job.message.data,
      miniprogramState: (process.env.PUSH_MINIPROGRAM_STATE as SubscribeMessage['miniprogramState']) ?? 'formal',
      lang: 'zh_CN',
    });
    const code = Number(res?.errCode ?? 0);
    outcome = code === 0 ? { status: 'sent', errCode: 0, errMsg: String(res?.errMsg ?? 'ok') } : { status: 'failed', errCode: code, errMsg: String(res?.errMsg ?? '') };
  } catch (error) {
    outcome = { status: 'failed', ...errorOf(error) };
  }
  const doneAt = ctx.now().toISOString();
  await deliveries.doc(key).update({ status: outcome.status, errCode: outcome.errCode, errMsg: outcome.errMsg, doneAt });
  await subs.doc(sub._id).update({ status: outcome.status === 'sent' ? 'used' : 'failed', usedAt: doneAt, errCode: outcome.errCode });
  return outcome.status;
}

export async function runPushJob(ctx: ActionContext, staff: StaffDoc, input: { jobId: string; pageSize?: number; maxPages?: number }): Promise<PushJobView> {
  const started = Date.now();
  const pageSize = Math.min(MAX_PAGE_SIZE, input.pageSize ?? DEFAULT_PAGE_SIZE);
  const jobs = ctx.db.collection('push_jobs');
  const _ = ctx.db.command;
  let job = await loadJob(ctx, input.jobId);
  if (job.status === 'done') return jobView(ctx, job);
  const runId = `run_${randomToken(10)}`;
  const lease = await jobs.where({ _id: job._id, status: _.neq('done'), leaseUntil: _.lt(Date.now()) }).update({ runId, leaseUntil: Date.now() + leaseMs(), status: 'running', runs: _.inc(1) });
  if (!updated(lease)) {
    job = await loadJob(ctx, input.jobId);
    if (job.status === 'done') return jobView(ctx, job);
    throw new AppError('CONFLICT', '这次推送正在另一处进行，请稍候刷新');
  }
  job = { ...job, runId, status: 'running', runs: job.runs + 1 };
  const tally = { sent: 0, failed: 0, skipped: 0, pages: 0 };
  let exhausted = false;
  try {
    await recover(ctx, job, runId);
    let cursor = job.cursor;
    const outOfTime = () => Date.now() - started > timeBudgetMs();
    while (!outOfTime() && (input.maxPages === undefined || tally.pages < input.maxPages)) {
      const res = await reads(ctx.db, 'subscriptions')
        .where({ ...audienceFilter(job), status: 'available', _id: _.gt(cursor) })
        .orderBy('_id', 'asc')
        .limit(pageSize)
        .get();
      const page = res.data;
      tally.pages++;
      let done = 0;
      for (let i = 0; i < page.length && !outOfTime(); i += CONCURRENCY) {
        const chunk = page.slice(i, i + CONCURRENCY);
        const outcomes = await Promise.all(chunk.map((s) => deliver(ctx, job, runId, s)));
        for (const o of outcomes) tally[o]++;
        done = i + chunk.length;
        cursor = chunk[chunk.length - 1]!._id;
      }
      await jobs.where({ _id: job._id, runId }).update({ cursor });
      job.cursor = cursor;
      if (done === page.length && page.length < pageSize) {
        exhausted = true;
        break;
      }
    }
    if (exhausted) {
      job.status = 'done';
      job.finishedAt = ctx.now().toISOString();
      await jobs.where({ _id: job._id, runId }).update({ status: 'done', finishedAt: job.finishedAt });
    }
  } finally {
    await jobs.where({ _id: job._id, runId }).update({ leaseUntil: 0, ...(exhausted ? {} : { status: 'pending' }) });
    if (!exhausted) job.status = 'pending';
    await audit(ctx, staff, 'push.run', `push:${job._id}`, { campaignId: job.campaignId, ...tally, done: exhausted });
  }
  return jobView(ctx, job);
}
