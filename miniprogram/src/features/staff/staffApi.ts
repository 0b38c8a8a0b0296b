import type { OutboxEntry, staffContract } from '@contracts/staff';
import { createClient } from '@/shared/api/callFunction';

/** Typed calls to the `staff` cloud function. */
export const callStaff = createClient<typeof staffContract>('staff');

/**
 * H5 under the local app server (`npm start`) only: the reminders the local cloud recorded instead of
 * sending, from the app server's development endpoint (not a cloud function action; absent in the cloud).
 */
export async function fetchLocalOutbox(limit: number): Promise<{ ok: true; data: OutboxEntry[] } | { ok: false; message: string }> {
  try {
    const res = await fetch(`/dev/outbox?limit=${limit}`, { credentials: 'same-origin' });
    const body = (await res.json()) as OutboxEntry[] | { message?: string };
    if (res.ok && Array.isArray(body)) return { ok: true, data: body };
    const message = !Array.isArray(body) && body?.message;
    return { ok: false, message: message || '发件箱只在本地环境中提供；线上请在微信公众平台查看发送记录' };
  } catch {
    return { ok: false, message: '发件箱只在本地环境中提供；线上请在微信公众平台查看发送记录' };
  }
}
