/**
 * The typed clients of the three cloud functions, side by side. Their types come from the functions' own
 * contracts, so a renamed action or field fails to compile on both ends.
 */
import type { residentContract } from '@contracts/resident';
import type { OutboxEntry, staffContract } from '@contracts/staff';
import type { reportsContract } from '@contracts/reports';
import { createClient } from './callFunction';

/** Anyone: home, lessons, quizzes, check-in, reminders. */
export const callResident = createClient<typeof residentContract>('resident');
/** Staff (role checked by the function): campaigns, notices, events, members, push. */
export const callStaff = createClient<typeof staffContract>('staff');
/** Staff, viewer and up: dashboard and exports. */
export const callReports = createClient<typeof reportsContract>('reports');

/**
 * H5 under the local app server (`npm start`) only: the reminders the local cloud recorded instead of
 * sending, from the app server's development endpoint GET /dev/outbox (not a function action; the cloud
 * has no such thing).
 */
export async function fetchLocalOutbox(limit: number): Promise<{ ok: true; data: OutboxEntry[] } | { ok: false; message: string }> {
  const unavailable = '发件箱只在本地环境中提供；线上请在微信公众平台查看发送记录';
  try {
    const res = await fetch(`/dev/outbox?limit=${limit}`, { credentials: 'same-origin' });
    const body = (await res.json()) as OutboxEntry[] | { message?: string };
    if (res.ok && Array.isArray(body)) return { ok: true, data: body };
    return { ok: false, message: (!Array.isArray(body) && body?.message) || unavailable };
  } catch {
    return { ok: false, message: unavailable };
  }
}
