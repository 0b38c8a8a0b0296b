/** The `laws` collection: the one loader (by id) and the law groups (民法典 for its books) derived from it. */
import type { Db } from './handler';
import type { LawDoc } from './documents';
import { readAll } from './database';

/** Every law, by id. */
export async function loadLaws(db: Db): Promise<Map<string, LawDoc>> {
  return new Map((await readAll(db, 'laws')).map((l) => [l._id, l]));
}

/** law id → its grouping code, for codes shared by two or more laws (民法典 for the Civil Code books). */
export type LawGroups = ReadonlyMap<string, string>;

export function lawGroupsOf(laws: Iterable<Pick<LawDoc, '_id'> & { code?: string }>): Map<string, string> {
  const members = new Map<string, string[]>();
  for (const l of laws) if (l.code) members.set(l.code, [...(members.get(l.code) ?? []), l._id]);
  const out = new Map<string, string>();
  for (const [code, ids] of members) if (ids.length >= 2) for (const id of ids) out.set(id, code);
  return out;
}

let groupsCache: { at: number; value: Promise<LawGroups> } | null = null;
const GROUPS_TTL_MS = 10 * 60 * 1000;
/** The law groups, read from `laws` at most every ten minutes per function instance. */
export function loadLawGroups(db: Db, now = Date.now()): Promise<LawGroups> {
  if (groupsCache && now - groupsCache.at < GROUPS_TTL_MS) return groupsCache.value;
  const value = loadLaws(db).then((laws) => lawGroupsOf(laws.values()) as LawGroups);
  groupsCache = { at: now, value };
  value.catch(() => {
    if (groupsCache?.value === value) groupsCache = null;
  });
  return value;
}
