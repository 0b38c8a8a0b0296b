import type { ActionContext } from '../shared/handler';
import type { ProfileView } from '../contracts/resident';
import type { ResidentDoc, TownDoc } from '../shared/documents';
import { personKey } from '../shared/identity';
import { notFound } from '../shared/errors';
import { getDoc } from '../shared/database';
import { loadTown } from '../shared/town';

export async function loadResident(ctx: ActionContext): Promise<ResidentDoc | null> {
  return getDoc(ctx.db, 'residents', personKey(ctx.openId));
}

export async function buildProfile(ctx: ActionContext, town?: TownDoc, resident?: ResidentDoc | null): Promise<ProfileView> {
  const key = personKey(ctx.openId);
  const [t, r, reads, attempts, staff] = await Promise.all([
    town ?? loadTown(ctx.db),
    resident === undefined ? loadResident(ctx) : resident,
    ctx.db.collection('lesson_reads').where({ personKey: key }).count(),
    ctx.db.collection('attempts').where({ personKey: key, status: 'submitted' }).count(),
    ctx.db.collection('staff').where({ openId: ctx.openId }).count(),
  ]);
  const village = t.villages.find((v) => v.id === r?.villageId) ?? null;
  return {
    villageId: village?.id ?? null,
    villageName: village?.name ?? null,
    villages: t.villages.map((v) => ({ id: v.id, name: v.name })),
    lessonsRead: reads.total ?? 0,
    attempts: attempts.total ?? 0,
    isStaff: (staff.total ?? 0) > 0,
  };
}

export async function setVillage(ctx: ActionContext, villageId: string): Promise<ProfileView> {
  const town = await loadTown(ctx.db);
  if (!town.villages.some((v) => v.id === villageId)) throw notFound('所选村（社区）');
  const key = personKey(ctx.openId);
  const now = ctx.now();
  const existing = await loadResident(ctx);
  const doc: ResidentDoc = { _id: key, openId: ctx.openId, villageId, createdAt: existing?.createdAt ?? now, updatedAt: now };
  const { _id, ...fields } = doc;
  await ctx.db.collection('residents').doc(_id).set(fields);
  return buildProfile(ctx, town, doc);
}
