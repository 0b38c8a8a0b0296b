/**
 * The one place that creates the CloudBase SDK app for every function.
 *
 * - In the cloud: `tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })` (the function's own environment and role).
 * - Locally, when `LOCALCLOUD_URL` is set: the same SDK pointed at the local cloud
 *   (`serviceUrl: LOCALCLOUD_URL + '/admin'`, signed with the run's key pair from LOCALCLOUD_SECRETID/SECRETKEY).
 *
 * The caller's identity is read per call from the function's `context` (WX_OPENID, WX_APPID), never from
 * process-wide state, so concurrent callers never see each other's identity.
 */
import * as tcb from '@cloudbase/node-sdk';

export type CloudBaseApp = ReturnType<typeof tcb.init>;
export type Database = ReturnType<CloudBaseApp['database']>;

/**
 * The SDK asks http://metadata.tencentyun.com on every request whether it runs inside Tencent Cloud, and
 * off the cloud that lookup only ends when it fails or times out (tens of ms per request). Against the
 * local cloud the answer is known, so it is given up front. Only called in local mode.
 */
function skipCloudMetadataProbe() {
  if (process.env.TENCENTCLOUD === undefined) process.env.TENCENTCLOUD = 'true';
}

/**
 * init options for the local cloud at `url` (http://127.0.0.1:<port>): requests are signed with the run's
 * key pair, which `npm start` (or the local cloud a test starts) puts in LOCALCLOUD_SECRETID/SECRETKEY.
 */
export function localInitOptions(url: string) {
  const secretId = process.env.LOCALCLOUD_SECRETID || 'unset';
  const secretKey = process.env.LOCALCLOUD_SECRETKEY || 'unset';
  return { env: 'local', secretId, secretKey, serviceUrl: `${url.replace(/\/+$/, '')}/admin` };
}

/** A new (uncached) SDK app: the local cloud at `localcloudUrl` if given, else decided by LOCALCLOUD_URL. */
export function createApp(localcloudUrl: string | undefined = process.env.LOCALCLOUD_URL): CloudBaseApp {
  if (localcloudUrl) {
    skipCloudMetadataProbe();
    return tcb.init(localInitOptions(localcloudUrl));
  }
  return tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
}

let app: CloudBaseApp | undefined;
let appUrl: string | undefined;
let db: Database | undefined;

/** The cached SDK app (re-created if LOCALCLOUD_URL changes, which only tests do). */
export function getApp(): CloudBaseApp {
  const url = process.env.LOCALCLOUD_URL;
  if (!app || appUrl !== url) {
    app = createApp(url);
    appUrl = url;
    db = undefined;
  }
  return app;
}

/** The cached database of getApp(). */
export function getDb(): Database {
  const a = getApp();
  if (!db) db = a.database();
  return db;
}

export interface Caller {
  openId?: string;
  appId?: string;
}

/** The caller of this invocation, from the function's context (`tcb.getCloudbaseContext(context)`). */
export function getCaller(context: unknown): Caller {
  if (!context || typeof context !== 'object') return {};
  let env: { WX_OPENID?: string; WX_APPID?: string };
  try {
    env = tcb.getCloudbaseContext(context as Parameters<typeof tcb.getCloudbaseContext>[0]);
  } catch {
    return {};
  }
  const openId = typeof env.WX_OPENID === 'string' && env.WX_OPENID ? env.WX_OPENID : undefined;
  const appId = typeof env.WX_APPID === 'string' && env.WX_APPID ? env.WX_APPID : undefined;
  return { openId, appId };
}
