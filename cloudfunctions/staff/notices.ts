/** 通知公告: staff write short announcements; published ones show on the resident home page, newest first. */
import type { ActionContext } from '../shared/handler';
import type { NoticeInput, NoticeView } from '../contracts/staff';
import type { NoticeDoc } from '../shared/documents';
import { notFound, AppError } from '../shared/errors';
import { audit } from '../shared/staffAuth';
import type { StaffDoc } from '../shared/documents';
import { newId } from './common';
import { getDoc, reads } from '../shared/database';

function view(n: NoticeDoc): NoticeView {
  return { id: n._id, title: n.title, body: n.body, date: n.date, status: n.status, updatedAt: n.updatedAt };
}

async function load(ctx: ActionContext, id: string): Promise<NoticeDoc> {
  const doc = await getDoc(ctx.db, 'notices', id);
  if (!doc) throw notFound('这条通知');
  return doc;
}

export async function listNotices(ctx: ActionContext, includeArchived = false): Promise<NoticeView[]> {
  const coll = reads(ctx.db, 'notices');
  const query = includeArchived ? coll : coll.where({ status: ctx.db.command.in(['draft', 'published']) });
  const res = await query.orderBy('date', 'desc').limit(200).get();
  return res.data.map(view);
}

export async function saveNotice(ctx: ActionContext, staff: StaffDoc, input: { id?: string; notice: NoticeInput }): Promise<NoticeView> {
  const now = ctx.now().toISOString();
  const { title, body, date, status } = input.notice;
  if (!input.id) {
    const doc: NoticeDoc = { _id: newId('notice', ctx), title, body, date, status, createdBy: staff.openId, createdAt: now, updatedAt: now };
    await ctx.db.collection('notices').add(doc);
    await audit(ctx, staff, 'notice.create', `notice:${doc._id}`, { title, status });
    return view(doc);
  }
  const before = await load(ctx, input.id);
  if (before.status === 'archived') throw new AppError('CONFLICT', '这条通知已删除');
  const changes = { title, body, date, status, updatedAt: now };
  await ctx.db.collection('notices').doc(before._id).update(changes);
  await audit(ctx, staff, before.status !== status ? `notice.${status === 'published' ? 'publish' : 'unpublish'}` : 'notice.edit', `notice:${before._id}`, { title });
  return view({ ...before, ...changes });
}

/** Takes a notice off the home page for good (kept for the record, status 'archived'). */
export async function archiveNotice(ctx: ActionContext, staff: StaffDoc, id: string): Promise<NoticeView> {
  const before = await load(ctx, id);
  const changes = { status: 'archived' as const, updatedAt: ctx.now().toISOString() };
  await ctx.db.collection('notices').doc(id).update(changes);
  await audit(ctx, staff, 'notice.archive', `notice:${id}`, { title: before.title });
  return view({ ...before, ...changes });
}
