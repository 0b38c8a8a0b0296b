import type { reportsContract } from '@contracts/reports';
import { createClient } from '@/shared/api/callFunction';

/** Typed calls to the `reports` cloud function. */
export const callReports = createClient<typeof reportsContract>('reports');
