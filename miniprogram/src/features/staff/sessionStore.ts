/** Who the caller is on the staff side (whoami): their staff record and role, or null for a resident. */
import type { StaffMe, WhoAmI } from '@contracts/staff';
import { staffQuery } from '@/shared/data/queries';
import { updateServerData, useServerData } from '@/shared/data/serverData';

export const whoamiQuery = staffQuery('whoami', {});

export function useStaffSession(options: { refreshOnShow?: boolean } = {}) {
  return useServerData(whoamiQuery, options);
}

/** After redeeming an invitation: the caller is staff now, without asking again. */
export function becameStaff(staff: StaffMe): void {
  updateServerData<WhoAmI>(whoamiQuery, (me) => ({ ...me, staff }));
}

