/**
 * The one write path. insert, update (operators or replacement, one or many, upsert), updateAndReturn and
 * remove are written once, against a `DocumentView`: what a writer sees and how its changes land. Direct
 * writes use `CommittedView` (SQLite rows, written at once); transactions use their own view (a snapshot
 * overlaid with their pending writes, applied at commit). So both kinds of write decide the same way.
 */
import { type Doc, idKey, storeParse, storeStringify } from '../codec';
import { invalid } from '../errors';
import type { CollState } from './catalog';
import { type Target, type UpdateOptions, applyOperators, generateId, prepareNewDoc, replacement, upsertBase } from './documents';
import { matchingRows } from './planner';
import type { Rows } from './rows';
import type { Row, Sql } from './sql';

export interface UpdateResult {
  matched: number;
  updated: number;
  upsertedId?: unknown;
}

export interface Hit {
  key: string;
  doc: Doc;
}

export interface DocumentView {
  readonly coll: CollState;
  /** The document with this `_id` key, or null. */
  get(key: string): Doc | null;
  /** Documents matching `query`, in insertion order, at most `limit`. */
  match(query: Doc, limit: number): Hit[];
  /** Adds a new document; a duplicate `_id` (or unique key) fails with DATABASE_DUPLICATE_WRITE. */
  insert(doc: Doc): void;
  /** Replaces the existing document `key` with `doc`. */
  replace(key: string, doc: Doc): void;
  remove(key: string): void;
}

function hitsOf(view: DocumentView, target: Target, limit: number): Hit[] {
  if ('id' in target) {
    const key = idKey(target.id);
    const doc = view.get(key);
    return doc ? [{ key, doc }] : [];
  }
  return view.match(target.query, limit);
}

export function insertDocs(view: DocumentView, raws: unknown[]): unknown[] {
  if (!raws.length) throw invalid('data must not be empty');
  const docs = raws.map((r) => prepareNewDoc(r));
  for (const d of docs) view.insert(d);
  return docs.map((d) => d._id);
}

export function updateDocs(view: DocumentView, target: Target, spec: Doc, options: UpdateOptions): UpdateResult {
  const hits = hitsOf(view, target, options.multi ? Infinity : 1);
  for (const { key, doc } of hits) {
    const next = options.replace ? replacement(doc._id, spec) : applyOperators(doc, spec);
    // CloudBase counts every matched document as updated, changed or not; an unchanged one is not rewritten
    if (storeStringify(next) !== storeStringify(doc)) view.replace(key, next);
  }
  if (!hits.length && options.upsert) {
    const base = upsertBase(target);
    const fresh = options.replace ? replacement(base._id ?? generateId(), spec) : applyOperators(base, spec);
    const doc = prepareNewDoc(fresh);
    view.insert(doc);
    return { matched: 0, updated: 0, upsertedId: doc._id };
  }
  return { matched: hits.length, updated: hits.length };
}

/** Updates the first matching document and returns its new version. */
export function updateAndReturn(view: DocumentView, query: Doc, spec: Doc): { updated: number; doc: Doc | null } {
  const [hit] = view.match(query, 1);
  if (!hit) return { updated: 0, doc: null };
  const next = applyOperators(hit.doc, spec);
  if (storeStringify(next) !== storeStringify(hit.doc)) view.replace(hit.key, next);
  return { updated: 1, doc: next };
}

export function removeDocs(view: DocumentView, target: Target, multi: boolean): number {
  const hits = hitsOf(view, target, multi ? Infinity : 1);
  for (const h of hits) view.remove(h.key);
  return hits.length;
}

/** Committed documents, written at once (the caller wraps the whole operation in one SQLite transaction). */
export class CommittedView implements DocumentView {
  private readonly seen = new Map<string, Row>();
  constructor(
    private readonly sql: Sql,
    private readonly rows: Rows,
    readonly coll: CollState,
  ) {}

  get(key: string): Doc | null {
    const row = this.rows.byId(this.coll, key);
    if (!row) return null;
    this.seen.set(key, row);
    return storeParse(row.doc);
  }

  match(query: Doc, limit: number): Hit[] {
    return matchingRows(this.sql, this.coll, query, limit).map(({ row, doc }) => {
      this.seen.set(row.id, row);
      return { key: row.id, doc };
    });
  }

  insert(doc: Doc): void {
    this.rows.write(this.coll, undefined, doc);
  }

  replace(key: string, doc: Doc): void {
    this.rows.write(this.coll, this.seen.get(key) ?? this.rows.byId(this.coll, key), doc);
  }

  remove(key: string): void {
    const row = this.seen.get(key) ?? this.rows.byId(this.coll, key);
    if (row) this.rows.delete(this.coll, row);
  }
}
