/** A tiny hook for staff pages: load something once, keep error and busy state, reload on demand. */
import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import type { CallFail, CallResult } from '@/shared/api/callFunction';

export function useLoad<T>(fetcher: () => Promise<CallResult<T>>, deps: unknown[] = []) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<CallFail | null>(null);
  const [loading, setLoading] = useState(true);
  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    const res = await fetcher();
    if (res.ok) setData(res.data);
    else setError(res);
    setLoading(false);
  }, deps);
  useEffect(() => {
    void load();
  }, [load]);
  return { data, setData, error, loading, reload: load };
}

/** Runs a write; shows a toast on success, returns the failure for the page to show next to the form. */
export async function runWrite<T>(call: () => Promise<CallResult<T>>, success?: string): Promise<{ ok: true; data: T } | { ok: false; error: CallFail }> {
  const res = await call();
  if (!res.ok) return { ok: false, error: res };
  if (success) void Taro.showToast({ title: success, icon: 'success' });
  return { ok: true, data: res.data };
}

/** Asks before something that cannot be undone. */
export async function confirmAction(title: string, content: string, confirmText = '确定'): Promise<boolean> {
  const { confirm } = await Taro.showModal({ title, content, confirmText, cancelText: '取消' });
  return confirm;
}
