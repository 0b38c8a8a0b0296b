/**
 * Physical writes: every committed change to a document row goes through here (direct writes and
 * transaction commits alike), so the write sequence, the array-path record and the duplicate-key error are
 * the same whichever way a document was written.
 */
import { CloudError } from '../errors';
import { type Doc, idKey, storeStringify } from '../codec';
import type { Catalog, CollState } from './catalog';
import { describeKey, getPath } from './documents';
import { type Row, type Sql, quoteIdent } from './sql';

export class Rows {
  private seq = Date.now() * 1000;
  /** Called with the row as it was, before it is overwritten or deleted (transaction snapshots keep it). */
  beforeChange: ((c: CollState, old: Row) => void) | undefined;

  constructor(
    private readonly sql: Sql,
    private readonly catalog: Catalog,
  ) {}

  /** The sequence number of the latest write (a transaction's snapshot point). */
  get current(): number {
    return this.seq;
  }

  byId(c: CollState, key: string): Row | undefined {
    return this.sql.rowById(c.table, key);
  }

  /** Inserts (no `existing`) or overwrites a row. */
  write(c: CollState, existing: Row | undefined, doc: Doc, stored?: string): void {
    const text = stored ?? storeStringify(doc);
    if (existing) this.beforeChange?.(c, existing);
    try {
      if (existing) this.sql.stmt(`UPDATE ${quoteIdent(c.table)} SET doc = ?, seq = ? WHERE rid = ?`).run(text, ++this.seq, existing.rid);
      else this.sql.stmt(`INSERT INTO ${quoteIdent(c.table)} (id, seq, doc) VALUES (?, ?, ?)`).run(idKey(doc._id), ++this.seq, text);
    } catch (e) {
      if ((e as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) throw this.duplicateError(c, e, doc);
      throw e;
    }
    this.catalog.recordArrayPaths(c, doc);
  }

  delete(c: CollState, existing: Row): void {
    this.beforeChange?.(c, existing);
    this.sql.stmt(`DELETE FROM ${quoteIdent(c.table)} WHERE rid = ?`).run(existing.rid);
  }

  private duplicateError(c: CollState, e: unknown, doc: Doc): CloudError {
    const msg = (e as Error).message ?? '';
    let index = '_id_';
    let fields = ['_id'];
    for (const ix of c.indexes.values()) {
      if (msg.includes(ix.sqlName)) {
        index = ix.name;
        fields = ix.fields.map((f) => f.field);
      }
    }
    return duplicateKey(c.name, index, fields, doc);
  }
}

/** The cloud's duplicate-key error, in MongoDB's E11000 form. */
export function duplicateKey(coll: string, index: string, fields: string[], doc: Doc): CloudError {
  const key = fields.map((f) => `${f}: ${describeKey(getPath(doc, f.split('.')).value ?? null)}`).join(', ');
  return new CloudError('DATABASE_DUPLICATE_WRITE', `[DuplicateWrite] E11000 duplicate key error collection: ${coll} index: ${index} dup key: { ${key} }`);
}
