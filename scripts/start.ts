/**
 * `npm start`: builds the H5 app if it is stale, starts the local cloud on an embedded SQLite file in
 * .data/, creates collections and indexes, syncs content/, seeds the demo admin, and serves everything on
 * http://127.0.0.1:8080 (PORT overrides). Ctrl-C stops everything cleanly.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { startLocalEnvironment } from '../appserver/localEnvironment';
import { ensureBuildWithProgress, h5Dir, repoRoot } from './shared/appBuild';

const dataDir = path.join(repoRoot, '.data');

function secret(): string {
  const file = path.join(dataDir, 'cookie-secret');
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

async function main() {
  const t0 = Date.now();
  fs.mkdirSync(dataDir, { recursive: true });
  await ensureBuildWithProgress('h5');
  const env = await startLocalEnvironment({
    port: Number(process.env.PORT ?? 8080),
    dbFile: process.env.PUFA_DB ?? path.join(dataDir, 'pufa.sqlite'),
    h5Dir,
    secret: secret(),
    allowDevSignIn: true,
  });
  console.log(`内容同步：${env.sync.summary}`);
  console.log(`本地云（数据库）：${env.localCloudUrl}`);
  console.log(`演示管理员登录：在浏览器打开 ${env.url}/dev/sign-in?as=${env.demoAdminOpenId}`);
  console.log(`就绪，用时 ${((Date.now() - t0) / 1000).toFixed(1)} 秒。按 Ctrl-C 停止。`);
  console.log(`APP_URL=${env.url}`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\n正在停止…');
    await env.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
