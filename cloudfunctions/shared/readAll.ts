/**
 * Every matching document, paged in the SDK's maximum of 1000 by `_id`. For reads that must see the whole set
 * (a quiz pool, the editor's question counts, content sync): a single `.limit(1000).get()` would silently drop
 * the rest once the content grows.
 */
interface Pageable {
  orderBy(field: string, order: 'asc' | 'desc'): Pageable;
  skip(n: number): Pageable;
  limit(n: number): Pageable;
  get(): Promise<{ data: unknown[] }>;
}

export const PAGE = 1000;

export async function readAll<T>(query: unknown): Promise<T[]> {
  const base = (query as Pageable).orderBy('_id', 'asc');
  const out: T[] = [];
  for (let skip = 0; ; skip += PAGE) {
    const res = await base.skip(skip).limit(PAGE).get();
    out.push(...(res.data as T[]));
    if (res.data.length < PAGE) return out;
  }
}
