/**
 * Creates the declared collections and indexes (cloudfunctions/shared/collections.ts) in a local cloud,
 * idempotently: existing collections and identical indexes are left alone, a changed index is rebuilt.
 *
 *   await ensureCollections('http://127.0.0.1:8081')   // a running local cloud (POST /_local/ensure)
 *   await ensureCollections(cloud)                      // the handle startLocalCloud returned
 *   await ensureCollections(store)                      // a LocalStore in this process
 *   await ensureCollections('.data/pufa.sqlite')        // a database file (opened, updated, closed)
 */
import { collections as declared } from '../cloudfunctions/shared/collections';
import { LocalStore, type CollectionSpec } from './store';
import { keyHeaders } from './runKey';

export interface EnsureResult {
  /** Collections created by this call. */
  collections: string[];
  /** Indexes created or rebuilt by this call, as `collection.index`. */
  indexes: string[];
}

export type EnsureTarget = string | { url: string } | LocalStore;

export async function ensureCollections(target: EnsureTarget, decl: CollectionSpec[] = declared): Promise<EnsureResult> {
  if (target instanceof LocalStore) return target.ensure(decl);
  const url = typeof target === 'string' ? target : target.url;
  if (/^https?:\/\//.test(url)) {
    const res = await fetch(`${url.replace(/\/+$/, '')}/_local/ensure`, {
      method: 'POST',
      headers: keyHeaders({ 'content-type': 'application/json' }),
      body: JSON.stringify({ collections: decl }),
    });
    const body = (await res.json()) as EnsureResult & { code?: string; message?: string };
    if (!res.ok || body.code) throw Object.assign(new Error(`ensureCollections failed: ${body.message ?? res.status}`), { code: body.code });
    return { collections: body.collections, indexes: body.indexes };
  }
  const store = new LocalStore({ dbFile: url });
  try {
    return store.ensure(decl);
  } finally {
    store.close();
  }
}
