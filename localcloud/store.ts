/**
 * The local cloud's database: CloudBase document semantics on better-sqlite3.
 *
 * Layout: one SQLite table per collection `"c_<name>"(rid INTEGER PRIMARY KEY, id TEXT UNIQUE, seq, doc)`.
 * `doc` is the stored JSON form (see codec.ts), `id` the `_id` key, `seq` a write sequence number used to
 * detect transaction conflicts, `rid` the insertion order (the natural order, and the tie-breaker of sorts).
 *
 * Queries: mingo evaluates every query, update and pipeline. Before that, the top-level equality and range
 * conditions that can be expressed in SQL are pushed down as `ifnull(json_extract(doc, path), '\u0001N')`
 * comparisons, the same expression the declared indexes are built on, so SQLite uses those indexes. A
 * condition is pushed down only when it cannot drop a matching document: never for a path where any write
 * ever stored an array (tracked in `_lc_array_paths`), because MongoDB equality on an array field matches its
 * elements. mingo then re-checks every candidate, so SQL only narrows, it never decides.
 *
 * Writes: each request is one SQLite transaction (WAL, synchronous=FULL), so an acknowledged write is on
 * disk and writes to one document serialise. Transactions (startTransaction...) keep their writes in memory
 * and apply them atomically at commit, with first-writer-wins locks and a version check per document.
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Aggregator, Query, update as mingoUpdate } from 'mingo';
import { CloudError, conflict, fromEvaluationError, invalid, noCollection, unsupported } from './errors';
import { DATE_PREFIX, DATE_UPPER, type Doc, NULL_KEY, idKey, isPlainObject, sqlKey, storeParse, storeStringify } from './codec';

export interface IndexField {
  field: string;
  direction: 1 | -1;
}
export interface IndexSpec {
  name: string;
  fields: IndexField[];
  unique?: boolean;
}
export interface CollectionSpec {
  name: string;
  indexes: IndexSpec[];
}

export interface StoreOptions {
  /** A file path or ':memory:'. */
  dbFile: string;
  /** Aggregations without a $limit stage return at most this many records, as in the cloud (20). */
  aggregateDefaultLimit?: number;
  /** A transaction not committed within this time is aborted (ms, default 60 000). */
  transactionLifetimeMs?: number;
}

export interface FindOptions {
  order?: Record<string, 1 | -1>;
  skip?: number;
  limit?: number;
  projection?: Doc;
}

export type Target = { id: unknown } | { query: Doc };

export interface UpdateOptions {
  multi: boolean;
  upsert: boolean;
  /** true: `spec` is a whole replacement document (doc.set); false: update operators. */
  replace: boolean;
}

export interface UpdateResult {
  matched: number;
  updated: number;
  upsertedId?: unknown;
}

interface IndexState extends IndexSpec {
  sqlName: string;
}

interface CollState {
  name: string;
  table: string;
  arrayPaths: Set<string>;
  indexes: Map<string, IndexState>;
}

interface Row {
  rid: number;
  id: string;
  seq: number;
  doc: string;
}

interface TxnWrite {
  coll: string;
  key: string;
  /** Stored text of the new version, or null for a delete. */
  doc: string | null;
  order: number;
}

interface Txn {
  id: string;
  expiresAt: number;
  bases: Map<string, number>;
  writes: Map<string, TxnWrite>;
  writeCount: number;
}

const COLLECTION_NAME = /^[A-Za-z0-9_][A-Za-z0-9_\-.]{0,127}$/;
const UPDATE_OPERATORS = new Set(['$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$push', '$pull', '$pullAll', '$addToSet', '$pop', '$currentDate', '$bit']);
const MINGO_OPTIONS = { idKey: '_id', useStrictMode: true, scriptEnabled: false } as const;
const UNSUPPORTED_QUERY_OPERATORS = ['$near', '$nearSphere', '$geoWithin', '$geoIntersects', '$text', '$where'];

let idCounter = randomBytes(3).readUIntBE(0, 3);
/** A 32-hex-digit `_id` like the ones CloudBase generates: seconds, random, counter. */
export function generateId(): string {
  idCounter = (idCounter + 1) % 0xffffff;
  return Math.floor(Date.now() / 1000).toString(16).padStart(8, '0') + randomBytes(9).toString('hex') + idCounter.toString(16).padStart(6, '0');
}

function quoteIdent(s: string): string {
  return '"' + s.replace(/"/g, '""') + '"';
}

/** `'$."a"."b"'` for `a.b`, or undefined when the path cannot be written as a JSON path literal. */
export function jsonPath(field: string): string | undefined {
  const segments = field.split('.');
  // Control characters (U+0000–U+001F) cannot appear in a JSON path literal either.
  // eslint-disable-next-line no-control-regex
  for (const s of segments) if (!s || /["'\\$\u0000-\u001f]/.test(s)) return undefined;
  return `'$.${segments.map((s) => `"${s}"`).join('.')}'`;
}

/** The SQL expression for a field; the declared indexes are built on exactly this expression. */
export function keyExpr(field: string): string | undefined {
  const p = jsonPath(field);
  return p ? `ifnull(json_extract(doc,${p}),char(1,78))` : undefined;
}

function hashName(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h.toString(36);
}

function collectArrayPaths(v: unknown, prefix: string, out: Set<string>) {
  if (Array.isArray(v)) {
    if (prefix) out.add(prefix);
    for (const el of v) if (Array.isArray(el) || isPlainObject(el)) collectArrayPaths(el, prefix, out);
  } else if (isPlainObject(v)) {
    for (const k of Object.keys(v)) {
      const child = v[k];
      if (Array.isArray(child) || isPlainObject(child)) collectArrayPaths(child, prefix ? `${prefix}.${k}` : k, out);
    }
  }
}

function containsOperator(v: unknown, ops: string[]): string | undefined {
  if (Array.isArray(v)) {
    for (const el of v) {
      const r = containsOperator(el, ops);
      if (r) return r;
    }
  } else if (isPlainObject(v)) {
    for (const k of Object.keys(v)) {
      if (ops.includes(k)) return k;
      const r = containsOperator(v[k], ops);
      if (r) return r;
    }
  }
  return undefined;
}

function getPath(doc: unknown, segments: string[]): { value: unknown; throughArray: boolean } {
  let cur: unknown = doc;
  for (const s of segments) {
    if (Array.isArray(cur)) return { value: undefined, throughArray: true };
    if (!isPlainObject(cur)) return { value: undefined, throughArray: false };
    cur = cur[s];
  }
  return { value: cur, throughArray: false };
}

/** The JS twin of keyExpr for one document (used for unique checks inside transactions). */
function jsIndexKey(doc: Doc, field: string): string | number {
  const { value } = getPath(doc, field.split('.'));
  const k = sqlKey(value);
  if (k !== undefined) return k;
  if (value instanceof RegExp || Buffer.isBuffer(value)) return JSON.parse(storeStringify(value)) as string;
  return storeStringify(value);
}

function compileQuery(query: Doc): Query | null {
  if (Object.keys(query).length === 0) return null;
  const bad = containsOperator(query, UNSUPPORTED_QUERY_OPERATORS);
  if (bad) throw unsupported(`query operator ${bad}`);
  try {
    return new Query(query, MINGO_OPTIONS);
  } catch (e) {
    throw fromEvaluationError(e);
  }
}

function matches(q: Query | null, doc: Doc): boolean {
  if (!q) return true;
  try {
    return q.test(doc);
  } catch (e) {
    throw fromEvaluationError(e);
  }
}

function sortDocs<T extends { doc: Doc }>(items: T[], order: Record<string, 1 | -1>): T[] {
  if (!Object.keys(order).length) return items;
  try {
    // mingo's $sort is stable, and `items` arrive in insertion order, which breaks ties deterministically.
    const wrapped = items.map((it, i) => ({ ...it.doc, __lc_i: i }));
    const sorted = new Aggregator([{ $sort: order }], MINGO_OPTIONS).run(wrapped) as Array<{ __lc_i: number }>;
    return sorted.map((d) => items[d.__lc_i]!);
  } catch (e) {
    throw fromEvaluationError(e);
  }
}

function project(docs: Doc[], projection: Doc | undefined): Doc[] {
  if (!projection || !Object.keys(projection).length) return docs;
  try {
    return new Query({}, MINGO_OPTIONS).find<Doc>(docs, projection).all();
  } catch (e) {
    throw fromEvaluationError(e);
  }
}

/**
 * $bucket as the $group it is defined to be. mingo's own $bucket puts a value equal to an inner boundary
 * in the bucket below it and emits empty buckets; MongoDB (and the cloud) do neither.
 */
function rewriteBucket(stage: Doc): Doc[] {
  const spec = stage.$bucket;
  if (!isPlainObject(spec) || !Array.isArray(spec.boundaries) || spec.boundaries.length < 2) return [stage];
  const bounds = spec.boundaries as unknown[];
  const by = spec.groupBy;
  const branches = bounds.slice(0, -1).map((lower, i) => ({ case: { $and: [{ $gte: [by, lower] }, { $lt: [by, bounds[i + 1]] }] }, then: lower }));
  const $switch: Doc = { branches };
  if (spec.default !== undefined) $switch.default = spec.default;
  const output = isPlainObject(spec.output) ? spec.output : { count: { $sum: 1 } };
  const order = { $indexOfArray: [{ $literal: bounds }, '$_id'] };
  return [
    { $group: { _id: { $switch }, ...output } },
    { $addFields: { __lc_order: { $cond: [{ $eq: [order, -1] }, bounds.length, order] } } },
    { $sort: { __lc_order: 1 } },
    { $project: { __lc_order: 0 } },
  ];
}

/** $sample without replacement (mingo's draws with replacement and can repeat a document). */
function rewriteSample(stage: Doc): Doc[] {
  const spec = stage.$sample;
  if (!isPlainObject(spec) || typeof spec.size !== 'number' || spec.size < 0) return [stage];
  return [{ $addFields: { __lc_r: { $rand: {} } } }, { $sort: { __lc_r: 1 } }, { $limit: Math.floor(spec.size) }, { $project: { __lc_r: 0 } }];
}

function rewriteStage(stage: Doc): Doc[] {
  if (!isPlainObject(stage)) return [stage];
  if ('$bucket' in stage) return rewriteBucket(stage);
  if ('$sample' in stage) return rewriteSample(stage);
  return [stage];
}

function clampLimit(limit: number | undefined, def: number, max: number): number {
  if (limit === undefined || limit === null || !Number.isFinite(limit) || limit <= 0) return def;
  return Math.min(Math.floor(limit), max);
}

function describeKey(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

export class LocalStore {
  readonly db: Database.Database;
  readonly file: string;
  private readonly colls = new Map<string, CollState>();
  private readonly stmts = new Map<string, Database.Statement>();
  private seq = Date.now() * 1000;
  private readonly txns = new Map<string, Txn>();
  private readonly locks = new Map<string, string>();
  private readonly aggregateDefaultLimit: number;
  private readonly txnLifetime: number;
  private sweepTimer: NodeJS.Timeout | undefined;
  private writeQueue: { fn: () => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void }[] = [];
  private flushScheduled = false;

  constructor(options: StoreOptions) {
    this.file = options.dbFile;
    if (options.dbFile !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(options.dbFile)), { recursive: true });
    this.db = new Database(options.dbFile);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = OFF');
    this.aggregateDefaultLimit = options.aggregateDefaultLimit ?? 20;
    this.txnLifetime = options.transactionLifetimeMs ?? 60_000;
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS _lc_collections (name TEXT PRIMARY KEY, tbl TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS _lc_indexes (coll TEXT NOT NULL, name TEXT NOT NULL, spec TEXT NOT NULL, sql_name TEXT NOT NULL, PRIMARY KEY (coll, name));
      CREATE TABLE IF NOT EXISTS _lc_array_paths (coll TEXT NOT NULL, path TEXT NOT NULL, PRIMARY KEY (coll, path)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS _lc_outbox (id INTEGER PRIMARY KEY, at TEXT NOT NULL, api TEXT NOT NULL, appid TEXT, env TEXT, data TEXT NOT NULL, response TEXT);
    `);
    for (const r of this.db.prepare('SELECT name, tbl FROM _lc_collections').all() as { name: string; tbl: string }[]) {
      this.colls.set(r.name, { name: r.name, table: r.tbl, arrayPaths: new Set(), indexes: new Map() });
    }
    for (const r of this.db.prepare('SELECT coll, path FROM _lc_array_paths').all() as { coll: string; path: string }[]) this.colls.get(r.coll)?.arrayPaths.add(r.path);
    for (const r of this.db.prepare('SELECT coll, name, spec, sql_name FROM _lc_indexes').all() as { coll: string; name: string; spec: string; sql_name: string }[]) {
      const spec = JSON.parse(r.spec) as IndexSpec;
      this.colls.get(r.coll)?.indexes.set(r.name, { ...spec, sqlName: r.sql_name });
    }
    this.sweepTimer = setInterval(() => this.sweepTransactions(), 5_000);
    this.sweepTimer.unref();
  }

  close(): void {
    if (this.writeQueue.length) this.flushWrites();
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
    if (this.db.open) this.db.close();
  }

  /**
   * Group commit: runs `fn` in the next batch of writes. Every write that arrives while the event loop is
   * busy joins one SQLite transaction (each write in its own savepoint, so one failing write does not undo
   * the others), and every promise settles only after that transaction's COMMIT returned, i.e. after the
   * WAL was fsynced. Concurrent writers therefore share one fsync instead of paying one each.
   */
  write<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.writeQueue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flushWrites());
      }
    });
  }

  private flushWrites() {
    this.flushScheduled = false;
    const ops = this.writeQueue;
    this.writeQueue = [];
    if (!ops.length) return;
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      this.db.transaction(() => {
        for (const op of ops) {
          try {
            outcomes.push({ ok: true, value: this.db.transaction(op.fn)() });
          } catch (e) {
            outcomes.push({ ok: false, value: e });
          }
        }
      })();
    } catch (e) {
      for (const op of ops) op.reject(e);
      return;
    }
    ops.forEach((op, i) => (outcomes[i]!.ok ? op.resolve(outcomes[i]!.value) : op.reject(outcomes[i]!.value)));
  }

  private stmt(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.stmts.set(sql, s);
    }
    return s;
  }

  private nextSeq(): number {
    return ++this.seq;
  }

  // ------------------------------------------------------------------------------------------------------
  // Collections and indexes

  private coll(name: unknown): CollState {
    if (typeof name !== 'string' || !name) throw invalid('collectionName is required');
    const c = this.colls.get(name);
    if (!c) throw noCollection(name);
    return c;
  }

  hasCollection(name: string): boolean {
    return this.colls.has(name);
  }

  listCollections(): { name: string; count: number; indexes: IndexSpec[] }[] {
    return [...this.colls.values()].map((c) => ({
      name: c.name,
      count: (this.stmt(`SELECT count(*) AS n FROM ${quoteIdent(c.table)}`).get() as { n: number }).n,
      indexes: [...c.indexes.values()].map(({ name, fields, unique }) => ({ name, fields, unique: !!unique })),
    }));
  }

  /** db.createCollection: fails with DATABASE_COLLECTION_ALREADY_EXIST when it exists, unless ifNotExists. */
  createCollection(name: unknown, ifNotExists = false): boolean {
    if (typeof name !== 'string' || !COLLECTION_NAME.test(name) || name.startsWith('_lc')) {
      throw invalid(`invalid collection name ${JSON.stringify(name)}: use letters, digits, _ - . (at most 128)`);
    }
    if (this.colls.has(name)) {
      if (ifNotExists) return false;
      throw new CloudError('DATABASE_COLLECTION_ALREADY_EXIST', `[ResourceInUse] collection "${name}" already exists`);
    }
    const table = `c_${name}`;
    this.db.transaction(() => {
      this.db.exec(`CREATE TABLE ${quoteIdent(table)} (rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, seq INTEGER NOT NULL, doc TEXT NOT NULL)`);
      this.db.prepare('INSERT INTO _lc_collections (name, tbl, created_at) VALUES (?, ?, ?)').run(name, table, new Date().toISOString());
    })();
    this.colls.set(name, { name, table, arrayPaths: new Set(), indexes: new Map() });
    return true;
  }

  dropCollection(name: string): void {
    const c = this.coll(name);
    this.db.transaction(() => {
      this.db.exec(`DROP TABLE ${quoteIdent(c.table)}`);
      this.db.prepare('DELETE FROM _lc_collections WHERE name = ?').run(name);
      this.db.prepare('DELETE FROM _lc_indexes WHERE coll = ?').run(name);
      this.db.prepare('DELETE FROM _lc_array_paths WHERE coll = ?').run(name);
    })();
    this.colls.delete(name);
    this.stmts.clear();
  }

  /** Creates or updates the declared indexes of a collection (idempotent). Undeclared indexes are kept. */
  ensureIndexes(collName: string, specs: IndexSpec[]): { created: string[]; replaced: string[] } {
    const c = this.coll(collName);
    const created: string[] = [];
    const replaced: string[] = [];
    for (const spec of specs) {
      if (!spec.name || !Array.isArray(spec.fields) || !spec.fields.length) throw invalid(`index of ${collName} needs a name and fields`);
      const normalized: IndexSpec = { name: spec.name, fields: spec.fields.map((f) => ({ field: f.field, direction: f.direction === -1 ? -1 : 1 })), unique: !!spec.unique };
      const existing = c.indexes.get(spec.name);
      if (existing && JSON.stringify({ name: existing.name, fields: existing.fields, unique: !!existing.unique }) === JSON.stringify(normalized)) continue;
      const cols = normalized.fields.map((f) => {
        if (f.field === '_id') return `id${f.direction === -1 ? ' DESC' : ''}`;
        const e = keyExpr(f.field);
        if (!e) throw invalid(`index ${spec.name} of ${collName}: field path ${JSON.stringify(f.field)} cannot be indexed`);
        return e + (f.direction === -1 ? ' DESC' : '');
      });
      const sqlName = `ix_${collName.replace(/[^A-Za-z0-9_]/g, '_')}__${spec.name.replace(/[^A-Za-z0-9_]/g, '_')}_${hashName(collName + '\0' + spec.name)}`;
      try {
        this.db.transaction(() => {
          if (existing) this.db.exec(`DROP INDEX IF EXISTS ${quoteIdent(existing.sqlName)}`);
          this.db.exec(`CREATE ${normalized.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(sqlName)} ON ${quoteIdent(c.table)} (${cols.join(', ')})`);
          this.db.prepare('INSERT OR REPLACE INTO _lc_indexes (coll, name, spec, sql_name) VALUES (?, ?, ?, ?)').run(collName, spec.name, JSON.stringify(normalized), sqlName);
        })();
      } catch (e) {
        if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
          throw new CloudError('DATABASE_DUPLICATE_WRITE', `cannot create unique index ${spec.name} on ${collName}: existing documents have duplicate keys`);
        }
        throw e;
      }
      c.indexes.set(spec.name, { ...normalized, sqlName });
      (existing ? replaced : created).push(spec.name);
      this.stmts.clear();
    }
    return { created, replaced };
  }

  /** Creates the declared collections and indexes (idempotent). */
  ensure(decl: CollectionSpec[]): { collections: string[]; indexes: string[] } {
    const collections: string[] = [];
    const indexes: string[] = [];
    for (const c of decl) {
      if (this.createCollection(c.name, true)) collections.push(c.name);
      const r = this.ensureIndexes(c.name, c.indexes ?? []);
      indexes.push(...[...r.created, ...r.replaced].map((n) => `${c.name}.${n}`));
    }
    return { collections, indexes };
  }

  /** Drops every collection's documents (tables stay, indexes stay) and the outbox. */
  reset(): void {
    this.abortAllTransactions();
    this.db.transaction(() => {
      for (const c of this.colls.values()) this.db.exec(`DELETE FROM ${quoteIdent(c.table)}`);
      this.db.exec('DELETE FROM _lc_array_paths; DELETE FROM _lc_outbox;');
    })();
    for (const c of this.colls.values()) c.arrayPaths.clear();
  }

  // ------------------------------------------------------------------------------------------------------
  // Query planning

  private pushable(c: CollState, field: string): boolean {
    const segments = field.split('.');
    let prefix = '';
    for (const s of segments) {
      prefix = prefix ? `${prefix}.${s}` : s;
      if (c.arrayPaths.has(prefix)) return false;
    }
    return true;
  }

  /** SQL conditions that every matching document satisfies (a superset filter). */
  plan(c: CollState, query: Doc): { where: string; params: unknown[] } {
    const clauses: string[] = [];
    const params: unknown[] = [];
    const conjuncts: [string, unknown][] = [];
    const collect = (q: Doc) => {
      for (const k of Object.keys(q)) {
        const v = q[k];
        if (k === '$and' && Array.isArray(v)) {
          for (const sub of v) if (isPlainObject(sub)) collect(sub);
        } else if (k.charCodeAt(0) !== 36) conjuncts.push([k, v]);
      }
    };
    collect(query);
    for (const [field, cond] of conjuncts) {
      const isId = field === '_id';
      if (!isId && !this.pushable(c, field)) continue;
      const expr = isId ? 'id' : keyExpr(field);
      if (!expr) continue;
      const keyOf = isId ? (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? idKey(v) : undefined) : sqlKey;
      const eq = (v: unknown) => {
        const k = keyOf(v);
        if (k === undefined) return;
        clauses.push(`${expr} = ?`);
        params.push(k);
      };
      const range = (op: string, v: unknown) => {
        const sqlOp = op === '$gt' ? '>' : op === '$gte' ? '>=' : op === '$lt' ? '<' : '<=';
        const lower = op === '$gt' || op === '$gte';
        if (typeof v === 'number' && Number.isFinite(v)) {
          if (isId) return;
          clauses.push(lower ? `${expr} ${sqlOp} ? AND ${expr} < ''` : `${expr} ${sqlOp} ?`);
          params.push(v);
        } else if (typeof v === 'string' && !(v.length && v.charCodeAt(0) <= 1)) {
          clauses.push(lower ? `${expr} ${sqlOp} ?` : `${expr} ${sqlOp} ? AND ${expr} >= ''`);
          params.push(v);
        } else if (v instanceof Date && !isId && !Number.isNaN(v.getTime())) {
          clauses.push(lower ? `${expr} ${sqlOp} ? AND ${expr} < ?` : `${expr} ${sqlOp} ? AND ${expr} >= ?`);
          params.push(sqlKey(v), lower ? DATE_UPPER : DATE_PREFIX);
        }
      };
      if (isPlainObject(cond) && Object.keys(cond).length && Object.keys(cond).every((k) => k.charCodeAt(0) === 36)) {
        for (const op of Object.keys(cond)) {
          const v = cond[op];
          if (op === '$eq') {
            if (!Array.isArray(v) && !isPlainObject(v)) eq(v);
          } else if (op === '$gt' || op === '$gte' || op === '$lt' || op === '$lte') range(op, v);
          else if (op === '$in' && Array.isArray(v) && v.length > 0 && v.length <= 500) {
            const keys = v.map((x) => (Array.isArray(x) || isPlainObject(x) ? undefined : keyOf(x)));
            if (keys.every((k) => k !== undefined)) {
              clauses.push(`${expr} IN (${keys.map(() => '?').join(',')})`);
              params.push(...keys);
            }
          }
        }
      } else if (!Array.isArray(cond) && !isPlainObject(cond) && !(cond instanceof RegExp)) eq(cond);
    }
    return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
  }

  /** SQLite's plan for the candidate scan of a query (for tests and the README). */
  explain(collName: string, query: Doc): string[] {
    const c = this.coll(collName);
    const { where, params } = this.plan(c, query);
    const rows = this.db.prepare(`EXPLAIN QUERY PLAN SELECT rid, doc FROM ${quoteIdent(c.table)} ${where} ORDER BY rid`).all(...params) as { detail: string }[];
    return rows.map((r) => r.detail);
  }

  /**
   * ORDER BY terms that sort like MongoDB: first the BSON type order (null/missing < numbers < strings <
   * objects < arrays < binary < booleans < dates < regexps), then the value, then insertion order.
   * Only for fields that never held an array (MongoDB sorts an array by its smallest/largest element).
   */
  private orderTerms(c: CollState, order: Record<string, 1 | -1>): string | undefined {
    const terms: string[] = [];
    for (const [field, dir] of Object.entries(order)) {
      const p = jsonPath(field);
      if (!p || !this.pushable(c, field)) return undefined;
      const v = `json_extract(doc,${p})`;
      const rank =
        `(CASE json_type(doc,${p}) WHEN 'integer' THEN 2 WHEN 'real' THEN 2 WHEN 'object' THEN 4 WHEN 'array' THEN 5 WHEN 'true' THEN 8 WHEN 'false' THEN 8 ` +
        `WHEN 'text' THEN (CASE WHEN substr(${v},1,1) <> char(1) THEN 3 ELSE (CASE substr(${v},2,1) WHEN 'D' THEN 9 WHEN 'S' THEN 3 WHEN 'F' THEN 2 WHEN 'B' THEN 6 WHEN 'R' THEN 11 ELSE 3 END) END) ` +
        `ELSE 1 END)`;
      const d = dir === -1 ? 'DESC' : 'ASC';
      terms.push(`${rank} ${d}`, `${v} ${d}`);
    }
    terms.push('rid ASC');
    return terms.join(', ');
  }

  private *candidates(c: CollState, query: Doc): Generator<Row> {
    const { where, params } = this.plan(c, query);
    yield* this.stmt(`SELECT rid, id, seq, doc FROM ${quoteIdent(c.table)} ${where} ORDER BY rid`).iterate(...params) as IterableIterator<Row>;
  }

  private matchingRows(c: CollState, query: Doc, stopAfter = Infinity): { row: Row; doc: Doc }[] {
    const q = compileQuery(query);
    const out: { row: Row; doc: Doc }[] = [];
    if (stopAfter <= 0) return out;
    for (const row of this.candidates(c, query)) {
      const doc = storeParse(row.doc);
      if (matches(q, doc)) {
        out.push({ row, doc });
        if (out.length >= stopAfter) break;
      }
    }
    return out;
  }

  private rowById(c: CollState, id: unknown): Row | undefined {
    return this.stmt(`SELECT rid, id, seq, doc FROM ${quoteIdent(c.table)} WHERE id = ?`).get(idKey(id)) as Row | undefined;
  }

  // ------------------------------------------------------------------------------------------------------
  // Reads

  find(collName: string, query: Doc, options: FindOptions = {}): Doc[] {
    const c = this.coll(collName);
    const skip = Math.max(0, Math.floor(options.skip ?? 0));
    const limit = clampLimit(options.limit, 100, 1000);
    const order = options.order && Object.keys(options.order).length ? options.order : undefined;
    let docs: Doc[];
    if (!order) {
      if (!Object.keys(query).length) {
        docs = (this.stmt(`SELECT doc FROM ${quoteIdent(c.table)} ORDER BY rid LIMIT ? OFFSET ?`).all(limit, skip) as { doc: string }[]).map((r) => storeParse(r.doc));
      } else {
        docs = this.matchingRows(c, query, skip + limit).slice(skip).map((m) => m.doc);
      }
    } else {
      const terms = this.orderTerms(c, order);
      if (terms) {
        // SQLite sorts (a top-N sort when there is no filter); mingo filters the candidates in that order
        const { where, params } = this.plan(c, query);
        const q = compileQuery(query);
        const top = q ? '' : ` LIMIT ${skip + limit}`;
        const ordered = this.stmt(`SELECT rid FROM ${quoteIdent(c.table)} ${where} ORDER BY ${terms}${top}`).pluck().all(...params) as number[];
        const byRid = this.stmt(`SELECT doc FROM ${quoteIdent(c.table)} WHERE rid = ?`).pluck();
        docs = [];
        let seen = 0;
        for (const rid of ordered) {
          const doc = storeParse(byRid.get(rid) as string);
          if (!matches(q, doc)) continue;
          if (seen++ >= skip) docs.push(doc);
          if (docs.length >= limit) break;
        }
      } else docs = sortDocs(this.matchingRows(c, query), order).slice(skip, skip + limit).map((m) => m.doc);
    }
    return project(docs, options.projection);
  }

  findById(collName: string, id: unknown, projection?: Doc): Doc[] {
    const c = this.coll(collName);
    const row = this.rowById(c, id);
    return row ? project([storeParse(row.doc)], projection) : [];
  }

  count(collName: string, query: Doc): number {
    const c = this.coll(collName);
    if (!Object.keys(query).length) return (this.stmt(`SELECT count(*) AS n FROM ${quoteIdent(c.table)}`).get() as { n: number }).n;
    const q = compileQuery(query);
    let n = 0;
    for (const row of this.candidates(c, query)) if (matches(q, storeParse(row.doc))) n++;
    return n;
  }

  /** Every document of a collection, in insertion order (the $lookup source). */
  allDocs(collName: string): Doc[] {
    const c = this.coll(collName);
    return (this.stmt(`SELECT doc FROM ${quoteIdent(c.table)} ORDER BY rid`).all() as { doc: string }[]).map((r) => storeParse(r.doc));
  }

  aggregate(collName: string, pipeline: Doc[]): Doc[] {
    const c = this.coll(collName);
    const bad = containsOperator(pipeline, ['$geoNear', ...UNSUPPORTED_QUERY_OPERATORS, '$out', '$merge', '$function', '$accumulator']);
    if (bad) throw unsupported(`aggregation operator ${bad}`);
    const first = pipeline[0];
    const source = first && isPlainObject(first.$match) ? this.matchingRows(c, first.$match).map((m) => m.doc) : this.allDocs(collName);
    let result: Doc[];
    try {
      const agg = new Aggregator(pipeline.flatMap(rewriteStage), {
        ...MINGO_OPTIONS,
        collectionResolver: (name: string) => this.allDocs(name),
      });
      result = agg.run(source) as Doc[];
    } catch (e) {
      throw fromEvaluationError(e);
    }
    const hasLimit = pipeline.some((s) => isPlainObject(s) && '$limit' in s);
    return hasLimit ? result : result.slice(0, this.aggregateDefaultLimit);
  }

  // ------------------------------------------------------------------------------------------------------
  // Writes

  private recordArrayPaths(c: CollState, doc: Doc) {
    const found = new Set<string>();
    collectArrayPaths(doc, '', found);
    // Always written (not only when new to the in-memory set): the set may hold a path whose row was rolled
    // back with a failed write, and the table is what a restart reads.
    for (const p of found) {
      this.stmt('INSERT OR IGNORE INTO _lc_array_paths (coll, path) VALUES (?, ?)').run(c.name, p);
      c.arrayPaths.add(p);
    }
  }

  private duplicateError(c: CollState, e: unknown, doc?: Doc): CloudError {
    const msg = (e as Error).message ?? '';
    let index = '_id_';
    let fields = ['_id'];
    for (const ix of c.indexes.values()) {
      if (msg.includes(ix.sqlName)) {
        index = ix.name;
        fields = ix.fields.map((f) => f.field);
      }
    }
    const key = doc ? fields.map((f) => `${f}: ${describeKey(getPath(doc, f.split('.')).value ?? null)}`).join(', ') : '';
    return new CloudError('DATABASE_DUPLICATE_WRITE', `[DuplicateWrite] E11000 duplicate key error collection: ${c.name} index: ${index} dup key: { ${key} }`);
  }

  private writeRow(c: CollState, existing: Row | undefined, doc: Doc, stored?: string): void {
    const text = stored ?? storeStringify(doc);
    try {
      if (existing) this.stmt(`UPDATE ${quoteIdent(c.table)} SET doc = ?, seq = ? WHERE rid = ?`).run(text, this.nextSeq(), existing.rid);
      else this.stmt(`INSERT INTO ${quoteIdent(c.table)} (id, seq, doc) VALUES (?, ?, ?)`).run(idKey(doc._id), this.nextSeq(), text);
    } catch (e) {
      if ((e as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) throw this.duplicateError(c, e, doc);
      throw e;
    }
    this.recordArrayPaths(c, doc);
  }

  private prepareNewDoc(raw: unknown): Doc {
    if (!isPlainObject(raw)) throw invalid('document must be an object');
    const doc: Doc = { ...raw };
    if (doc._id === undefined || doc._id === null) doc._id = generateId();
    else if (typeof doc._id !== 'string' && typeof doc._id !== 'number') throw invalid('_id must be a string or a number');
    for (const k of Object.keys(doc)) if (k.startsWith('$')) throw invalid(`field names cannot start with $: ${k}`);
    const ordered: Doc = { _id: doc._id };
    for (const k of Object.keys(doc)) if (k !== '_id') ordered[k] = doc[k];
    return ordered;
  }

  insert(collName: string, raws: unknown[]): unknown[] {
    const c = this.coll(collName);
    if (!raws.length) throw invalid('data must not be empty');
    const docs = raws.map((r) => this.prepareNewDoc(r));
    this.db.transaction(() => {
      for (const d of docs) this.writeRow(c, undefined, d);
    })();
    return docs.map((d) => d._id);
  }

  /** Applies `spec` (update operators) to a copy of `doc`; returns the new document. */
  applyOperators(doc: Doc, spec: Doc): Doc {
    const ops = Object.keys(spec);
    if (!ops.length) throw invalid('update must not be empty');
    const modifier: Doc = {};
    for (const op of ops) {
      if (!op.startsWith('$')) {
        // a plain field in an update means $set (the SDK always sends operators; raw requests may not)
        modifier.$set = { ...(modifier.$set as Doc | undefined), [op]: spec[op] };
        continue;
      }
      if (!UPDATE_OPERATORS.has(op)) throw invalid(`[InvalidParameter] unknown update operator ${op}`);
      if (!isPlainObject(spec[op])) throw invalid(`[InvalidParameter] ${op} needs an object`);
      modifier[op] = op === '$set' ? { ...(modifier.$set as Doc | undefined), ...(spec[op] as Doc) } : spec[op];
    }
    const next = storeParse(storeStringify(doc));
    const prefill: Doc = {};
    for (const op of Object.keys(modifier)) {
      for (const field of Object.keys(modifier[op] as Doc)) {
        if (field === '_id' || field.startsWith('_id.')) throw invalid('[InvalidParameter] cannot update _id');
        const segs = field.split('.');
        const { value, throughArray } = getPath(next, segs);
        if (throughArray || segs.some((s) => s.startsWith('$'))) continue;
        const operand = (modifier[op] as Doc)[field];
        if ((op === '$inc' || op === '$mul') && typeof operand !== 'number') throw invalid(`[InvalidParameter] ${op} needs a number for ${field}`);
        if ((op === '$inc' || op === '$mul') && value !== undefined && value !== null && typeof value !== 'number') {
          throw invalid(`[InvalidParameter] Cannot apply ${op} to a value of non-numeric type: ${field}`);
        }
        if (['$push', '$addToSet', '$pull', '$pullAll', '$pop'].includes(op) && value !== undefined && !Array.isArray(value)) {
          throw invalid(`[InvalidParameter] The field '${field}' must be an array to use ${op}`);
        }
        if ((op === '$push' || op === '$addToSet') && value === undefined) prefill[field] = [];
      }
    }
    try {
      if (Object.keys(prefill).length) mingoUpdate(next, { $set: prefill });
      mingoUpdate(next, modifier as never, [], undefined, { cloneMode: 'deep' });
    } catch (e) {
      throw fromEvaluationError(e);
    }
    return next;
  }

  private replacement(existingId: unknown, spec: Doc): Doc {
    for (const k of Object.keys(spec)) if (k.startsWith('$')) throw invalid(`[InvalidParameter] a replacement document cannot contain operators (${k})`);
    const { _id: _ignored, ...rest } = spec;
    return { _id: existingId, ...rest };
  }

  /** Builds the document an upsert inserts: the query's equality fields, then the update. */
  private upsertBase(target: Target): Doc {
    if ('id' in target) return { _id: target.id };
    const base: Doc = {};
    for (const [k, v] of Object.entries(target.query)) {
      if (k.startsWith('$')) continue;
      if (isPlainObject(v) && Object.keys(v).some((x) => x.startsWith('$'))) {
        if ('$eq' in v) base[k] = v.$eq;
        continue;
      }
      base[k] = v;
    }
    return base;
  }

  update(collName: string, target: Target, spec: Doc, options: UpdateOptions): UpdateResult {
    const c = this.coll(collName);
    return this.db.transaction((): UpdateResult => {
      let rows: { row: Row; doc: Doc }[];
      if ('id' in target) {
        const row = this.rowById(c, target.id);
        rows = row ? [{ row, doc: storeParse(row.doc) }] : [];
      } else rows = this.matchingRows(c, target.query, options.multi ? Infinity : 1);
      let updated = 0;
      for (const { row, doc } of rows) {
        const next = options.replace ? this.replacement(doc._id, spec) : this.applyOperators(doc, spec);
        const text = storeStringify(next);
        if (text === row.doc) continue;
        this.writeRow(c, row, next, text);
        updated++;
      }
      if (!rows.length && options.upsert) {
        const base = this.upsertBase(target);
        const fresh = options.replace ? this.replacement(base._id ?? generateId(), spec) : this.applyOperators(base, spec);
        const doc = this.prepareNewDoc(fresh);
        this.writeRow(c, undefined, doc);
        return { matched: 0, updated: 0, upsertedId: doc._id };
      }
      return { matched: rows.length, updated };
    })();
  }

  /** updateAndReturn: updates the first matching document and returns its new version. */
  updateAndReturn(collName: string, query: Doc, spec: Doc): { updated: number; doc: Doc | null } {
    const c = this.coll(collName);
    return this.db.transaction(() => {
      const [hit] = this.matchingRows(c, query, 1);
      if (!hit) return { updated: 0, doc: null };
      const next = this.applyOperators(hit.doc, spec);
      const text = storeStringify(next);
      if (text === hit.row.doc) return { updated: 0, doc: next };
      this.writeRow(c, hit.row, next, text);
      return { updated: 1, doc: next };
    })();
  }

  remove(collName: string, target: Target, multi: boolean): number {
    const c = this.coll(collName);
    return this.db.transaction(() => {
      let rids: number[];
      if ('id' in target) {
        const row = this.rowById(c, target.id);
        rids = row ? [row.rid] : [];
      } else rids = this.matchingRows(c, target.query, multi ? Infinity : 1).map((m) => m.row.rid);
      const del = this.stmt(`DELETE FROM ${quoteIdent(c.table)} WHERE rid = ?`);
      for (const rid of rids) del.run(rid);
      return rids.length;
    })();
  }

  // ------------------------------------------------------------------------------------------------------
  // Transactions

  startTransaction(): string {
    this.sweepTransactions();
    const id = randomBytes(16).toString('hex');
    this.txns.set(id, { id, expiresAt: Date.now() + this.txnLifetime, bases: new Map(), writes: new Map(), writeCount: 0 });
    return id;
  }

  private sweepTransactions() {
    const now = Date.now();
    for (const t of this.txns.values()) if (t.expiresAt < now) this.dropTxn(t);
  }

  private abortAllTransactions() {
    for (const t of [...this.txns.values()]) this.dropTxn(t);
  }

  private dropTxn(t: Txn) {
    for (const k of t.writes.keys()) if (this.locks.get(k) === t.id) this.locks.delete(k);
    this.txns.delete(t.id);
  }

  private txn(id: unknown): Txn {
    const t = typeof id === 'string' ? this.txns.get(id) : undefined;
    if (!t) throw new CloudError('DATABASE_TRANSACTION_FAIL', `[TransactionNotFound] transaction ${String(id)} does not exist, was aborted, committed or expired`);
    if (t.expiresAt < Date.now()) {
      this.dropTxn(t);
      throw new CloudError('DATABASE_TRANSACTION_FAIL', `[TransactionExpired] transaction ${t.id} exceeded its ${this.txnLifetime} ms lifetime and was aborted`);
    }
    return t;
  }

  private failTxn(t: Txn, error: CloudError): CloudError {
    this.dropTxn(t);
    return error;
  }

  private txnRead(t: Txn, c: CollState, key: string): Doc | null {
    const k = `${c.name}\0${key}`;
    const w = t.writes.get(k);
    if (w) return w.doc === null ? null : storeParse(w.doc);
    const row = this.stmt(`SELECT rid, id, seq, doc FROM ${quoteIdent(c.table)} WHERE id = ?`).get(key) as Row | undefined;
    if (!t.bases.has(k)) t.bases.set(k, row?.seq ?? 0);
    return row ? storeParse(row.doc) : null;
  }

  private txnWrite(t: Txn, c: CollState, key: string, doc: Doc | null): void {
    const k = `${c.name}\0${key}`;
    const holder = this.locks.get(k);
    if (holder && holder !== t.id) throw this.failTxn(t, conflict(`document ${c.name}/${key} is being written by another transaction`));
    const current = (this.stmt(`SELECT seq FROM ${quoteIdent(c.table)} WHERE id = ?`).get(key) as { seq: number } | undefined)?.seq ?? 0;
    const base = t.bases.get(k);
    if (base === undefined) t.bases.set(k, current);
    else if (base !== current) throw this.failTxn(t, conflict(`document ${c.name}/${key} changed after the transaction read it`));
    if (doc) {
      this.checkUniqueInTxn(t, c, key, doc);
      this.recordArrayPaths(c, doc);
    }
    this.locks.set(k, t.id);
    const prev = t.writes.get(k);
    t.writes.set(k, { coll: c.name, key, doc: doc ? storeStringify(doc) : null, order: prev?.order ?? ++t.writeCount });
  }

  private checkUniqueInTxn(t: Txn, c: CollState, key: string, doc: Doc) {
    for (const ix of c.indexes.values()) {
      if (!ix.unique) continue;
      const keys = ix.fields.map((f) => (f.field === '_id' ? idKey(doc._id) : jsIndexKey(doc, f.field)));
      const exprs = ix.fields.map((f) => (f.field === '_id' ? 'id' : keyExpr(f.field)!));
      const hits = this.stmt(`SELECT id FROM ${quoteIdent(c.table)} WHERE ${exprs.map((e) => `${e} = ?`).join(' AND ')} AND id != ? LIMIT 20`).all(...keys, key) as { id: string }[];
      const dupCommitted = hits.some((h) => !t.writes.has(`${c.name}\0${h.id}`));
      const dupOverlay = [...t.writes.values()].some((w) => {
        if (w.coll !== c.name || w.key === key || w.doc === null) return false;
        const other = storeParse(w.doc);
        return ix.fields.every((f, i) => (f.field === '_id' ? idKey(other._id) : jsIndexKey(other, f.field)) === keys[i]);
      });
      if (dupCommitted || dupOverlay) {
        throw new CloudError(
          'DATABASE_DUPLICATE_WRITE',
          `[DuplicateWrite] E11000 duplicate key error collection: ${c.name} index: ${ix.name} dup key: { ${ix.fields.map((f) => `${f.field}: ${describeKey(getPath(doc, f.field.split('.')).value ?? null)}`).join(', ')} }`,
        );
      }
    }
  }

  /** The transaction's view of a query: committed documents overlaid with its own writes. */
  private txnMatching(t: Txn, c: CollState, query: Doc): { key: string; doc: Doc; order: number }[] {
    const q = compileQuery(query);
    const out: { key: string; doc: Doc; order: number }[] = [];
    for (const row of this.candidates(c, query)) {
      if (t.writes.has(`${c.name}\0${row.id}`)) continue;
      const doc = storeParse(row.doc);
      if (matches(q, doc)) out.push({ key: row.id, doc, order: row.rid });
    }
    const own = [...t.writes.values()].filter((w) => w.coll === c.name && w.doc !== null);
    for (const w of own) {
      const doc = storeParse(w.doc!);
      if (!matches(q, doc)) continue;
      const row = this.stmt(`SELECT rid FROM ${quoteIdent(c.table)} WHERE id = ?`).get(w.key) as { rid: number } | undefined;
      out.push({ key: w.key, doc, order: row ? row.rid : Number.MAX_SAFE_INTEGER - 1e6 + w.order });
    }
    out.sort((a, b) => a.order - b.order);
    return out;
  }

  txnFind(txnId: unknown, collName: string, query: Doc, options: FindOptions = {}): Doc[] {
    const t = this.txn(txnId);
    const c = this.coll(collName);
    const skip = Math.max(0, Math.floor(options.skip ?? 0));
    const limit = clampLimit(options.limit, 100, 1000);
    let hits = this.txnMatching(t, c, query);
    if (options.order && Object.keys(options.order).length) hits = sortDocs(hits, options.order);
    hits = hits.slice(skip, skip + limit);
    for (const h of hits) {
      const k = `${c.name}\0${h.key}`;
      if (!t.bases.has(k) && !t.writes.has(k)) t.bases.set(k, (this.stmt(`SELECT seq FROM ${quoteIdent(c.table)} WHERE id = ?`).get(h.key) as { seq: number } | undefined)?.seq ?? 0);
    }
    return project(
      hits.map((h) => h.doc),
      options.projection,
    );
  }

  txnGet(txnId: unknown, collName: string, id: unknown, projection?: Doc): Doc | null {
    const t = this.txn(txnId);
    const c = this.coll(collName);
    const doc = this.txnRead(t, c, idKey(id));
    return doc ? project([doc], projection)[0]! : null;
  }

  txnInsert(txnId: unknown, collName: string, raws: unknown[]): unknown[] {
    const t = this.txn(txnId);
    const c = this.coll(collName);
    if (!raws.length) throw invalid('data must not be empty');
    const docs = raws.map((r) => this.prepareNewDoc(r));
    for (const d of docs) {
      const key = idKey(d._id);
      if (this.txnRead(t, c, key)) throw new CloudError('DATABASE_DUPLICATE_WRITE', `[DuplicateWrite] E11000 duplicate key error collection: ${c.name} index: _id_ dup key: { _id: ${describeKey(d._id)} }`);
      this.txnWrite(t, c, key, d);
    }
    return docs.map((d) => d._id);
  }

  txnUpdate(txnId: unknown, collName: string, target: Target, spec: Doc, options: UpdateOptions): UpdateResult {
    const t = this.txn(txnId);
    const c = this.coll(collName);
    let hits: { key: string; doc: Doc }[];
    if ('id' in target) {
      const key = idKey(target.id);
      const doc = this.txnRead(t, c, key);
      hits = doc ? [{ key, doc }] : [];
    } else hits = this.txnMatching(t, c, target.query).slice(0, options.multi ? undefined : 1);
    let updated = 0;
    for (const { key, doc } of hits) {
      const next = options.replace ? this.replacement(doc._id, spec) : this.applyOperators(doc, spec);
      if (storeStringify(next) === storeStringify(doc)) continue;
      this.txnWrite(t, c, key, next);
      updated++;
    }
    if (!hits.length && options.upsert) {
      const base = this.upsertBase(target);
      const fresh = options.replace ? this.replacement(base._id ?? generateId(), spec) : this.applyOperators(base, spec);
      const doc = this.prepareNewDoc(fresh);
      this.txnWrite(t, c, idKey(doc._id), doc);
      return { matched: 0, updated: 0, upsertedId: doc._id };
    }
    return { matched: hits.length, updated };
  }

  txnUpdateAndReturn(txnId: unknown, collName: string, query: Doc, spec: Doc): { updated: number; doc: Doc | null } {
    const t = this.txn(txnId);
    const c = this.coll(collName);
    const [hit] = this.txnMatching(t, c, query);
    if (!hit) return { updated: 0, doc: null };
    const k = `${c.name}\0${hit.key}`;
    if (!t.bases.has(k) && !t.writes.has(k)) this.txnRead(t, c, hit.key);
    const next = this.applyOperators(hit.doc, spec);
    if (storeStringify(next) === storeStringify(hit.doc)) return { updated: 0, doc: next };
    this.txnWrite(t, c, hit.key, next);
    return { updated: 1, doc: next };
  }

  txnRemove(txnId: unknown, collName: string, target: Target, multi: boolean): number {
    const t = this.txn(txnId);
    const c = this.coll(collName);
    let keys: string[];
    if ('id' in target) {
      const key = idKey(target.id);
      keys = this.txnRead(t, c, key) ? [key] : [];
    } else keys = this.txnMatching(t, c, target.query).slice(0, multi ? undefined : 1).map((h) => h.key);
    for (const key of keys) this.txnWrite(t, c, key, null);
    return keys.length;
  }

  commitTransaction(txnId: unknown): void {
    const t = this.txn(txnId);
    try {
      this.db.transaction(() => {
        const writes = [...t.writes.entries()].sort((a, b) => a[1].order - b[1].order);
        for (const [k, w] of writes) {
          const c = this.coll(w.coll);
          const row = this.stmt(`SELECT rid, id, seq, doc FROM ${quoteIdent(c.table)} WHERE id = ?`).get(w.key) as Row | undefined;
          if ((row?.seq ?? 0) !== t.bases.get(k)) throw conflict(`document ${w.coll}/${w.key} was changed outside the transaction`);
          if (w.doc === null) {
            if (row) this.stmt(`DELETE FROM ${quoteIdent(c.table)} WHERE rid = ?`).run(row.rid);
          } else this.writeRow(c, row, storeParse(w.doc), w.doc);
        }
      })();
    } finally {
      this.dropTxn(t);
    }
  }

  abortTransaction(txnId: unknown): void {
    this.dropTxn(this.txn(txnId));
  }

  activeTransactions(): number {
    this.sweepTransactions();
    return this.txns.size;
  }

  // ------------------------------------------------------------------------------------------------------
  // Outbox (openapi calls recorded instead of sent)

  recordOutbox(entry: { api: string; appid?: string; env?: string; data: unknown; response: unknown }): number {
    const r = this.stmt('INSERT INTO _lc_outbox (at, api, appid, env, data, response) VALUES (?, ?, ?, ?, ?, ?)').run(
      new Date().toISOString(),
      entry.api,
      entry.appid ?? null,
      entry.env ?? null,
      JSON.stringify(entry.data ?? null),
      JSON.stringify(entry.response ?? null),
    );
    return Number(r.lastInsertRowid);
  }

  listOutbox(api?: string): { id: number; at: string; api: string; appid: string | null; env: string | null; data: unknown; response: unknown }[] {
    const rows = (api ? this.stmt('SELECT * FROM _lc_outbox WHERE api = ? ORDER BY id').all(api) : this.stmt('SELECT * FROM _lc_outbox ORDER BY id').all()) as {
      id: number;
      at: string;
      api: string;
      appid: string | null;
      env: string | null;
      data: string;
      response: string | null;
    }[];
    return rows.map((r) => ({ ...r, data: JSON.parse(r.data), response: r.response ? JSON.parse(r.response) : null }));
  }

  clearOutbox(): number {
    return this.stmt('DELETE FROM _lc_outbox').run().changes;
  }
}

export { NULL_KEY };
