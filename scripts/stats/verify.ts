/**
 * npm run stats:verify [-- --rebuild] [--env local|<envId>] [--url <local cloud URL>] [--since 2024-01]
 *
 * Recounts rollups, unique people and question statistics from the raw records and prints every difference
 * (exit code 1 when there is one). `--rebuild` rewrites what differs, then verifies again.
 * `--env local` (the default) uses the local cloud `npm start` runs (.data/local.json), or --url / LOCALCLOUD_URL.
 */
import { openAdminApp } from '../shared/adminApp';
import { UsageError, parseCommandLine } from '../shared/cliArgs';
import type { Db } from '../../cloudfunctions/shared/handler';
import { describeResult, verifyStats } from './verifyStats';

async function main() {
  const usage = 'npm run stats:verify -- [--rebuild] [--since 2024-01] [--env local|<envId>] [--url <local cloud URL>]';
  const { values: v } = parseCommandLine(process.argv.slice(2), { rebuild: { type: 'boolean' }, since: { type: 'string' }, env: { type: 'string' }, url: { type: 'string' } }, usage);
  const rebuild = v.rebuild ?? false;
  const since = v.since;
  if (since && !/^\d{4}-\d{2}$/.test(since)) throw new UsageError('--since 应写成 2024-01 的格式 / --since must look like 2024-01', usage);
  const db = (await openAdminApp(v.env ?? 'local', v.url)).database() as unknown as Db;
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
