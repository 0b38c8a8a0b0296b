/**
 * Cloud function `staff`: members and invitations, audit log, campaigns, notices, offline events, pushes
 * and 镇情设置.
 * Every action first checks the caller's role on the server (STAFF_ACTION_ROLES in the contract), so a
 * resident or a too-low role gets FORBIDDEN before anything is read or written.
 */
import type { z } from 'zod';
import { staffContract, STAFF_ACTION_ROLES, type StaffAction } from '../contracts/staff';
import { createHandler, type ActionContext, type Handlers } from '../shared/handler';
import { findStaff, requireRole } from '../shared/staffAuth';
import type { StaffDoc } from '../shared/documents';
import * as members from './members';
import * as campaigns from './campaigns';
import * as notices from './notices';
import * as events from './events';
import * as push from './push';
import * as town from './town';

type C = typeof staffContract;
type StaffHandler<K extends StaffAction> = (input: z.output<C[K]['input']>, ctx: ActionContext, staff: StaffDoc) => Promise<C[K]['output']>;

type SignedInAction = 'redeemInvitation' | 'whoami';
const actions: { [K in Exclude<StaffAction, SignedInAction>]: StaffHandler<K> } = {
  me: async (_input, _ctx, staff) => members.meView(staff),
  createInvitation: (input, ctx, staff) => members.createInvitation(ctx, staff, input),
  listInvitations: (_input, ctx) => members.listInvitations(ctx),
  revokeInvitation: ({ id }, ctx, staff) => members.revokeInvitation(ctx, staff, id),
  listStaff: (_input, ctx, staff) => members.listStaff(ctx, staff),
  changeRole: ({ id, role }, ctx, staff) => members.changeRole(ctx, staff, id, role),
  removeStaff: ({ id }, ctx, staff) => members.removeStaff(ctx, staff, id),
  listAudit: ({ limit, before }, ctx) => members.listAudit(ctx, limit, before),
  getEditorOptions: (_input, ctx) => campaigns.getEditorOptions(ctx),
  listCampaigns: ({ state }, ctx) => campaigns.listCampaigns(ctx, state),
  getCampaign: ({ id }, ctx) => campaigns.getCampaign(ctx, id),
  saveCampaign: (input, ctx, staff) => campaigns.saveCampaign(ctx, staff, input),
  setCampaignStatus: ({ id, op }, ctx, staff) => campaigns.setCampaignStatus(ctx, staff, id, op),
  pinCampaign: ({ id, pinned }, ctx, staff) => campaigns.pinCampaign(ctx, staff, id, pinned),
  previewCampaign: ({ id }, ctx) => campaigns.previewCampaign(ctx, id),
  listNotices: ({ includeArchived }, ctx) => notices.listNotices(ctx, includeArchived),
  saveNotice: (input, ctx, staff) => notices.saveNotice(ctx, staff, input),
  archiveNotice: ({ id }, ctx, staff) => notices.archiveNotice(ctx, staff, id),
  listEvents: ({ includeArchived }, ctx) => events.listEvents(ctx, includeArchived),
  getEvent: ({ id }, ctx) => events.getEvent(ctx, id),
  saveEvent: (input, ctx, staff) => events.saveEvent(ctx, staff, input),
  recordEventNumbers: (input, ctx, staff) => events.recordEventNumbers(ctx, staff, input),
  archiveEvent: ({ id }, ctx, staff) => events.archiveEvent(ctx, staff, id),
  getEventCode: ({ id, h5Base }, ctx, staff) => events.getEventCode(ctx, staff, id, h5Base),
  getTownSettings: (_input, ctx) => town.getTownSettings(ctx),
  saveTownSettings: ({ town: input }, ctx, staff) => town.saveTownSettings(ctx, staff, input),
  getPushOverview: ({ campaignId }, ctx) => push.getPushOverview(ctx, campaignId),
  createPushJob: (input, ctx, staff) => push.createPushJob(ctx, staff, input),
  runPushJob: (input, ctx, staff) => push.runPushJob(ctx, staff, input),
  getPushJob: ({ jobId }, ctx) => push.getPushJob(ctx, jobId),
};

/** Wraps every action with its role check (the table in the contract; the types make it total). */
function guarded(): Handlers<C> {
  const out: Record<string, unknown> = {
    redeemInvitation: ({ code }: { code: string }, ctx: ActionContext) => members.redeemInvitation(ctx, code),
    whoami: async (_input: unknown, ctx: ActionContext) => {
      const staff = await findStaff(ctx);
      return { openId: ctx.openId, staff: staff ? members.meView(staff) : null };
    },
  };
  for (const name of Object.keys(actions) as Exclude<StaffAction, SignedInAction>[]) {
    const minimum = STAFF_ACTION_ROLES[name];
    if (minimum === 'signedIn') throw new Error(`staff action ${name} must name a role`);
    const run = actions[name] as StaffHandler<typeof name>;
    out[name] = async (input: never, ctx: ActionContext) => run(input, ctx, await requireRole(ctx, minimum));
  }
  return out as Handlers<C>;
}

export const main = createHandler(staffContract, guarded());
