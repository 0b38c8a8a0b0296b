/**
 * npm run content:sync -- --env <local|envId> [--url <local cloud URL>] [--unverified]
 *
 * Checks content/ (the same checks as `npm run content:check`) and pushes it into the database of the local
 * cloud (`--env local`: the one `npm start` runs, or --url / LOCALCLOUD_URL) or of a CloudBase environment
 * (credentials from TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY). Idempotent: an unchanged item is left
 * alone, a changed one gets version + 1, an item removed from content/ is archived, never deleted.
 * Any content error stops the sync before anything is written. `--unverified` (local only) syncs even when
 * the official law texts (../shared/laws) are not there to verify quotes against.
 */
import { openAdminApp } from '../scripts/shared/adminApp';
import { UsageError, parseCommandLine } from '../scripts/shared/cliArgs';
import { defaultPaths, formatIssue } from './library';
import { runCheck } from './check';
import { toDocuments } from './toDocuments';
import { describeSync, syncContent } from './sync';

async function main() {
  const usage = 'npm run content:sync -- --env <local|envId> [--url <local cloud URL>] [--unverified]';
  const { values: v } = parseCommandLine(process.argv.slice(2), { env: { type: 'string' }, url: { type: 'string' }, unverified: { type: 'boolean' } }, usage);
  const env = v.env;
  if (!env) throw new UsageError('缺少 --env / --env is required', usage);
  const unverified = v.unverified ?? false;
  if (unverified && env !== 'local') throw new Error('--unverified is for --env local only: a cloud environment gets verified content');
  const report = runCheck(defaultPaths());
  const blocking = report.errors.filter((i) => !(unverified && i.code === 'laws-dir-missing'));
  if (blocking.length || (!report.lawTextsAvailable && !unverified)) {
    for (const i of blocking.slice(0, 20)) console.error(formatIssue(i));
    if (blocking.length > 20) console.error(`… and ${blocking.length - 20} more (npm run content:check)`);
    throw new Error(`content/ has ${blocking.length} error(s); nothing was synced`);
  }
  const db = (await openAdminApp(env, v.url)).database();
  const t0 = Date.now();
  const summary = await syncContent(db, toDocuments(report.library));
  console.log(`内容同步（${env}）：${describeSync(summary)}`);
  console.log(`用时 ${((Date.now() - t0) / 1000).toFixed(1)} 秒`);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
