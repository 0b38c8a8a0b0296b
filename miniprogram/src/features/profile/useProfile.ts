/** 我的: the resident's profile and recent attempts, and choosing their village. */
import { useState } from 'react';
import type { ProfileView } from '@contracts/resident';
import { callResident } from '@/shared/api/clients';
import type { CallFail } from '@/shared/api/callFunction';
import { residentQuery } from '@/shared/data/queries';
import { updateServerData, useServerData } from '@/shared/data/serverData';

export const profileQuery = residentQuery('getProfile', {});
export const myAttemptsQuery = residentQuery('listMyAttempts', { limit: 20 });

export function useProfile() {
  const profile = useServerData(profileQuery, { refreshOnShow: true });
  const attempts = useServerData(myAttemptsQuery, { refreshOnShow: true });
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<CallFail | null>(null);
  const chooseVillage = async (villageId: string): Promise<boolean> => {
    setSaving(true);
    setSaveError(null);
    const res = await callResident('setVillage', { villageId });
    setSaving(false);
    if (!res.ok) {
      setSaveError(res);
      return false;
    }
    updateServerData<ProfileView>(profileQuery, () => res.data);
    return true;
  };
  return { profile, attempts: attempts.data ?? [], saving, saveError, chooseVillage };
}
