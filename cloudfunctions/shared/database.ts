/**
 * General database helpers every function uses: typed reads (collection name → document type, from
 * documents.ts `CollectionDocs`, so callers need no casts), the one pager (`readAll`), bounded concurrency and
 * counters created on first use (`incrementDoc`).
 */
import type { Db } from './handler';
import type { CollectionDocs, CollectionName } from './documents';
import { isDuplicateWrite } from './errors';

/** The document type of a collection (a plain record for a collection not in the map, e.g. in a test). */
export type DocOf<K extends string> = K extends CollectionName ? CollectionDocs[K] : Record<string, unknown> & { _id: string };

/** The SDK's page size cap (`limit` at most 1000). */
export const PAGE = 1000;

/** Runs `tasks` with at most `limit` in flight; results in task order. */
export async function inBatches<T>(tasks: (() => Promise<T>)[], limit = 6): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await tasks[i]();
      }
    }),
  );
  return out;
}

/**
 * A read query whose results carry the collection's document type (documents.ts `CollectionDocs`), so callers
 * need no casts: `reads(db, 'campaigns').where(…).orderBy(…).limit(…).get()` gives `{ data: CampaignDoc[] }`, and
 * `.field({ title: true })` narrows it to `Pick<CampaignDoc, '_id' | 'title'>`. It is the SDK's own query object;
 * only its type is narrowed.
 */
type TopField<F extends string> = F extends `${infer Top}.${string}` ? Top : F;
type FieldPath<T> = (keyof T & string) | `${keyof T & string}.${string}`;
export interface Reads<T> {
  where(condition: object): Reads<T>;
  orderBy(field: string, order: 'asc' | 'desc'): Reads<T>;
  skip(n: number): Reads<T>;
  limit(n: number): Reads<T>;
  /** A dotted path (`'result.score'`) keeps its top-level field's type: read only the projected parts of it. */
  field<F extends string>(fields: { [P in F]: true } & { [P in Exclude<F, FieldPath<T>>]: never }): Reads<Pick<T, (TopField<F> | '_id') & keyof T>>;
  get(): Promise<{ data: T[] }>;
  count(): Promise<{ total: number }>;
}
export function reads<K extends string>(db: Db, collection: K): Reads<DocOf<K>> {
  return db.collection(collection) as unknown as Reads<DocOf<K>>;
}

/** One document by `_id`, or null. */
export async function getDoc<K extends string>(db: Db, collection: K, id: string): Promise<DocOf<K> | null> {
  const res = await db.collection(collection).doc(id).get();
  return ((res.data as DocOf<K>[] | undefined)?.[0] as DocOf<K> | undefined) ?? null;
}

/** The first document matching `where`, or null. */
export async function findOne<K extends string>(db: Db, collection: K, where: object): Promise<DocOf<K> | null> {
  const res = await db.collection(collection).where(where).limit(1).get();
  return ((res.data as DocOf<K>[] | undefined)?.[0] as DocOf<K> | undefined) ?? null;
}

/** Up to `limit` (≤ 1000) documents matching `where`, as the query gives them. */
export async function findMany<K extends string>(db: Db, collection: K, where: object, limit = PAGE): Promise<DocOf<K>[]> {
  return ((await db.collection(collection).where(where).limit(limit).get()).data ?? []) as DocOf<K>[];
}

/**
 * Every document matching `where`, in `_id` order, read in pages of 1000 (the SDK's maximum), up to four pages
 * in flight. For reads that must see the whole set (a quiz pool, report inputs, content sync): a single
 * `.limit(1000).get()` would silently drop the rest once the data grows. `fields` projects (the result type
 * is then the full document type; read only the projected fields).
 */
export async function readAll<K extends string, T = DocOf<K>>(db: Db, collection: K, where: object = {}, fields?: Record<string, boolean>): Promise<T[]> {
  const coll = db.collection(collection);
  const total = (await coll.where(where).count()).total ?? 0;
  const pages = Math.ceil(total / PAGE);
  const results = await inBatches(
    Array.from({ length: pages }, (_, i) => async () => {
      let q = coll.where(where);
      if (fields) q = q.field(fields);
      return (await q.orderBy('_id', 'asc').skip(i * PAGE).limit(PAGE).get()).data as T[];
    }),
    4,
  );
  // A document added while paging can shift a later page by one: keep each _id once.
  const seen = new Set<string>();
  const out: T[] = [];
  for (const page of results) {
    for (const doc of page) {
      const id = (doc as { _id?: string })._id;
      if (id !== undefined && seen.has(id)) continue;
      if (id !== undefined) seen.add(id);
      out.push(doc);
    }
  }
  return out;
}

/** `res.updated` of an update (0 when nothing matched). */
export const updatedCount = (res: unknown) => (res as { updated?: number }).updated ?? 0;

/** Atomically add to a counter document, creating it on first use (safe under concurrent creators). */
export async function incrementDoc(db: Db, collection: string, id: string, fields: Record<string, unknown>, inc: Record<string, unknown>, initial: Record<string, number>): Promise<void> {
  const coll = db.collection(collection);
  if (updatedCount(await coll.where({ _id: id }).update(inc))) return;
  try {
    await coll.add({ _id: id, ...fields, ...initial });
  } catch (error) {
    if (!isDuplicateWrite(error)) throw error;
    await coll.where({ _id: id }).update(inc);
  }
}

/** `db.command.inc` for each amount: the update that adds `amounts` to a counter document. */
export function incOf(db: Db, amounts: Record<string, number>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(amounts)) out[k] = db.command.inc(v);
  return out;
}
