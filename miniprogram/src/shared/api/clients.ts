/**
 * The typed clients of the three cloud functions, side by side. Their types come from the functions' own
 * contracts, so a renamed action or field fails to compile on both ends.
 */
import type { residentContract } from '@contracts/resident';
import type { staffContract } from '@contracts/staff';
import type { reportsContract } from '@contracts/reports';
import { createClient } from './callFunction';

/** Anyone: home, lessons, quizzes, check-in, reminders. */
export const callResident = createClient<typeof residentContract>('resident');
/** Staff (role checked by the function): campaigns, notices, events, members, push. */
export const callStaff = createClient<typeof staffContract>('staff');
/** Staff, viewer and up: dashboard and exports. */
export const callReports = createClient<typeof reportsContract>('reports');
