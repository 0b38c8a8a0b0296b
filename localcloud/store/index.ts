/**
 * The local cloud's database: CloudBase document semantics on better-sqlite3. This module only wires the
 * parts together; each concern has its own file:
 *   sql.ts           connection, statement cache, JSON paths and the key expression indexes are built on
 *   catalog.ts       collections, declared indexes, array paths (DDL, persisted in `_lc_*` tables)
 *   planner.ts       which conditions SQLite can narrow by (pushdown), sort terms, candidate rows
 *   evaluate.ts      mingo: queries, sorts, projections, pipelines, with the cloud's error codes
 *   documents.ts     new documents, replacements, upserts, update operators
 *   writes.ts        the one write path (insert/update/updateAndReturn/remove) over a DocumentView
 *   rows.ts          physical row writes (shared by direct writes and transaction commits)
 *   transactions.ts  snapshot reads, pending writes, locks, commit, lifetime
 *   groupCommit.ts   many writes per fsync
 *   outbox.ts        recorded open API calls
 *
 * Layout: one SQLite table per collection `"c_<name>"(rid INTEGER PRIMARY KEY, id TEXT UNIQUE, seq, doc)`;
 * `doc` is the stored JSON form (see codec.ts), `id` the `_id` key, `seq` a write sequence number
 * (transaction snapshots and conflicts), `rid` the insertion order (natural order, tie-breaker of sorts).
 * Every operation takes an optional transaction id: without one it reads and writes committed rows
 * (each request one SQLite transaction), with one it goes through that transaction's view.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { type Doc, idKey, storeParse } from '../codec';
import { Catalog, type CollState, type CollectionSpec, type IndexSpec } from './catalog';
import { type Target, type UpdateOptions } from './documents';
import { compileQuery, matches, project, runPipeline, sortDocs } from './evaluate';
import { GroupCommit } from './groupCommit';
import { Outbox } from './outbox';
import { candidates, compileMatcher, matchingRows, orderTerms, plan } from './planner';
import { Rows } from './rows';
import { Sql, quoteIdent } from './sql';
import { Transactions } from './transactions';
import { CommittedView, type DocumentView, type UpdateResult, insertDocs, removeDocs, updateAndReturn, updateDocs } from './writes';

export type { CollectionSpec, IndexField, IndexSpec } from './catalog';
export type { Target, UpdateOptions } from './documents';
export type { UpdateResult } from './writes';
export { generateId } from './documents';
export { jsonPath, keyExpr } from './sql';
export { NULL_KEY } from '../codec';

export interface StoreOptions {
  /** A file path or ':memory:'. */
  dbFile: string;
  /** Aggregations without a $limit stage return at most this many records, as in the cloud (20). */
  aggregateDefaultLimit?: number;
  /** A transaction not committed within this time is gone (ms, default 30 000 as in the cloud). */
  transactionLifetimeMs?: number;
}

export interface FindOptions {
  order?: Record<string, 1 | -1>;
  skip?: number;
  limit?: number;
  projection?: Doc;
}

/** A transaction id, or undefined for committed data. */
type TxnId = unknown;

function clampLimit(limit: number | undefined, def: number, max: number): number {
  if (limit === undefined || limit === null || !Number.isFinite(limit) || limit <= 0) return def;
  return Math.min(Math.floor(limit), max);
}

/** Creates the database file (and its WAL/SHM companions) readable by the owner only. */
function openPrivate(file: string): Database.Database {
  if (file === ':memory:') return new Database(file);
  const abs = path.resolve(file);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  if (!fs.existsSync(abs)) fs.closeSync(fs.openSync(abs, 'a', 0o600));
  for (const f of [abs, `${abs}-wal`, `${abs}-shm`]) if (fs.existsSync(f)) fs.chmodSync(f, 0o600);
  const previous = process.umask(0o077);
  try {
    const db = new Database(abs);
    db.pragma('journal_mode = WAL'); // creates -wal/-shm now, under the umask
    return db;
  } finally {
    process.umask(previous);
  }
}

export class LocalStore {
  readonly db: Database.Database;
  readonly file: string;
  private readonly sql: Sql;
  private readonly catalog: Catalog;
  private readonly rows: Rows;
  private readonly txns: Transactions;
  private readonly outbox: Outbox;
  private readonly groupCommit: GroupCommit;
  private readonly aggregateDefaultLimit: number;

  constructor(options: StoreOptions) {
    this.file = options.dbFile;
    this.db = openPrivate(options.dbFile);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = OFF');
    this.aggregateDefaultLimit = options.aggregateDefaultLimit ?? 20;
    this.sql = new Sql(this.db);
    this.catalog = new Catalog(this.sql);
    this.rows = new Rows(this.sql, this.catalog);
    this.txns = new Transactions(this.sql, this.catalog, this.rows, options.transactionLifetimeMs);
    this.outbox = new Outbox(this.sql);
    this.groupCommit = new GroupCommit(this.db);
  }

  close(): void {
    this.groupCommit.flush();
    this.txns.close();
    if (this.db.open) this.db.close();
  }

  /** Runs `fn` in the next group commit; settles once the batch is durable (see groupCommit.ts). */
  write<T>(fn: () => T): Promise<T> {
    return this.groupCommit.run(fn);
  }

  // ---- collections and indexes

  hasCollection(name: string): boolean {
    return this.catalog.has(name);
  }
  listCollections(): { name: string; count: number; indexes: IndexSpec[] }[] {
    return this.catalog.list();
  }
  createCollection(name: unknown, ifNotExists = false): boolean {
    return this.catalog.create(name, ifNotExists);
  }
  dropCollection(name: string): void {
    this.catalog.drop(name);
  }
  ensureIndexes(collName: string, specs: IndexSpec[]): { created: string[]; replaced: string[] } {
    return this.catalog.ensureIndexes(collName, specs);
  }
  ensure(decl: CollectionSpec[]): { collections: string[]; indexes: string[] } {
    return this.catalog.ensure(decl);
  }

  /** Deletes every document and the outbox (collections and indexes stay); open transactions are aborted. */
  reset(): void {
    this.txns.abortAll();
    this.db.transaction(() => {
      this.catalog.clearDocuments();
      this.outbox.clear();
    })();
    this.catalog.forgetArrayPaths();
  }

  /** SQLite's plan for the candidate scan of a query (for tests and the README). */
  explain(collName: string, query: Doc): string[] {
    const c = this.catalog.get(collName);
    const { where, params } = plan(c, query);
    const rows = this.db.prepare(`EXPLAIN QUERY PLAN SELECT rid, doc FROM ${quoteIdent(c.table)} ${where} ORDER BY rid`).all(...params) as { detail: string }[];
    return rows.map((r) => r.detail);
  }

  // ---- reads

  find(collName: string, query: Doc, options: FindOptions = {}, txn?: TxnId): Doc[] {
    const c = this.catalog.get(collName);
    const skip = Math.max(0, Math.floor(options.skip ?? 0));
    const limit = clampLimit(options.limit, 100, 1000);
    const order = options.order && Object.keys(options.order).length ? options.order : undefined;
    if (txn) {
      let hits = this.txns.view(txn, c).matchAll(query);
      if (order) hits = sortDocs(hits, order);
      return project(
        hits.slice(skip, skip + limit).map((h) => h.doc),
        options.projection,
      );
    }
    return project(this.findCommitted(c, query, skip, limit, order), options.projection);
  }

  private findCommitted(c: CollState, query: Doc, skip: number, limit: number, order: Record<string, 1 | -1> | undefined): Doc[] {
    if (!order) {
      if (!Object.keys(query).length) {
        return (this.sql.stmt(`SELECT doc FROM ${quoteIdent(c.table)} ORDER BY rid LIMIT ? OFFSET ?`).all(limit, skip) as { doc: string }[]).map((r) => storeParse(r.doc));
      }
      return matchingRows(this.sql, c, query, skip + limit)
        .slice(skip)
        .map((m) => m.doc);
    }
    const terms = orderTerms(c, order);
    if (!terms) {
      return sortDocs(matchingRows(this.sql, c, query), order)
        .slice(skip, skip + limit)
        .map((m) => m.doc);
    }
    // SQLite sorts (a top-N sort when there is no filter); mingo filters the candidates in that order
    const { where, params } = plan(c, query);
    const q = compileQuery(query);
    const top = q ? '' : ` LIMIT ${skip + limit}`;
    const ordered = this.sql.stmt(`SELECT rid FROM ${quoteIdent(c.table)} ${where} ORDER BY ${terms}${top}`).pluck().all(...params) as number[];
    const byRid = this.sql.stmt(`SELECT doc FROM ${quoteIdent(c.table)} WHERE rid = ?`).pluck();
    const docs: Doc[] = [];
    let seen = 0;
    for (const rid of ordered) {
      const doc = storeParse(byRid.get(rid) as string);
      if (!matches(q, doc)) continue;
      if (seen++ >= skip) docs.push(doc);
      if (docs.length >= limit) break;
    }
    return docs;
  }

  findById(collName: string, id: unknown, projection?: Doc, txn?: TxnId): Doc[] {
    const doc = this.view(collName, txn).get(idKey(id));
    return doc ? project([doc], projection) : [];
  }

  count(collName: string, query: Doc): number {
    const c = this.catalog.get(collName);
    if (!Object.keys(query).length) return (this.sql.stmt(`SELECT count(*) AS n FROM ${quoteIdent(c.table)}`).get() as { n: number }).n;
    const test = compileMatcher(c, query);
    let n = 0;
    for (const row of candidates(this.sql, c, query)) if (test(storeParse(row.doc))) n++;
    return n;
  }

  /** Every document of a collection, in insertion order (the $lookup source). */
  allDocs(collName: string): Doc[] {
    const c = this.catalog.get(collName);
    return (this.sql.stmt(`SELECT doc FROM ${quoteIdent(c.table)} ORDER BY rid`).all() as { doc: string }[]).map((r) => storeParse(r.doc));
  }

  aggregate(collName: string, pipeline: Doc[]): Doc[] {
    const c = this.catalog.get(collName);
    const first = pipeline[0];
    const source = first && isMatchStage(first) ? matchingRows(this.sql, c, first.$match as Doc).map((m) => m.doc) : this.allDocs(collName);
    const result = runPipeline(pipeline, source, (name) => this.allDocs(name));
    const hasLimit = pipeline.some((s) => s && typeof s === 'object' && '$limit' in s);
    return hasLimit ? result : result.slice(0, this.aggregateDefaultLimit);
  }

  // ---- writes: one path (writes.ts) for committed data and transactions alike

  private view(collName: string, txn: TxnId): DocumentView {
    const c = this.catalog.get(collName);
    return txn ? this.txns.view(txn, c) : new CommittedView(this.sql, this.rows, c);
  }

  /** Runs a write on committed data in one SQLite transaction, or stages it in transaction `txn`. */
  private writing<T>(collName: string, txn: TxnId, fn: (view: DocumentView) => T): T {
    if (txn) return fn(this.view(collName, txn));
    const view = this.view(collName, undefined);
    return this.db.transaction(() => fn(view))();
  }

  insert(collName: string, raws: unknown[], txn?: TxnId): unknown[] {
    return this.writing(collName, txn, (v) => insertDocs(v, raws));
  }

  update(collName: string, target: Target, spec: Doc, options: UpdateOptions, txn?: TxnId): UpdateResult {
    return this.writing(collName, txn, (v) => updateDocs(v, target, spec, options));
  }

  /** updateAndReturn: updates the first matching document and returns its new version. */
  updateAndReturn(collName: string, query: Doc, spec: Doc, txn?: TxnId): { updated: number; doc: Doc | null } {
    return this.writing(collName, txn, (v) => updateAndReturn(v, query, spec));
  }

  remove(collName: string, target: Target, multi: boolean, txn?: TxnId): number {
    return this.writing(collName, txn, (v) => removeDocs(v, target, multi));
  }

  // ---- transactions

  startTransaction(): string {
    return this.txns.start();
  }
  commitTransaction(txn: TxnId): void {
    this.txns.commit(txn);
  }
  abortTransaction(txn: TxnId): void {
    this.txns.abort(txn);
  }
  activeTransactions(): number {
    return this.txns.count();
  }

  // ---- outbox (open API calls recorded instead of sent)

  recordOutbox(entry: { api: string; appid?: string; env?: string; data: unknown; response: unknown }): number {
    return this.outbox.record(entry);
  }
  listOutbox(api?: string) {
    return this.outbox.list(api);
  }
  clearOutbox(): number {
    return this.outbox.clear();
  }
}

function isMatchStage(stage: Doc): boolean {
  const m = stage.$match;
  return !!m && typeof m === 'object' && !Array.isArray(m);
}
