import { create } from 'zustand';
import type { AttemptSummary, ProfileView } from '@contracts/resident';
import { callResident, type CallFail } from '@/shared/api/callFunction';

interface ProfileState {
  profile: ProfileView | null;
  attempts: AttemptSummary[];
  loading: boolean;
  saving: boolean;
  error: CallFail | null;
  load: () => Promise<void>;
  chooseVillage: (villageId: string) => Promise<boolean>;
}

export const useProfileStore = create<ProfileState>((set) => ({
  profile: null,
  attempts: [],
  loading: false,
  saving: false,
  error: null,
  load: async () => {
    set({ loading: true, error: null });
    const [p, a] = await Promise.all([callResident('getProfile', {}), callResident('listMyAttempts', { limit: 20 })]);
    if (!p.ok) return set({ loading: false, error: p });
    set({ loading: false, profile: p.data, attempts: a.ok ? a.data : [] });
  },
  chooseVillage: async (villageId) => {
    set({ saving: true, error: null });
    const res = await callResident('setVillage', { villageId });
    if (!res.ok) {
      set({ saving: false, error: res });
      return false;
    }
    set({ saving: false, profile: res.data });
    return true;
  },
}));
