/**
 * npm run stats:verify [-- --rebuild] [--env local|<envId>] [--url http://127.0.0.1:8081] [--since 2024-01]
 *
 * Recounts rollups, unique people and question statistics from the raw records and prints every difference
 * (exit code 1 when there is one). `--rebuild` rewrites what differs, then verifies again.
 * `--env local` (the default) uses LOCALCLOUD_URL or --url.
 */
import { adminApp, argValue } from '../shared/adminApp';
import type { Db } from '../../cloudfunctions/shared/handler';
import { describeResult, verifyStats } from './verifyStats';

async function main() {
  const args = process.argv.slice(2);
  const env = argValue(args, 'env', 'local')!;
  const url = argValue(args, 'url', process.env.LOCALCLOUD_URL ?? 'http://127.0.0.1:8081');
  const rebuild = args.includes('--rebuild');
  const since = argValue(args, 'since');
  if (since && !/^\d{4}-\d{2}$/.test(since)) throw new Error('--since 应写成 2024-01 的格式');
  const db = adminApp(env, url).database() as unknown as Db;
  const log = (s: string) => console.log(s);
  const first = await verifyStats(db, { rebuild, sinceMonth: since, log });
  for (const line of describeResult(first)) console.log(line);
  if (first.rebuilt) {
    const again = await verifyStats(db, { sinceMonth: since });
    console.log('重建后再次核对：');
    for (const line of describeResult(again)) console.log(line);
    process.exitCode = again.ok ? 0 : 1;
    return;
  }
  if (first.ok) console.log('✓ 全部一致');
  else console.log(rebuild ? '' : '✗ 有不一致：可在无人答题时运行 npm run stats:verify -- --rebuild 按参与记录重建');
  process.exitCode = first.ok ? 0 : 1;
}

main().catch((error) => {
  console.error(`✗ ${(error as Error).message}`);
  process.exitCode = 2;
});
