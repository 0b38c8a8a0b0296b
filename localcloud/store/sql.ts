/** SQL building blocks shared by the catalog, the planner and the writers: identifiers, JSON paths, the key expression. */
import type Database from 'better-sqlite3';

/** One stored document row: `rid` the insertion order, `id` the `_id` key, `seq` the write sequence number. */
export interface Row {
  rid: number;
  id: string;
  seq: number;
  doc: string;
}

export function quoteIdent(s: string): string {
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

export function hashName(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h.toString(36);
}

/** The connection and its prepared-statement cache. */
export class Sql {
  private readonly cache = new Map<string, Database.Statement>();
  constructor(readonly db: Database.Database) {}

  stmt(sql: string): Database.Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }

  /** After DDL (a dropped table or index invalidates prepared statements). */
  forget(): void {
    this.cache.clear();
  }

  rowById(table: string, key: string): Row | undefined {
    return this.stmt(`SELECT rid, id, seq, doc FROM ${quoteIdent(table)} WHERE id = ?`).get(key) as Row | undefined;
  }
}
