/** Staff writes: run one and toast on success; ask before what cannot be undone. (Reads: shared/data/serverData.) */
import Taro from '@tarojs/taro';
import type { CallFail, CallResult } from '@/shared/api/callFunction';

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
