/**
 * The catalog: collections (one SQLite table each), their declared indexes (expression indexes on keyExpr)
 * and the paths where a write ever stored an array (which the planner must not push down). All of it is
 * persisted in `_lc_*` tables, so a restart reads back what it needs.
 */
import { CloudError, invalid, noCollection } from '../errors';
import { type Doc, isPlainObject } from '../codec';
import { type Sql, hashName, keyExpr, quoteIdent } from './sql';

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

export interface IndexState extends IndexSpec {
  sqlName: string;
}

export interface CollState {
  name: string;
  table: string;
  arrayPaths: Set<string>;
  indexes: Map<string, IndexState>;
}

const COLLECTION_NAME = /^[A-Za-z0-9_][A-Za-z0-9_\-.]{0,127}$/;

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

export class Catalog {
  private readonly colls = new Map<string, CollState>();

  constructor(private readonly sql: Sql) {
    sql.db.exec(`
      CREATE TABLE IF NOT EXISTS _lc_collections (name TEXT PRIMARY KEY, tbl TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS _lc_indexes (coll TEXT NOT NULL, name TEXT NOT NULL, spec TEXT NOT NULL, sql_name TEXT NOT NULL, PRIMARY KEY (coll, name));
      CREATE TABLE IF NOT EXISTS _lc_array_paths (coll TEXT NOT NULL, path TEXT NOT NULL, PRIMARY KEY (coll, path)) WITHOUT ROWID;
    `);
    for (const r of sql.db.prepare('SELECT name, tbl FROM _lc_collections').all() as { name: string; tbl: string }[]) {
      this.colls.set(r.name, { name: r.name, table: r.tbl, arrayPaths: new Set(), indexes: new Map() });
    }
    for (const r of sql.db.prepare('SELECT coll, path FROM _lc_array_paths').all() as { coll: string; path: string }[]) this.colls.get(r.coll)?.arrayPaths.add(r.path);
    for (const r of sql.db.prepare('SELECT coll, name, spec, sql_name FROM _lc_indexes').all() as { coll: string; name: string; spec: string; sql_name: string }[]) {
      const spec = JSON.parse(r.spec) as IndexSpec;
      this.colls.get(r.coll)?.indexes.set(r.name, { ...spec, sqlName: r.sql_name });
    }
  }

  get(name: unknown): CollState {
    if (typeof name !== 'string' || !name) throw invalid('collectionName is required');
    const c = this.colls.get(name);
    if (!c) throw noCollection(name);
    return c;
  }

  has(name: string): boolean {
    return this.colls.has(name);
  }

  all(): CollState[] {
    return [...this.colls.values()];
  }

  list(): { name: string; count: number; indexes: IndexSpec[] }[] {
    return this.all().map((c) => ({
      name: c.name,
      count: (this.sql.stmt(`SELECT count(*) AS n FROM ${quoteIdent(c.table)}`).get() as { n: number }).n,
      indexes: [...c.indexes.values()].map(({ name, fields, unique }) => ({ name, fields, unique: !!unique })),
    }));
  }

  /** db.createCollection: fails with DATABASE_COLLECTION_ALREADY_EXIST when it exists, unless ifNotExists. */
  create(name: unknown, ifNotExists = false): boolean {
    if (typeof name !== 'string' || !COLLECTION_NAME.test(name) || name.startsWith('_lc')) {
      throw invalid(`invalid collection name ${JSON.stringify(name)}: use letters, digits, _ - . (at most 128)`);
    }
    if (this.colls.has(name)) {
      if (ifNotExists) return false;
      throw new CloudError('DATABASE_COLLECTION_ALREADY_EXIST', `[ResourceInUse] collection "${name}" already exists`);
    }
    const table = `c_${name}`;
    const db = this.sql.db;
    db.transaction(() => {
      db.exec(`CREATE TABLE ${quoteIdent(table)} (rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, seq INTEGER NOT NULL, doc TEXT NOT NULL)`);
      db.prepare('INSERT INTO _lc_collections (name, tbl, created_at) VALUES (?, ?, ?)').run(name, table, new Date().toISOString());
    })();
    this.colls.set(name, { name, table, arrayPaths: new Set(), indexes: new Map() });
    return true;
  }

  drop(name: string): void {
    const c = this.get(name);
    const db = this.sql.db;
    db.transaction(() => {
      db.exec(`DROP TABLE ${quoteIdent(c.table)}`);
      db.prepare('DELETE FROM _lc_collections WHERE name = ?').run(name);
      db.prepare('DELETE FROM _lc_indexes WHERE coll = ?').run(name);
      db.prepare('DELETE FROM _lc_array_paths WHERE coll = ?').run(name);
    })();
    this.colls.delete(name);
    this.sql.forget();
  }

  /** Creates or updates the declared indexes of a collection (idempotent). Undeclared indexes are kept. */
  ensureIndexes(collName: string, specs: IndexSpec[]): { created: string[]; replaced: string[] } {
    const c = this.get(collName);
    const created: string[] = [];
    const replaced: string[] = [];
    const db = this.sql.db;
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
        db.transaction(() => {
          if (existing) db.exec(`DROP INDEX IF EXISTS ${quoteIdent(existing.sqlName)}`);
          db.exec(`CREATE ${normalized.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(sqlName)} ON ${quoteIdent(c.table)} (${cols.join(', ')})`);
          db.prepare('INSERT OR REPLACE INTO _lc_indexes (coll, name, spec, sql_name) VALUES (?, ?, ?, ?)').run(collName, spec.name, JSON.stringify(normalized), sqlName);
        })();
      } catch (e) {
        if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
          throw new CloudError('DATABASE_DUPLICATE_WRITE', `cannot create unique index ${spec.name} on ${collName}: existing documents have duplicate keys`);
        }
        throw e;
      }
      c.indexes.set(spec.name, { ...normalized, sqlName });
      (existing ? replaced : created).push(spec.name);
      this.sql.forget();
    }
    return { created, replaced };
  }

  /** Creates the declared collections and indexes (idempotent). */
  ensure(decl: CollectionSpec[]): { collections: string[]; indexes: string[] } {
    const collections: string[] = [];
    const indexes: string[] = [];
    for (const c of decl) {
      if (this.create(c.name, true)) collections.push(c.name);
      const r = this.ensureIndexes(c.name, c.indexes ?? []);
      indexes.push(...[...r.created, ...r.replaced].map((n) => `${c.name}.${n}`));
    }
    return { collections, indexes };
  }

  /** Remembers every path of `doc` that holds an array (the planner then leaves that path to mingo). */
  recordArrayPaths(c: CollState, doc: Doc): void {
    const found = new Set<string>();
    collectArrayPaths(doc, '', found);
    // Always written (not only when new to the in-memory set): the set may hold a path whose row was rolled
    // back with a failed write, and the table is what a restart reads.
    for (const p of found) {
      this.sql.stmt('INSERT OR IGNORE INTO _lc_array_paths (coll, path) VALUES (?, ?)').run(c.name, p);
      c.arrayPaths.add(p);
    }
  }

  /** Deletes every document (tables and indexes stay). Runs inside the caller's SQLite transaction. */
  clearDocuments(): void {
    for (const c of this.colls.values()) this.sql.db.exec(`DELETE FROM ${quoteIdent(c.table)}`);
    this.sql.db.exec('DELETE FROM _lc_array_paths');
  }

  forgetArrayPaths(): void {
    for (const c of this.colls.values()) c.arrayPaths.clear();
  }
}
