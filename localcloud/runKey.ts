/**
 * The run's key pair. The local cloud verifies every SDK request's TC3 signature against it, so only
 * processes that were handed the key (the functions inside `npm start`, the CLIs through
 * `.data/local.json`, the tests through their environment) can read or write the database.
 *
 * One pair per process tree: the first local cloud started in a process makes it and puts it in
 * LOCALCLOUD_SECRETID / LOCALCLOUD_SECRETKEY, which child processes inherit and which
 * cloudfunctions/shared/cloudbase.ts reads when it initialises the SDK for the local cloud.
 */
import { randomBytes } from 'node:crypto';

export interface RunKey {
  secretId: string;
  secretKey: string;
}

export function runKey(): RunKey {
  let secretId = process.env.LOCALCLOUD_SECRETID;
  let secretKey = process.env.LOCALCLOUD_SECRETKEY;
  if (!secretId || !secretKey) {
    secretId = `AKIDlocal${randomBytes(12).toString('hex')}`;
    secretKey = randomBytes(32).toString('base64url');
    process.env.LOCALCLOUD_SECRETID = secretId;
    process.env.LOCALCLOUD_SECRETKEY = secretKey;
  }
  return { secretId, secretKey };
}

/** Makes `key` this process's run key (CLIs that read it from .data/local.json). */
export function useRunKey(key: RunKey): void {
  process.env.LOCALCLOUD_SECRETID = key.secretId;
  process.env.LOCALCLOUD_SECRETKEY = key.secretKey;
}

/** The header that authorises the local cloud's own endpoints (outbox, reset, ensure, collections). */
export const KEY_HEADER = 'x-localcloud-key';

/** Headers for the local cloud's own endpoints, with this process's run key. */
export function keyHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { ...extra, [KEY_HEADER]: runKey().secretKey };
}
