/**
 * npm run content:sync -- --env <local|envId> [--url http://127.0.0.1:<port>] [--unverified]
 *
 * Checks content/ (the same checks as `npm run content:check`) and pushes it into the database of the local
 * cloud (`--env local`: LOCALCLOUD_URL or --url; `npm start` prints the URL) or of a CloudBase environment
 * (credentials from TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY). Idempotent: an unchanged item is left
 * alone, a changed one gets version + 1, an item removed from content/ is archived, never deleted.
 * Any content error stops the sync before anything is written. `--unverified` (local only) syncs even when
 * the official law texts (../shared/laws) are not there to verify quotes against.
 */
import { adminApp, argValue } from '../scripts/shared/adminApp';
import { defaultPaths, formatIssue } from './library';
import { runCheck } from './check';
import { toDocuments } from './toDocuments';
import { describeSync, syncContent } from './sync';

async function main() {
  const args = process.argv.slice(2);
  const env = argValue(args, 'env');
  if (!env) throw new Error('usage: npm run content:sync -- --env <local|envId> [--url http://127.0.0.1:<port>]');
  const unverified = args.includes('--unverified');
  if (unverified && env !== 'local') throw new Error('--unverified is for --env local only: a cloud environment gets verified content');
  const report = runCheck(defaultPaths());
  const blocking = report.errors.filter((i) => !(unverified && i.code === 'laws-dir-missing'));
  if (blocking.length || (!report.lawTextsAvailable && !unverified)) {
    for (const i of blocking.slice(0, 20)) console.error(formatIssue(i));
    if (blocking.length > 20) console.error(`… and ${blocking.length - 20} more (npm run content:check)`);
    throw new Error(`content/ has ${blocking.length} error(s); nothing was synced`);
  }
  const db = adminApp(env, argValue(args, 'url') ?? process.env.LOCALCLOUD_URL).database();
  const t0 = Date.now();
  const summary = await syncContent(db, toDocuments(report.library));
  console.log(`内容同步（${env}）：${describeSync(summary)}`);
  console.log(`用时 ${((Date.now() - t0) / 1000).toFixed(1)} 秒`);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
