/**
 * npm run bench:localcloud -- [--docs 1000000] [--clients 50] [--inserts 10000] [--incs 5000] [--lookups 500] [--scans 10]
 *
 * Figures for the local cloud on a collection of --docs documents, each beside the same operation done
 * directly on better-sqlite3 (same file, same WAL + synchronous=FULL settings) in the same run:
 *   1. indexed equality query (median latency)      SDK where({ openId }).get()  vs  SELECT on the expression index
 *   2. unindexed equality query (median latency)    SDK where({ code }).get()    vs  SELECT ... json_extract full scan
 *   3. insert throughput, --clients concurrent SDK clients (acknowledged inserts/s)  vs  autocommit INSERTs
 *   4. _.inc on one hot document, --clients concurrent clients (updates/s, exact)    vs  autocommit json_set UPDATEs
 * The local cloud runs as its own process (node --import tsx cli.ts), as a server would; the SDK clients
 * run in this process, signing every request with the run key (signature checking on). Targets (issue #17):
 * indexed lookup ≤ 1.5 ms median through the SDK; at least 1,000 acknowledged inserts a second from 50 clients.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createApp } from '../cloudfunctions/shared/cloudbase';
import { LocalStore, keyExpr } from './store';
import { runKey } from './runKey';
import { parseCommandLine, positiveInt } from '../scripts/shared/cliArgs';

const USAGE = 'npm run bench:localcloud -- [--docs 1000000] [--clients 50] [--inserts 10000] [--incs 5000] [--lookups 500] [--scans 10]';
const { values: args } = parseCommandLine(
  process.argv.slice(2),
  { docs: { type: 'string' }, clients: { type: 'string' }, inserts: { type: 'string' }, incs: { type: 'string' }, lookups: { type: 'string' }, scans: { type: 'string' } },
  USAGE,
);
const arg = (name: keyof typeof args, fallback: number) => positiveInt(args[name], fallback, name, USAGE);

const DOCS = arg('docs', 1_000_000);
const CLIENTS = arg('clients', 50);
const INSERTS = arg('inserts', 10_000);
const INCS = arg('incs', 5_000);
const LOOKUPS = arg('lookups', 500);
const SCANS = arg('scans', 10);

/** Issue #17's targets, with signature checking on. */
const LOOKUP_TARGET_MS = 1.5;
const INSERTS_TARGET_PER_SEC = 1000;

const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
const fmt = (n: number, digits = 2) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
let seed = 12345;
const rand = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const randInt = (n: number) => Math.floor(rand() * n);

function makeDoc(i: number) {
  return {
    _id: `d${i}`,
    openId: `o${String(i).padStart(8, '0')}`,
    code: `c${String(i).padStart(8, '0')}`,
    campaignId: `camp${i % 7}`,
    villageId: `v${i % 23}`,
    day: `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    score: i % 101,
    passed: i % 101 >= 60,
    durationMs: 30_000 + (i % 90_000),
    createdAt: new Date(1_700_000_000_000 + i * 1000),
  };
}

/** A no-op HTTP server in its own process (like the local cloud), answering every request with one reply. */
const NOOP_SERVER = `
const http = require('http');
const reply = JSON.stringify({ requestId: 'noop', data: { insertedIds: ['x'] } });
const srv = http.createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(reply) }); res.end(reply); }); });
srv.listen(0, '127.0.0.1', () => console.log('PORT=' + srv.address().port));
`;

async function sdkCeiling(n: number): Promise<number> {
  const child = spawn(process.execPath, ['-e', NOOP_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /PORT=(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`no-op server exited (${code})`)));
  });
  const url = `http://127.0.0.1:${port}`;
  const clients = Array.from({ length: CLIENTS }, () => createApp(url).database());
  let next = 0;
  const t0 = now();
  await Promise.all(
    clients.map(async (c, ci) => {
      while (next < n) {
        const k = next++;
        await c.collection('inserts').add({ k, client: ci, at: new Date() });
      }
    }),
  );
  const rate = n / ((now() - t0) / 1000);
  child.kill('SIGTERM');
  return rate;
}

function startServer(dbFile: string): Promise<{ child: ChildProcess; url: string }> {
  runKey(); // the server process inherits this run key; the SDK clients here sign with it (signature checking on)
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'cli.ts'), '--port', '0', '--db', dbFile, '--no-ensure'], {
      cwd: path.resolve(__dirname, '..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /LOCALCLOUD_URL=(\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.on('exit', (code) => reject(new Error(`local cloud exited (${code})`)));
  });
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'localcloud-bench-'));
  const dbFile = path.join(dir, 'bench.sqlite');
  console.log(`local cloud benchmark: ${DOCS.toLocaleString()} documents, ${CLIENTS} concurrent SDK clients, ${os.cpus().length} CPUs, node ${process.version}`);
  console.log(`database: ${dbFile} (WAL, synchronous=FULL); load average at start ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);

  // ---- build the collection directly through the store (the SDK path is measured below)
  let t0 = now();
  const store = new LocalStore({ dbFile });
  store.createCollection('bench');
  store.createCollection('inserts');
  store.ensureIndexes('bench', [{ name: 'openId', fields: [{ field: 'openId', direction: 1 }], unique: true }]);
  const BATCH = 10_000;
  for (let i = 0; i < DOCS; i += BATCH) {
    const batch = [];
    for (let j = i; j < Math.min(DOCS, i + BATCH); j++) batch.push(makeDoc(j));
    store.insert('bench', batch);
  }
  store.insert('bench', [{ _id: 'hot', n: 0 }]);
  const buildMs = now() - t0;
  const fileMb = fs.statSync(dbFile).size / 1e6;
  console.log(`built ${DOCS.toLocaleString()} documents in ${fmt(buildMs / 1000, 1)} s (${fmt(DOCS / (buildMs / 1000), 0)} docs/s, batches of ${BATCH}); file ${fmt(fileMb, 0)} MB`);
  console.log(`plan, indexed:   ${store.explain('bench', { openId: 'o1' }).join('; ')}`);
  console.log(`plan, unindexed: ${store.explain('bench', { code: 'c1' }).join('; ')}\n`);
  store.close();

  // ---- direct better-sqlite3, same file and settings
  const raw = new Database(dbFile);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  const idx = raw.prepare(`SELECT doc FROM "c_bench" WHERE ${keyExpr('openId')} = ?`);
  const scan = raw.prepare(`SELECT doc FROM "c_bench" WHERE json_extract(doc, '$.code') = ?`);
  const direct = { lookup: [] as number[], scan: [] as number[], insertsPerSec: 0, incsPerSec: 0 };
  for (let k = 0; k < LOOKUPS; k++) {
    const id = `o${String(randInt(DOCS)).padStart(8, '0')}`;
    const s = now();
    const rows = idx.all(id) as { doc: string }[];
    rows.map((r) => JSON.parse(r.doc));
    direct.lookup.push(now() - s);
    if (rows.length !== 1) throw new Error(`direct lookup found ${rows.length}`);
  }
  for (let k = 0; k < SCANS; k++) {
    const code = `c${String(randInt(DOCS)).padStart(8, '0')}`;
    const s = now();
    const rows = scan.all(code) as { doc: string }[];
    direct.scan.push(now() - s);
    if (rows.length !== 1) throw new Error(`direct scan found ${rows.length}`);
  }
  raw.exec('CREATE TABLE direct_inserts (rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, seq INTEGER NOT NULL, doc TEXT NOT NULL)');
  const ins = raw.prepare('INSERT INTO direct_inserts (id, seq, doc) VALUES (?, ?, ?)');
  t0 = now();
  for (let k = 0; k < INSERTS; k++) ins.run(`x${k}`, k, JSON.stringify({ k, client: k % CLIENTS, at: Date.now() }));
  direct.insertsPerSec = INSERTS / ((now() - t0) / 1000);
  const inc = raw.prepare(`UPDATE "c_bench" SET doc = json_set(doc, '$.n', json_extract(doc, '$.n') + 1) WHERE id = 'hot'`);
  t0 = now();
  for (let k = 0; k < INCS; k++) inc.run();
  direct.incsPerSec = INCS / ((now() - t0) / 1000);
  raw.prepare(`UPDATE "c_bench" SET doc = json_set(doc, '$.n', 0) WHERE id = 'hot'`).run();
  raw.exec('DROP TABLE direct_inserts');
  raw.close();

  // ---- what the SDK clients of this process can send at most: the same inserts against a no-op server
  const ceiling = await sdkCeiling(Math.min(INSERTS, 5000));

  // ---- the local cloud through the real SDK
  const server = await startServer(dbFile);
  const cloud = { lookup: [] as number[], scan: [] as number[], insertsPerSec: 0, incsPerSec: 0, hotFinal: 0, insertLatency: [] as number[], incLatency: [] as number[] };
  try {
    const db = createApp(server.url).database();
    const _ = db.command;
    for (let k = 0; k < 20; k++) await db.collection('bench').where({ openId: 'o00000001' }).get(); // warm up
    for (let k = 0; k < LOOKUPS; k++) {
      const id = `o${String(randInt(DOCS)).padStart(8, '0')}`;
      const s = now();
      const r = await db.collection('bench').where({ openId: id }).get();
      cloud.lookup.push(now() - s);
      if (r.data.length !== 1) throw new Error(`SDK lookup found ${r.data.length}`);
    }
    for (let k = 0; k < SCANS; k++) {
      const code = `c${String(randInt(DOCS)).padStart(8, '0')}`;
      const s = now();
      const r = await db.collection('bench').where({ code }).get();
      cloud.scan.push(now() - s);
      if (r.data.length !== 1) throw new Error(`SDK scan found ${r.data.length}`);
    }

    const clients = Array.from({ length: CLIENTS }, () => createApp(server.url).database());
    let next = 0;
    t0 = now();
    await Promise.all(
      clients.map(async (c, ci) => {
        while (next < INSERTS) {
          const k = next++;
          const s = now();
          await c.collection('inserts').add({ k, client: ci, at: new Date() });
          cloud.insertLatency.push(now() - s);
        }
      }),
    );
    cloud.insertsPerSec = INSERTS / ((now() - t0) / 1000);
    const stored = (await db.collection('inserts').count()).total;
    if (stored !== INSERTS) throw new Error(`expected ${INSERTS} inserts, found ${stored}`);

    let nextInc = 0;
    t0 = now();
    await Promise.all(
      clients.map(async (c) => {
        while (nextInc < INCS) {
          nextInc++;
          const s = now();
          await c.collection('bench').doc('hot').update({ n: _.inc(1) });
          cloud.incLatency.push(now() - s);
        }
      }),
    );
    cloud.incsPerSec = INCS / ((now() - t0) / 1000);
    cloud.hotFinal = ((await db.collection('bench').doc('hot').get()).data[0] as { n: number }).n;
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));
  }

  const speed = (cloudRate: number, directRate: number) => (cloudRate >= directRate ? `${fmt(cloudRate / directRate, 1)}x faster` : `${fmt(directRate / cloudRate, 1)}x slower`);
  const rows: [string, string, string, string][] = [
    [`indexed equality query, median (p95)`, `${fmt(median(cloud.lookup))} ms (${fmt(pct(cloud.lookup, 95))})`, `${fmt(median(direct.lookup), 3)} ms`, `${fmt(median(cloud.lookup) / median(direct.lookup), 1)}x`],
    [`unindexed equality query, median`, `${fmt(median(cloud.scan), 0)} ms`, `${fmt(median(direct.scan), 0)} ms`, `${fmt(median(cloud.scan) / median(direct.scan), 2)}x`],
    [`inserts, ${CLIENTS} clients (acknowledged/s)`, `${fmt(cloud.insertsPerSec, 0)} /s (median ${fmt(median(cloud.insertLatency))} ms)`, `${fmt(direct.insertsPerSec, 0)} /s (one commit each)`, speed(cloud.insertsPerSec, direct.insertsPerSec)],
    [`_.inc on one document, ${CLIENTS} clients`, `${fmt(cloud.incsPerSec, 0)} /s (median ${fmt(median(cloud.incLatency))} ms)`, `${fmt(direct.incsPerSec, 0)} /s (one commit each)`, speed(cloud.incsPerSec, direct.incsPerSec)],
  ];
  const w = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length), ['operation', 'local cloud via SDK', 'direct better-sqlite3', 'ratio'][i]!.length));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(w[i]!)).join(' | ');
  console.log(line(['operation', 'local cloud via SDK', 'direct better-sqlite3', 'ratio']));
  console.log(w.map((n) => '-'.repeat(n)).join('-|-'));
  for (const r of rows) console.log(line(r));
  console.log(`\nceiling of ${CLIENTS} SDK clients in this process (the same inserts answered by a no-op HTTP server in another process): ${fmt(ceiling, 0)} /s`);
  console.log(`hot document after ${INCS} concurrent _.inc(1): n = ${cloud.hotFinal} (${cloud.hotFinal === INCS ? 'exact' : 'WRONG'})`);
  const okLookup = median(cloud.lookup) <= LOOKUP_TARGET_MS;
  const okInserts = cloud.insertsPerSec >= INSERTS_TARGET_PER_SEC;
  console.log(`load average at end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (the machine is shared: figures vary with it)`);
  console.log(
    `targets (issue #17): indexed lookup median ≤ ${LOOKUP_TARGET_MS} ms: ${okLookup ? 'met' : 'NOT met'} (${fmt(median(cloud.lookup))} ms); ` +
      `≥ ${INSERTS_TARGET_PER_SEC.toLocaleString('en-US')} acknowledged inserts/s from ${CLIENTS} clients: ${okInserts ? 'met' : 'NOT met'} (${fmt(cloud.insertsPerSec, 0)} /s)`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
  if (cloud.hotFinal !== INCS) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
