/**
 * The SDK app for command-line tools (content sync, staff bootstrap, export, deploy checks):
 * `--env local` talks to the local cloud (--url, LOCALCLOUD_URL, or the one `npm start` recorded in
 * .data/local.json, with the run's key); any other value is a CloudBase environment id, with credentials
 * from TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY (or a `tcb login` session), never from the repository.
 */
import tcb from '@cloudbase/node-sdk';
import { createApp } from '../../cloudfunctions/shared/cloudbase';
import { localTarget } from './localRun';

export type AdminDb = ReturnType<ReturnType<typeof tcb.init>['database']>;

/** An SDK app for `env`; for `local`, the local cloud at `localUrl` (in-process callers that started it). */
export function adminApp(env: string, localUrl = process.env.LOCALCLOUD_URL) {
  if (env === 'local') {
    if (!localUrl) throw new Error('--env local needs the local cloud URL (use openAdminApp, which finds the one npm start runs)');
    return createApp(localUrl); // the functions' own local mode (and no cloud-metadata probe per request)
  }
  const secretId = process.env.TENCENTCLOUD_SECRETID;
  const secretKey = process.env.TENCENTCLOUD_SECRETKEY;
  if (!secretId || !secretKey) throw new Error(`--env ${env}: set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (see .env.example)`);
  // A temporary key (e.g. from `tcb login`, passed on by npm run deploy) needs its session token too.
  return tcb.init({ env, secretId, secretKey, sessionToken: process.env.TENCENTCLOUD_SESSIONTOKEN || undefined });
}

/** For CLIs: like adminApp, but `--env local` finds the running local environment (or fails in one line). */
export async function openAdminApp(env: string, url?: string) {
  if (env !== 'local') return adminApp(env);
  const target = await localTarget(url);
  return adminApp('local', target.url);
}
