/** Cloud function `reports`: participation dashboard and exports for staff (查看员 and up), and the participation sweep (timer). */
import { reportsContract } from '../contracts/reports';
import { createHandler } from '../shared/handler';
import { requireRole } from '../shared/staffAuth';
import { dashboard } from './dashboard';
import { buildExport } from './exportFile';
import { sweepParticipation } from '../shared/participation/sweep';

export const main = createHandler(
  reportsContract,
  {
    dashboard: async (_input, ctx) => {
      await requireRole(ctx, 'viewer');
      return dashboard(ctx);
    },
    buildExport: async (input, ctx) => buildExport(ctx, await requireRole(ctx, 'viewer'), input),
  },
  // Completes participation a crashed writer left pending, and settles applied events (functions.ts trigger).
  { timers: { sweepParticipation: (ctx) => sweepParticipation(ctx.db, ctx.now()) } },
);
