/**
 * Staff members and invitations. The first admin comes from `npm run staff -- add`; after that an admin
 * makes a one-time invitation code (valid 24 h), and whoever redeems it in the mini-program becomes staff,
 * bound to their OPENID. Only a hash of the code is stored. The last admin can be neither removed nor
 * demoted.
 */
import { createHash } from 'node:crypto';
import type { ActionContext } from '../shared/handler';
import type { AuditEntry, InvitationStatus, InvitationView, NewInvitation, StaffMe, StaffMember } from '../contracts/staff';
import type { StaffRole } from '../contracts/staff';
import { AUDIT_ACTION_LABEL, STAFF_ROLE_LABEL, describeAudit } from '../contracts/labels';
import { AppError, isDuplicateWrite, notFound } from '../shared/errors';
import { audit, findStaff, ROLE_RANK } from '../shared/staffAuth';
import type { StaffDoc } from '../shared/documents';
import { personKey } from '../shared/identity';
import { chinaDay } from '../contracts/time';
import { findOne, getDoc, incrementDoc, reads } from '../shared/database';
import type { InvitationDoc } from '../shared/documents';
import { iso, randomToken, staffIdFor, tail, updated } from './common';

export const INVITATION_TTL_MS = 24 * 3600 * 1000;
/** Wrong codes a person may enter per China day before redeeming is refused until tomorrow. */
export const MAX_FAILED_REDEEMS_PER_DAY = 10;
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';


export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}
export function hashCode(code: string): string {
  return createHash('sha256').update(`pufa-invite:${normaliseCode(code)}`).digest('hex');
}

export function meView(staff: StaffDoc): StaffMe {
  return {
    openIdTail: tail(staff.openId),
    name: staff.name,
    role: staff.role,
    roleLabel: STAFF_ROLE_LABEL[staff.role],
    canEdit: ROLE_RANK[staff.role] >= ROLE_RANK.editor,
    isAdmin: staff.role === 'admin',
  };
}

function memberView(s: StaffDoc, me: StaffDoc): StaffMember {
  return { id: s._id, name: s.name, role: s.role, openIdTail: tail(s.openId), createdAt: iso(s.createdAt), createdBy: s.createdBy, isMe: s.openId === me.openId };
}

function invitationStatus(inv: InvitationDoc, now: Date): InvitationStatus {
  if (inv.status !== 'open') return inv.status;
  return Date.parse(inv.expiresAt) <= now.getTime() ? 'expired' : 'open';
}

function invitationView(inv: InvitationDoc, now: Date): InvitationView {
  return {
    id: inv._id,
    name: inv.name,
    role: inv.role,
    status: invitationStatus(inv, now),
    hint: inv.hint,
    createdAt: inv.createdAt,
    createdByName: inv.createdByName,
    expiresAt: inv.expiresAt,
    usedByName: inv.usedByName,
    usedAt: inv.usedAt,
  };
}

export async function createInvitation(ctx: ActionContext, admin: StaffDoc, input: { role: StaffRole; name: string }): Promise<NewInvitation> {
  const now = ctx.now();
  for (let tries = 0; ; tries++) {
    const raw = randomToken(8, CODE_ALPHABET);
    const doc: InvitationDoc = {
      _id: `inv_${randomToken(12)}`,
      code: hashCode(raw),
      hint: raw.slice(-2),
      role: input.role,
      name: input.name,
      status: 'open',
      createdAt: now.toISOString(),
      createdBy: admin.openId,
      createdByName: admin.name,
      expiresAt: new Date(now.getTime() + INVITATION_TTL_MS).toISOString(),
      usedBy: null,
      usedByName: null,
      usedAt: null,
    };
    try {
      await ctx.db.collection('invitations').add(doc);
    } catch (error) {
      if (isDuplicateWrite(error) && tries < 3) continue;
      throw error;
    }
    await audit(ctx, admin, 'invitation.create', `invitation:${doc._id}`, { role: doc.role, name: doc.name, expiresAt: doc.expiresAt });
    return { ...invitationView(doc, now), code: `${raw.slice(0, 4)}-${raw.slice(4)}` };
  }
}

export async function listInvitations(ctx: ActionContext): Promise<InvitationView[]> {
  const res = await reads(ctx.db, 'invitations').orderBy('createdAt', 'desc').limit(50).get();
  return res.data.map((i) => invitationView(i, ctx.now()));
}

export async function revokeInvitation(ctx: ActionContext, admin: StaffDoc, id: string): Promise<InvitationView> {
  const coll = ctx.db.collection('invitations');
  const res = await coll.where({ _id: id, status: 'open' }).update({ status: 'revoked', usedAt: null });
  const doc = await getDoc(ctx.db, 'invitations', id);
  if (!doc) throw notFound('这个邀请码');
  if (!updated(res)) throw new AppError('CONFLICT', doc.status === 'used' ? '邀请码已被使用，无法作废' : '邀请码已作废');
  await audit(ctx, admin, 'invitation.revoke', `invitation:${id}`, { name: doc.name, role: doc.role });
  return invitationView(doc, ctx.now());
}

async function failedRedeemsToday(ctx: ActionContext): Promise<{ id: string; count: number }> {
  const id = `redeem|${chinaDay(ctx.now())}|${personKey(ctx.openId)}`;
  return { id, count: (await getDoc(ctx.db, 'redeem_failures', id))?.count ?? 0 };
}

/** Anyone signed in: turns a valid, unused, unexpired code into a staff membership for the caller's OPENID. */
export async function redeemInvitation(ctx: ActionContext, code: string): Promise<StaffMe> {
  if (await findStaff(ctx)) throw new AppError('CONFLICT', '你已经是工作人员了');
  const failures = await failedRedeemsToday(ctx);
  if (failures.count >= MAX_FAILED_REDEEMS_PER_DAY) throw new AppError('DAILY_LIMIT', '今天输错邀请码的次数太多，请明天再试');
  const fail = async (error: AppError): Promise<never> => {
    await incrementDoc(ctx.db, 'redeem_failures', failures.id, { day: chinaDay(ctx.now()) }, { count: ctx.db.command.inc(1) }, { count: 1 });
    throw error;
  };
  const normalised = normaliseCode(code);
  if (normalised.length !== 8) return fail(new AppError('INVALID_INPUT', '邀请码是 8 位字母和数字', 'code'));
  const coll = ctx.db.collection('invitations');
  const found = await findOne(ctx.db, 'invitations', { code: hashCode(normalised) });
  if (!found) return fail(new AppError('NOT_FOUND', '邀请码不正确，请核对后重新输入'));
  const now = ctx.now();
  const whyNot = (inv: InvitationDoc) => {
    const status = invitationStatus(inv, now);
    if (status === 'used') return new AppError('CONFLICT', '这个邀请码已经被使用过了，请向管理员重新索取');
    if (status === 'revoked') return new AppError('NOT_AVAILABLE', '这个邀请码已被管理员作废');
    if (status === 'expired') return new AppError('NOT_AVAILABLE', '这个邀请码已过期（有效期 24 小时），请向管理员重新索取');
    return null;
  };
  const early = whyNot(found);
  if (early) throw early;
  // Claim the code first (one redeemer wins), then create the membership.
  const claim = await coll
    .where({ _id: found._id, status: 'open', expiresAt: ctx.db.command.gt(now.toISOString()) })
    .update({ status: 'used', usedBy: ctx.openId, usedByName: found.name, usedAt: now.toISOString() });
  if (!updated(claim)) {
    const again = await getDoc(ctx.db, 'invitations', found._id);
    throw (again && whyNot(again)) ?? new AppError('CONFLICT', '这个邀请码已经被使用过了');
  }
  const staff: StaffDoc & { invitationId: string } = {
    _id: staffIdFor(ctx.openId),
    openId: ctx.openId,
    role: found.role,
    name: found.name,
    createdAt: now,
    createdBy: found.createdByName,
    invitationId: found._id,
  };
  try {
    await ctx.db.collection('staff').add(staff);
  } catch (error) {
    // The same person redeemed two codes at once: give this code back.
    await coll.where({ _id: found._id, usedBy: ctx.openId }).update({ status: 'open', usedBy: null, usedByName: null, usedAt: null });
    if (isDuplicateWrite(error)) throw new AppError('CONFLICT', '你已经是工作人员了');
    throw error;
  }
  await audit(ctx, staff, 'staff.join', `staff:${staff._id}`, { invitationId: found._id, role: staff.role, invitedBy: found.createdByName });
  return meView(staff);
}

async function loadMember(ctx: ActionContext, id: string): Promise<StaffDoc> {
  const doc = await getDoc(ctx.db, 'staff', id);
  if (!doc) throw notFound('这位工作人员');
  return doc;
}

const countAdmins = async (ctx: ActionContext) => (await ctx.db.collection('staff').where({ role: 'admin' }).count()).total ?? 0;

export async function listStaff(ctx: ActionContext, me: StaffDoc): Promise<StaffMember[]> {
  const docs = (await reads(ctx.db, 'staff').limit(500).get()).data;
  docs.sort((a, b) => ROLE_RANK[b.role] - ROLE_RANK[a.role] || a.name.localeCompare(b.name, 'zh-CN'));
  return docs.map((s) => memberView(s, me));
}

export async function changeRole(ctx: ActionContext, admin: StaffDoc, id: string, role: StaffRole): Promise<StaffMember> {
  const target = await loadMember(ctx, id);
  if (target.role === role) return memberView(target, admin);
  if (target.role === 'admin' && (await countAdmins(ctx)) <= 1) throw new AppError('CONFLICT', '至少要保留一名管理员，请先任命另一位管理员');
  const res = await ctx.db.collection('staff').where({ _id: id, role: target.role }).update({ role });
  if (!updated(res)) throw new AppError('CONFLICT', '这位工作人员的角色刚被修改过，请刷新后再试');
  if (target.role === 'admin' && (await countAdmins(ctx)) === 0) {
    // Two admins demoted each other at the same moment: undo this one.
    await ctx.db.collection('staff').where({ _id: id }).update({ role: 'admin' });
    throw new AppError('CONFLICT', '至少要保留一名管理员');
  }
  await audit(ctx, admin, 'staff.role', `staff:${id}`, { name: target.name, from: target.role, to: role });
  return memberView({ ...target, role }, admin);
}

export async function removeStaff(ctx: ActionContext, admin: StaffDoc, id: string): Promise<{ id: string; removed: true }> {
  const target = await loadMember(ctx, id);
  if (target.role === 'admin' && (await countAdmins(ctx)) <= 1) throw new AppError('CONFLICT', '这是最后一名管理员，不能移除');
  await ctx.db.collection('staff').doc(id).remove();
  if (target.role === 'admin' && (await countAdmins(ctx)) === 0) {
    const { _id, ...fields } = target;
    await ctx.db.collection('staff').doc(_id).set(fields);
    throw new AppError('CONFLICT', '这是最后一名管理员，不能移除');
  }
  await audit(ctx, admin, 'staff.remove', `staff:${id}`, { name: target.name, role: target.role });
  return { id, removed: true };
}


export async function listAudit(ctx: ActionContext, limit = 50, before?: string): Promise<AuditEntry[]> {
  const coll = reads(ctx.db, 'audit_log');
  const query = before ? coll.where({ at: ctx.db.command.lt(new Date(before)) }) : coll;
  const res = await query.orderBy('at', 'desc').limit(limit).get();
  return res.data.map((a) => ({
    id: a._id,
    at: iso(a.at),
    actorName: a.actorName,
    actorRole: a.actorRole,
    actorRoleLabel: STAFF_ROLE_LABEL[a.actorRole as StaffRole] ?? '',
    action: a.action,
    actionLabel: AUDIT_ACTION_LABEL[a.action] ?? '其他操作',
    summary: describeAudit(a.action, a.target, a.details ?? {}),
    target: a.target,
    details: a.details ?? {},
  }));
}
