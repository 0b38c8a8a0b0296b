/**
 * The `calendar` function: run by its timer (functions.ts), never by the mini-program. Makes each year's
 * edition of the standing campaigns ahead of its window (cloudfunctions/shared/campaignEditions.ts).
 */
import { z } from 'zod';
import { action, returns } from './common';

export interface EnsureEditionsResult {
  /** Edition ids made by this run. */
  created: string[];
  /** Due editions that were already there (left exactly as they are). */
  existing: string[];
}

export const calendarContract = {
  ensureEditions: action(z.object({}).strict(), returns<EnsureEditionsResult>()),
};
