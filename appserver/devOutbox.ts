/**
 * GET /dev/outbox?limit=20 — development only (the local app server under `npm start`; the cloud has no
 * such thing): the subscribe messages the local cloud recorded in its outbox instead of sending, for the
 * push page's 本地发件箱. Editors and admins only; OPENIDs are cut to their last six characters.
 */
import type { OutboxEntry } from '../cloudfunctions/contracts/staff';
import { createApp } from '../cloudfunctions/shared/cloudbase';
import { KEY_HEADER } from '../localcloud/runKey';

export interface DevOutboxSource {
  localCloudUrl: string;
  /** The run's secret key (the local cloud's own endpoints need it). */
  secretKey: string;
}

const tail = (openId: string, n = 6) => (openId.length <= n ? openId : `…${openId.slice(-n)}`);

export async function readDevOutbox(source: DevOutboxSource, openId: string, limit: number): Promise<{ status: number; body: unknown }> {
  const staff = await createApp(source.localCloudUrl).database().collection('staff').where({ openId }).limit(1).get();
  const role = (staff.data[0] as { role?: string } | undefined)?.role;
  if (role !== 'editor' && role !== 'admin') return { status: 403, body: { ok: false, code: 'FORBIDDEN', message: '需要编辑及以上权限' } };
  const res = await fetch(`${source.localCloudUrl}/outbox?api=subscribeMessage.send`, { headers: { [KEY_HEADER]: source.secretKey } });
  const rows = (await res.json()) as { id: number; at: string; api: string; data: { touser?: string; template_id?: string; templateId?: string; page?: string; data?: Record<string, unknown> } }[];
  const entries: OutboxEntry[] = rows
    .slice(-limit)
    .reverse()
    .map((r) => ({ id: r.id, at: r.at, api: r.api, touserTail: tail(String(r.data?.touser ?? '')), templateId: String(r.data?.template_id ?? r.data?.templateId ?? ''), page: String(r.data?.page ?? ''), data: r.data?.data ?? {} }));
  return { status: 200, body: entries };
}
