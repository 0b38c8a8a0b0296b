/**
 * Transactions, as CloudBase runs them (MongoDB snapshot isolation):
 * - reads see a snapshot taken when the transaction began, overlaid with the transaction's own writes;
 * - writes stay in memory until commit, then apply atomically through the same row writer as direct writes;
 * - first writer wins: writing a document another transaction holds, or one that changed since the
 *   snapshot, fails with DATABASE_TRANSACTION_CONFLICT and aborts the transaction (runTransaction retries);
 * - a transaction not committed or aborted within its lifetime (30 s, as in the cloud) is gone:
 *   DATABASE_TRANSACTION_FAIL `[ResourceUnavailable.TransactionNotExist]`.
 * The snapshot: rows carry a write sequence number; while any transaction is open, the row writer hands
 * every overwritten or deleted row to `remember`, so a transaction reads the version as of its start.
 */
import { randomBytes } from 'node:crypto';
import { CloudError } from '../errors';
import { type Doc, idKey, storeParse, storeStringify } from '../codec';
import type { Catalog, CollState } from './catalog';
import { jsIndexKey } from './documents';
import { compileQuery, matches } from './evaluate';
import { candidates } from './planner';
import { type Rows, duplicateKey } from './rows';
import { type Row, type Sql, keyExpr, quoteIdent } from './sql';
import type { DocumentView, Hit } from './writes';

interface TxnWrite {
  coll: string;
  key: string;
  /** Stored text of the new version, or null for a delete. */
  doc: string | null;
  order: number;
  /** The row's sequence number when the transaction first wrote it (0: no row); checked again at commit. */
  base: number;
}

interface Txn {
  id: string;
  snapshot: number;
  expiresAt: number;
  writes: Map<string, TxnWrite>;
  writeCount: number;
}

export const TRANSACTION_LIFETIME_MS = 30_000;

const notExist = () =>
  new CloudError(
    'DATABASE_TRANSACTION_FAIL',
    '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.',
  );
const conflict = (detail: string) =>
  new CloudError('DATABASE_TRANSACTION_CONFLICT', `[ResourceUnavailable.TransactionConflict] Transaction is conflicting with another write (${detail}), please retry the transaction.`);

const slot = (coll: string, key: string) => `${coll}\0${key}`;

export class Transactions {
  private readonly open = new Map<string, Txn>();
  private readonly locks = new Map<string, string>();
  /** Rows as they were before a write, kept while a transaction may still need them: slot → versions. */
  private readonly history = new Map<string, Row[]>();
  private readonly sweepTimer: NodeJS.Timeout;

  constructor(
    private readonly sql: Sql,
    private readonly catalog: Catalog,
    private readonly rows: Rows,
    private readonly lifetimeMs = TRANSACTION_LIFETIME_MS,
  ) {
    rows.beforeChange = (c, old) => {
      if (!this.open.size) return;
      const k = slot(c.name, old.id);
      const versions = this.history.get(k);
      if (versions) versions.push(old);
      else this.history.set(k, [old]);
    };
    this.sweepTimer = setInterval(() => this.sweep(), 5_000);
    this.sweepTimer.unref();
  }

  close(): void {
    clearInterval(this.sweepTimer);
  }

  start(): string {
    this.sweep();
    const id = randomBytes(16).toString('hex');
    this.open.set(id, { id, snapshot: this.rows.current, expiresAt: Date.now() + this.lifetimeMs, writes: new Map(), writeCount: 0 });
    return id;
  }

  count(): number {
    this.sweep();
    return this.open.size;
  }

  abortAll(): void {
    for (const t of [...this.open.values()]) this.drop(t);
  }

  abort(id: unknown): void {
    this.drop(this.get(id));
  }

  /** The view a transaction reads and writes through (see writes.ts). */
  view(id: unknown, coll: CollState): TxnView {
    return new TxnView(this, this.get(id), coll);
  }

  commit(id: unknown): void {
    const t = this.get(id);
    try {
      this.sql.db.transaction(() => {
        const writes = [...t.writes.values()].sort((a, b) => a.order - b.order);
        for (const w of writes) {
          const c = this.catalog.get(w.coll);
          const row = this.rows.byId(c, w.key);
          if ((row?.seq ?? 0) !== w.base) throw conflict(`document ${w.coll}/${w.key} was changed outside the transaction`);
          if (w.doc === null) {
            if (row) this.rows.delete(c, row);
          } else this.rows.write(c, row, storeParse(w.doc), w.doc);
        }
      })();
    } finally {
      this.drop(t);
    }
  }

  // ------------------------------------------------------------------------------------------------
  // what TxnView uses

  /** The committed version of a document as of the transaction's snapshot. */
  snapshotRow(t: Txn, c: CollState, key: string): Row | undefined {
    const row = this.rows.byId(c, key);
    if (row && row.seq <= t.snapshot) return row;
    let best: Row | undefined;
    for (const v of this.history.get(slot(c.name, key)) ?? []) if (v.seq <= t.snapshot && (!best || v.seq > best.seq)) best = v;
    return best;
  }

  /** Committed documents matching `query` as of the snapshot (without the transaction's own writes). */
  snapshotMatches(t: Txn, c: CollState, query: Doc): { key: string; doc: Doc; order: number }[] {
    const q = compileQuery(query);
    const out: { key: string; doc: Doc; order: number }[] = [];
    const prefix = `${c.name}\0`;
    const rewritten = new Set<string>();
    for (const k of this.history.keys()) if (k.startsWith(prefix)) rewritten.add(k.slice(prefix.length));
    for (const row of candidates(this.sql, c, query)) {
      if (rewritten.has(row.id) || row.seq > t.snapshot) continue;
      const doc = storeParse(row.doc);
      if (matches(q, doc)) out.push({ key: row.id, doc, order: row.rid });
    }
    // documents changed since some transaction began: judged by their version as of this snapshot
    for (const key of rewritten) {
      const row = this.snapshotRow(t, c, key);
      if (!row) continue;
      const doc = storeParse(row.doc);
      if (matches(q, doc)) out.push({ key, doc, order: row.rid });
    }
    return out;
  }

  /** Records a pending write; refuses it when another transaction holds the document or it changed since the snapshot. */
  stage(t: Txn, c: CollState, key: string, doc: Doc | null): void {
    const k = slot(c.name, key);
    const holder = this.locks.get(k);
    if (holder && holder !== t.id) throw this.fail(t, conflict(`document ${c.name}/${key} is being written by another transaction`));
    const prev = t.writes.get(k);
    let base = prev?.base;
    if (base === undefined) {
      const current = this.rows.byId(c, key);
      const seen = this.snapshotRow(t, c, key);
      if ((current?.seq ?? 0) !== (seen?.seq ?? 0)) throw this.fail(t, conflict(`document ${c.name}/${key} changed after the transaction began`));
      base = current?.seq ?? 0;
    }
    if (doc) {
      this.checkUnique(t, c, key, doc);
      this.catalog.recordArrayPaths(c, doc);
    }
    this.locks.set(k, t.id);
    t.writes.set(k, { coll: c.name, key, doc: doc ? storeStringify(doc) : null, order: prev?.order ?? ++t.writeCount, base });
  }

  private checkUnique(t: Txn, c: CollState, key: string, doc: Doc) {
    for (const ix of c.indexes.values()) {
      if (!ix.unique) continue;
      const keys = ix.fields.map((f) => (f.field === '_id' ? idKey(doc._id) : jsIndexKey(doc, f.field)));
      const exprs = ix.fields.map((f) => (f.field === '_id' ? 'id' : keyExpr(f.field)!));
      const hits = this.sql.stmt(`SELECT id FROM ${quoteIdent(c.table)} WHERE ${exprs.map((e) => `${e} = ?`).join(' AND ')} AND id != ? LIMIT 20`).all(...keys, key) as { id: string }[];
      const dupCommitted = hits.some((h) => !t.writes.has(slot(c.name, h.id)));
      const dupPending = [...t.writes.values()].some((w) => {
        if (w.coll !== c.name || w.key === key || w.doc === null) return false;
        const other = storeParse(w.doc);
        return ix.fields.every((f, i) => (f.field === '_id' ? idKey(other._id) : jsIndexKey(other, f.field)) === keys[i]);
      });
      if (dupCommitted || dupPending) throw duplicateKey(c.name, ix.name, ix.fields.map((f) => f.field), doc);
    }
  }

  private get(id: unknown): Txn {
    const t = typeof id === 'string' ? this.open.get(id) : undefined;
    if (!t) throw notExist();
    if (t.expiresAt < Date.now()) {
      this.drop(t);
      throw notExist();
    }
    return t;
  }

  private fail(t: Txn, error: CloudError): CloudError {
    this.drop(t);
    return error;
  }

  private drop(t: Txn) {
    for (const k of t.writes.keys()) if (this.locks.get(k) === t.id) this.locks.delete(k);
    this.open.delete(t.id);
    if (!this.open.size) this.history.clear();
  }

  private sweep() {
    const now = Date.now();
    for (const t of this.open.values()) if (t.expiresAt < now) this.drop(t);
  }
}

/** A transaction's view of one collection: its snapshot overlaid with its own pending writes. */
export class TxnView implements DocumentView {
  constructor(
    private readonly txns: Transactions,
    private readonly t: Txn,
    readonly coll: CollState,
  ) {}

  get(key: string): Doc | null {
    const w = this.t.writes.get(slot(this.coll.name, key));
    if (w) return w.doc === null ? null : storeParse(w.doc);
    const row = this.txns.snapshotRow(this.t, this.coll, key);
    return row ? storeParse(row.doc) : null;
  }

  /** Every match in insertion order (new documents after committed ones). */
  matchAll(query: Doc): Hit[] {
    const c = this.coll;
    const q = compileQuery(query);
    const out = this.txns.snapshotMatches(this.t, c, query).filter((h) => !this.t.writes.has(slot(c.name, h.key)));
    for (const w of this.t.writes.values()) {
      if (w.coll !== c.name || w.doc === null) continue;
      const doc = storeParse(w.doc);
      if (!matches(q, doc)) continue;
      const row = this.txns.snapshotRow(this.t, c, w.key);
      out.push({ key: w.key, doc, order: row ? row.rid : Number.MAX_SAFE_INTEGER - 1e6 + w.order });
    }
    return out.sort((a, b) => a.order - b.order);
  }

  match(query: Doc, limit: number): Hit[] {
    return this.matchAll(query).slice(0, limit);
  }

  insert(doc: Doc): void {
    const key = idKey(doc._id);
    if (this.get(key)) throw duplicateKey(this.coll.name, '_id_', ['_id'], doc);
    this.txns.stage(this.t, this.coll, key, doc);
  }

  replace(key: string, doc: Doc): void {
    this.txns.stage(this.t, this.coll, key, doc);
  }

  remove(key: string): void {
    this.txns.stage(this.t, this.coll, key, null);
  }
}
