/** A stable hash of a document's fields (keys sorted at every level): content sync and the calendar compare it. */
import { createHash } from 'node:crypto';

export function contentHash(doc: Record<string, unknown>): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])])) : v;
  return createHash('sha1').update(JSON.stringify(canonical(doc))).digest('hex');
}
