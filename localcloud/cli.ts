/**
 * npm run localcloud -- [--port 8081] [--db .data/localcloud.sqlite | :memory:] [--storage <dir>] [--no-ensure] [--verbose]
 *
 * Starts the local cloud on 127.0.0.1 and prints exactly one line on stdout when it is ready:
 *   LOCALCLOUD_URL=http://127.0.0.1:<port>
 * The declared collections and indexes (cloudfunctions/shared/collections.ts) are created unless --no-ensure.
 * Requests must be signed with the run's key (LOCALCLOUD_SECRETID / LOCALCLOUD_SECRETKEY from the
 * environment, or made now and printed to stderr): see README "Security model".
 */
import path from 'node:path';
import { startLocalCloud } from './server';
import { collections } from '../cloudfunctions/shared/collections';
import { parseCommandLine, UsageError } from '../scripts/shared/cliArgs';
import { runKey } from './runKey';

const USAGE = 'npm run localcloud -- [--port 8081] [--db <file>|:memory:] [--storage <dir>] [--no-ensure] [--verbose]';

async function main() {
  const { values: v } = parseCommandLine(
    process.argv.slice(2),
    { port: { type: 'string' }, db: { type: 'string' }, storage: { type: 'string' }, 'no-ensure': { type: 'boolean' }, verbose: { type: 'boolean' } },
    USAGE,
  );
  const portArg = v.port ?? process.env.LOCALCLOUD_PORT ?? '8081';
  const port = Number(portArg);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port 应在 0..65535 之间 / --port must be 0..65535, got ${portArg}`, USAGE);
  const dbArg = v.db ?? path.resolve(__dirname, '../.data/localcloud.sqlite');
  const dbFile = dbArg === ':memory:' ? dbArg : path.resolve(dbArg);
  const inherited = Boolean(process.env.LOCALCLOUD_SECRETID && process.env.LOCALCLOUD_SECRETKEY);
  const key = runKey();
  const cloud = await startLocalCloud({
    port,
    dbFile,
    storageDir: v.storage,
    collections: v['no-ensure'] ? undefined : collections,
    verbose: v.verbose ?? false,
    key,
  });
  process.stdout.write(`LOCALCLOUD_URL=${cloud.url}\n`);
  console.error(`[localcloud] database ${dbFile}, files ${cloud.files.root}`);
  if (!inherited) console.error(`[localcloud] run key: LOCALCLOUD_SECRETID=${key.secretId} LOCALCLOUD_SECRETKEY=${key.secretKey}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    cloud.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: Error) => {
  console.error(`[localcloud] ${e.message}`);
  process.exit(e instanceof UsageError ? 2 : 1);
});
