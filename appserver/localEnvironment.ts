/**
 * Everything `npm start` and the integration/browser tests run: the local cloud (embedded SQLite),
 * collections and indexes, content/ synced in, the demo admin seeded, and the app server in front.
 */
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { RunKey } from '../localcloud/runKey';
import { startLocalCloud } from '../localcloud/server';
import { ensureCollections } from '../localcloud/ensureCollections';
import { adminApp } from '../scripts/shared/adminApp';
import { defaultPaths, formatIssue, loadLibrary } from '../content-compiler/library';
import { toDocuments } from '../content-compiler/toDocuments';
import { describeSync, syncContent, type SyncSummary } from '../content-compiler/sync';
import { startAppServer } from './appServer';
import { startLocalTimers, type LocalTimerOptions, type LocalTimers } from './timers';
import { functionsNow } from '../cloudfunctions/shared/clock';

const STRUCTURAL = new Set(['file', 'yaml', 'schema', 'id-format', 'duplicate-id', 'unknown-law', 'unknown-lesson', 'unknown-campaign', 'options', 'answer', 'campaign', 'town']);

export const DEMO_ADMIN_OPENID = 'demo_admin_local';

export interface LocalEnvironmentOptions {
  port: number;
  dbFile: string;
  h5Dir?: string;
  secret?: string;
  /** Turns on /dev/sign-in with a token made for this run (env.signInUrl builds the links). Off by default. */
  allowDevSignIn?: boolean;
  /** Skip content sync (tests that bring their own data). */
  skipContent?: boolean;
  /** Run as if it were this moment (the clock runs on from it); default PUFA_START_AT, else the real time. */
  startAt?: Date;
  /** How the timers repeat (default every 10 minutes, appserver/timers.ts); tests inject their own schedule. */
  timers?: LocalTimerOptions;
}

export interface LocalEnvironment {
  url: string;
  localCloudUrl: string;
  /** The run's key pair (SDK requests are signed with it; the local cloud's own endpoints need the secret). */
  key: RunKey;
  /** The /dev/sign-in token of this run (null when dev sign-in is off). */
  signInToken: string | null;
  /** `${url}/dev/sign-in?as=<openId>&token=<signInToken>` (throws when dev sign-in is off). */
  signInUrl: (openId: string) => string;
  demoAdminOpenId: string;
  sync: { summary: string; details: SyncSummary | null };
  /** The functions' timer triggers, run locally (appserver/timers.ts). */
  timers: LocalTimers;
  close: () => Promise<void>;
}

export async function startLocalEnvironment(options: LocalEnvironmentOptions): Promise<LocalEnvironment> {
  const startAt = options.startAt ?? (process.env.PUFA_START_AT ? new Date(process.env.PUFA_START_AT) : undefined);
  // The functions' clock (shared/clock.ts) runs on from startAt: PUFA_CLOCK_OFFSET_MS, read on the local cloud only.
  if (startAt && Number.isNaN(startAt.getTime())) throw new Error(`PUFA_START_AT is not a date: ${process.env.PUFA_START_AT}`);
  if (startAt) process.env.PUFA_CLOCK_OFFSET_MS = String(startAt.getTime() - Date.now());
  const cloud = await startLocalCloud({ port: 0, dbFile: options.dbFile });
  process.env.LOCALCLOUD_URL = cloud.url;
  try {
    await ensureCollections(cloud.url);
    const db = adminApp('local', cloud.url).database();
    let details: SyncSummary | null = null;
    if (!options.skipContent) {
      // Start-up needs well-formed content; verbatim checks against ../shared/laws are content:check's job
      // (a newcomer's clone may not have that folder).
      const { library, issues } = loadLibrary(defaultPaths());
      const broken = issues.filter((i) => i.severity === 'error' && STRUCTURAL.has(i.code));
      if (broken.length) {
        const first = broken.slice(0, 5).map(formatIssue);
        throw new Error(`content/ has errors (npm run content:check):\n${first.join('\n')}`);
      }
      details = await syncContent(db, toDocuments(library), functionsNow());
    }
    await seedDemoAdmin(db);
    const signInToken = options.allowDevSignIn ? randomBytes(18).toString('base64url') : null;
    const app = await startAppServer({
      port: options.port,
      h5Dir: options.h5Dir ?? path.resolve(__dirname, '../dist/h5'),
      secret: options.secret ?? 'local-test-secret',
      devSignInToken: signInToken ?? undefined,
      devOutbox: { localCloudUrl: cloud.url, secretKey: cloud.key.secretKey },
    });
    const timers = startLocalTimers(options.timers);
    await timers.runOnce();
    return {
      url: app.url,
      localCloudUrl: cloud.url,
      key: cloud.key,
      signInToken,
      signInUrl: (openId: string) => {
        if (!signInToken) throw new Error('dev sign-in is off: start the environment with allowDevSignIn: true');
        return `${app.url}/dev/sign-in?as=${encodeURIComponent(openId)}&token=${signInToken}`;
      },
      demoAdminOpenId: DEMO_ADMIN_OPENID,
      sync: { summary: details ? describeSync(details) : '已跳过', details },
      timers,
      close: async () => {
        await timers.stop();
        await app.close();
        await cloud.close();
      },
    };
  } catch (error) {
    await cloud.close();
    throw error;
  }
}

/** The local demo admin: created once, left alone afterwards. */
async function seedDemoAdmin(db: ReturnType<ReturnType<typeof adminApp>['database']>) {
  const existing = await db.collection('staff').where({ openId: DEMO_ADMIN_OPENID }).count();
  if ((existing.total ?? 0) > 0) return;
  await db.collection('staff').add({ _id: DEMO_ADMIN_OPENID, openId: DEMO_ADMIN_OPENID, role: 'admin', name: '演示管理员', createdAt: new Date(), createdBy: 'npm start' });
}
