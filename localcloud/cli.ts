/**
 * npm run localcloud -- [--port 8081] [--db .data/localcloud.sqlite | :memory:] [--storage <dir>] [--no-ensure] [--verbose]
 *
 * Starts the local cloud on 127.0.0.1 and prints exactly one line on stdout when it is ready:
 *   LOCALCLOUD_URL=http://127.0.0.1:<port>
 * The declared collections and indexes (cloudfunctions/shared/collections.ts) are created unless --no-ensure.
 */
import path from 'node:path';
import { startLocalCloud } from './server';
import { collections } from '../cloudfunctions/shared/collections';

function arg(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  if (i >= 0 && i + 1 < args.length) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`--${name}=`));
  return eq ? eq.slice(name.length + 3) : undefined;
}
const flag = (name: string) => process.argv.slice(2).includes(`--${name}`);

async function main() {
  const port = Number(arg('port') ?? process.env.LOCALCLOUD_PORT ?? 8081);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${arg('port')}`);
  const dbArg = arg('db') ?? path.resolve(__dirname, '../.data/localcloud.sqlite');
  const dbFile = dbArg === ':memory:' ? dbArg : path.resolve(dbArg);
  const cloud = await startLocalCloud({
    port,
    dbFile,
    storageDir: arg('storage'),
    collections: flag('no-ensure') ? undefined : collections,
    verbose: flag('verbose'),
  });
  process.stdout.write(`LOCALCLOUD_URL=${cloud.url}\n`);
  console.error(`[localcloud] database ${dbFile}, files ${cloud.files.root}`);
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
  process.exit(1);
});
