/**
 * Cloud function `calendar`: its timer (functions.ts, daily) makes the editions of the standing campaigns
 * that are due (shared/campaignEditions.ts `ensureEditions`): idempotent, so a second trigger, a retry or
 * two triggers at once create each edition once and never touch one that exists. Locally the local
 * environment runs the same action on a timer (appserver/localEnvironment.ts).
 *
 * A CloudBase timer calls the function with `{ Type: 'Timer', TriggerName, Time }` and no OPENID: that
 * event runs `ensureEditions`.
 */
import { calendarContract } from '../contracts/calendar';
import { createHandler } from '../shared/handler';
import { ensureEditions } from '../shared/campaignEditions';

const handle = createHandler(
  calendarContract,
  {
    ensureEditions: async (_input, ctx) => ensureEditions(ctx.db, ctx.now()),
  },
  { anonymous: ['ensureEditions'] },
);

export function isTimerEvent(event: unknown): boolean {
  const e = event as { Type?: unknown; TriggerName?: unknown } | null;
  return Boolean(e && typeof e === 'object' && (e.Type === 'Timer' || typeof e.TriggerName === 'string'));
}

export const main = (event: unknown, context: unknown) => handle(isTimerEvent(event) ? { action: 'ensureEditions', input: {} } : event, context);
