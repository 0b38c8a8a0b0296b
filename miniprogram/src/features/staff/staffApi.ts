import type { staffContract } from '@contracts/staff';
import { createClient } from '@/shared/api/callFunction';

/** Typed calls to the `staff` cloud function. */
export const callStaff = createClient<typeof staffContract>('staff');
