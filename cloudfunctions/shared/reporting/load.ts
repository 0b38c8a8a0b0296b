/** Reads for reports: paged reads, rollups of a date range, and unique-people counts. Never reads `events`. */
import type { Db } from '../handler';
import type { ParticipationKind, RollupType } from '../participation';
import { splitRange } from './dates';

const PAGE = 1000;

/** Runs `tasks` with at most `limit` in flight. */
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

/** Every document matching `where`, in _id order, read in pages of 1000 (the server SDK's maximum). */
export async function fetchAll<T>(db: Db, collection: string, where: object, fields?: Record<string, boolean>): Promise<T[]> {
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

export interface RollupRow {
  _id: string;
  type: RollupType;
  kind: ParticipationKind;
  day?: string;
  month: string;
  campaignId?: string;
  villageId?: string;
  law?: string;
  code?: string;
  count: number;
  scoreSum?: number;
  passed?: number;
  durationSum?: number;
}

/**
 * The rollups of one family ('dim', 'law' or 'code') covering [from, to]: monthly documents for the whole
 * months, daily ones for the months the range only partly covers. Each event is in exactly one of them.
 */
export async function rangeRollups(db: Db, family: 'dim' | 'law' | 'code', from: string, to: string): Promise<RollupRow[]> {
  const _ = db.command;
  const { fullMonths, partialDays } = splitRange(from, to);
  const reads: Promise<RollupRow[]>[] = [];
  if (fullMonths.length) {
    const first = fullMonths[0];
    const last = fullMonths[fullMonths.length - 1];
    const whole = new Set(fullMonths);
    reads.push(
      fetchAll<RollupRow>(db, 'rollups', _.and([{ type: `${family}-month` }, { month: _.gte(first) }, { month: _.lte(last) }])).then((rows) => rows.filter((r) => whole.has(r.month))),
    );
  }
  for (const p of partialDays) reads.push(fetchAll<RollupRow>(db, 'rollups', _.and([{ type: family }, { day: _.gte(p.from) }, { day: _.lte(p.to) }])));
  return (await Promise.all(reads)).flat();
}

/** A unique-people figure: people in `scope` whose first day there is within [since, upTo] (open ends allowed). */
export interface PeopleAsk {
  scope: string;
  since?: string;
  upTo?: string;
}
export const askKey = (a: PeopleAsk) => `${a.scope}|${a.since ?? ''}|${a.upTo ?? ''}`;

/**
 * Resolves unique-people figures: an open-ended one is the counter document `p|<scope>` (one read for
 * all of them); a bounded one counts the scope's `unique_people` documents by firstDay (indexed).
 */
export async function countPeople(db: Db, asks: PeopleAsk[]): Promise<Map<string, number>> {
  const _ = db.command;
  const out = new Map<string, number>();
  const unique = [...new Map(asks.map((a) => [askKey(a), a])).values()];
  const open = unique.filter((a) => !a.since && !a.upTo);
  const bounded = unique.filter((a) => a.since || a.upTo);
  const ids = open.map((a) => `p|${a.scope}`);
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const res = await db.collection('rollups').where({ _id: _.in(chunk) }).field({ _id: true, count: true }).limit(1000).get();
    const byId = new Map((res.data as { _id: string; count: number }[]).map((d) => [d._id, d.count]));
    for (const id of chunk) out.set(askKey({ scope: id.slice(2) }), byId.get(id) ?? 0);
  }
  await inBatches(
    bounded.map((a) => async () => {
      const conds: object[] = [{ scope: a.scope }];
      if (a.since) conds.push({ firstDay: _.gte(a.since) });
      if (a.upTo) conds.push({ firstDay: _.lte(a.upTo) });
      const res = await db.collection('unique_people').where(_.and(conds)).count();
      out.set(askKey(a), res.total ?? 0);
    }),
    8,
  );
  return out;
}
