/**
 * Staff access. Staff are identified by OPENID in the `staff` collection; anyone else is a resident.
 * Every staff action calls `requireRole` on the server; a resident or a too-low role gets FORBIDDEN and
 * nothing changes. Every staff write is recorded with `audit` (who, action, target, when).
 */
import type { ActionContext } from './handler';
import { AppError } from './errors';
import { STAFF_ROLE_LABEL } from '../contracts/labels';

import type { StaffRole } from '../contracts/staff';
import type { StaffDoc } from './documents';
import { findOne } from './database';

export type { StaffRole };
export const ROLE_RANK: Record<StaffRole, number> = { viewer: 1, editor: 2, admin: 3 };


export async function findStaff(ctx: ActionContext): Promise<StaffDoc | null> {
  if (!ctx.openId) return null;
  return findOne(ctx.db, 'staff', { openId: ctx.openId });
}

/** The caller's staff record if their role is at least `minimum`; FORBIDDEN otherwise. */
export async function requireRole(ctx: ActionContext, minimum: StaffRole): Promise<StaffDoc> {
  const staff = await findStaff(ctx);
  if (!staff) throw new AppError('FORBIDDEN', '仅限工作人员使用');
  if (ROLE_RANK[staff.role] < ROLE_RANK[minimum]) throw new AppError('FORBIDDEN', `需要${STAFF_ROLE_LABEL[minimum]}及以上权限`);
  return staff;
}

export async function audit(ctx: ActionContext, staff: StaffDoc, action: string, target: string, details: Record<string, unknown> = {}): Promise<void> {
  await ctx.db.collection('audit_log').add({ actorOpenId: staff.openId, actorName: staff.name, actorRole: staff.role, action, target, details, at: ctx.now() });
}
