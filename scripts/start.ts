/**
 * `npm start`: builds the H5 app if it is stale, starts the local cloud on an embedded SQLite file in
 * .data/, creates collections and indexes, syncs content/, seeds the demo admin, and serves everything on
 * http://127.0.0.1:8080 (PORT overrides). Ctrl-C stops everything cleanly.
 *
 * It makes the run's key pair (every SDK request to the local cloud must be signed with it) and a dev
 * sign-in token, and records where it runs in .data/local.json (mode 0600): app URL, local cloud URL, pid,
 * key, token. `--env local` commands (export, stats:verify, staff, content:sync) read it; it is removed on stop.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { startLocalEnvironment } from '../appserver/localEnvironment';
import { ensureBuildWithProgress, h5Dir, repoRoot } from './shared/appBuild';
import { removeLocalRun, writeLocalRun } from './shared/localRun';
import { parseCommandLine } from './shared/cliArgs';
import { runKey } from '../localcloud/runKey';

const dataDir = path.join(repoRoot, '.data');

function secret(): string {
  const file = path.join(dataDir, 'cookie-secret');
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

async function main() {
  const { values: v } = parseCommandLine(process.argv.slice(2), { 'no-dev-sign-in': { type: 'boolean' } }, 'npm start [-- --no-dev-sign-in]（端口用环境变量 PORT / port from PORT）');
  const t0 = Date.now();
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  await ensureBuildWithProgress('h5');
  // a fresh key pair for this run (never one inherited from the shell)
  delete process.env.LOCALCLOUD_SECRETID;
  delete process.env.LOCALCLOUD_SECRETKEY;
  const key = runKey();
  const env = await startLocalEnvironment({
    port: Number(process.env.PORT ?? 8080),
    dbFile: process.env.PUFA_DB ?? path.join(dataDir, 'pufa.sqlite'),
    h5Dir,
    secret: secret(),
    allowDevSignIn: !v['no-dev-sign-in'],
  });
  writeLocalRun({ appUrl: env.url, localCloudUrl: env.localCloudUrl, pid: process.pid, ...key, signInToken: env.signInToken ?? undefined, startedAt: new Date().toISOString() });
  console.log(`内容同步：${env.sync.summary}`);
  console.log(`本地云（数据库）：${env.localCloudUrl}（请求须用本次运行的密钥签名，见 .data/local.json）`);
  if (env.signInToken) console.log(`演示管理员登录（本次运行有效）：${env.signInUrl(env.demoAdminOpenId)}`);
  console.log(`就绪，用时 ${((Date.now() - t0) / 1000).toFixed(1)} 秒。按 Ctrl-C 停止。`);
  console.log(`APP_URL=${env.url}`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\n正在停止…');
    removeLocalRun();
    await env.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('exit', () => removeLocalRun());
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
