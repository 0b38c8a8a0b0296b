/** Who the caller is on the staff side (whoami): their staff record and role, or null for a resident. */
import { create } from 'zustand';
import type { StaffMe } from '@contracts/staff';
import type { CallFail } from '@/shared/api/callFunction';
import { callStaff } from './staffApi';

interface SessionState {
  loaded: boolean;
  openId: string;
  staff: StaffMe | null;
  error: CallFail | null;
  load: () => Promise<void>;
  set: (staff: StaffMe) => void;
}

export const useStaffSession = create<SessionState>((set) => ({
  loaded: false,
  openId: '',
  staff: null,
  error: null,
  load: async () => {
    set({ error: null });
    const res = await callStaff('whoami', {});
    if (res.ok) set({ loaded: true, openId: res.data.openId, staff: res.data.staff });
    else set({ error: res });
  },
  set: (staff) => set({ staff, loaded: true }),
}));

/** The H5 app's address (for the H5 check-in QR); undefined in WeChat. */
export function h5Base(): string | undefined {
  if (process.env.TARO_ENV !== 'h5' || typeof location === 'undefined') return undefined;
  return `${location.origin}${location.pathname}`;
}
