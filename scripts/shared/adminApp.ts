/**
 * The SDK app for command-line tools (content sync, staff bootstrap, export, deploy checks):
 * `--env local` talks to the local cloud (LOCALCLOUD_URL, default http://127.0.0.1:8081);
 * any other value is a CloudBase environment id, with credentials from TENCENTCLOUD_SECRETID /
 * TENCENTCLOUD_SECRETKEY (or a `tcb login` session), never from the repository.
 */
import tcb from '@cloudbase/node-sdk';
import { createApp } from '../../cloudfunctions/shared/cloudbase';

export type AdminDb = ReturnType<ReturnType<typeof tcb.init>['database']>;

export function adminApp(env: string, localUrl = process.env.LOCALCLOUD_URL) {
  if (env === 'local') {
    if (!localUrl) throw new Error('--env local needs LOCALCLOUD_URL (start the app with `npm start`, or `npm run localcloud`)');
    return createApp(localUrl); // the functions' own local mode (and no cloud-metadata probe per request)
  }
  const secretId = process.env.TENCENTCLOUD_SECRETID;
  const secretKey = process.env.TENCENTCLOUD_SECRETKEY;
  if (!secretId || !secretKey) throw new Error(`--env ${env}: set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (see .env.example)`);
  // A temporary key (e.g. from `tcb login`, passed on by npm run deploy) needs its session token too.
  return tcb.init({ env, secretId, secretKey, sessionToken: process.env.TENCENTCLOUD_SESSIONTOKEN || undefined });
}

export function argValue(args: string[], name: string, fallback?: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i >= 0 && i + 1 < args.length) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`--${name}=`));
  return eq ? eq.slice(name.length + 3) : fallback;
}
