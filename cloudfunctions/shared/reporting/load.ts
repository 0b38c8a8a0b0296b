/** Reads for reports: rollups of a date range, unique-people counts and certificate counts. Never reads `events`. */
import type { Db } from '../handler';
import type { RollupDoc } from '../documents';
import { splitRange } from '../../contracts/time';
import { inBatches, readAll, reads } from '../database';
import { NO_CAMPAIGN, parseRollupKey, rollupKey, rollupType, type DimFamily } from '../participation/keys';

/** A rollup row as reports read it (a daily or monthly counter). */
export type RollupRow = RollupDoc & { month: string };

/**
 * The rollups of one family ('dim', 'law' or 'code') covering [from, to]: monthly documents for the whole
 * months, daily ones for the months the range only partly covers. Each event is in exactly one of them.
 */
export async function rangeRollups(db: Db, family: DimFamily, from: string, to: string): Promise<RollupRow[]> {
  const _ = db.command;
  const { fullMonths, partialDays } = splitRange(from, to);
  const reads: Promise<RollupRow[]>[] = [];
  if (fullMonths.length) {
    const first = fullMonths[0];
    const last = fullMonths[fullMonths.length - 1];
    const whole = new Set(fullMonths);
    reads.push(
      readAll<'rollups', RollupRow>(db, 'rollups', _.and([{ type: rollupType(family, 'month') }, { month: _.gte(first) }, { month: _.lte(last) }])).then((rows) => rows.filter((r) => whole.has(r.month))),
    );
  }
  for (const p of partialDays) reads.push(readAll<'rollups', RollupRow>(db, 'rollups', _.and([{ type: rollupType(family, 'day') }, { day: _.gte(p.from) }, { day: _.lte(p.to) }])));
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
 * Resolves unique-people figures: an open-ended one is the scope's people counter (rollupKey.people; one read for
 * all of them); a bounded one counts the scope's `unique_people` documents by firstDay (indexed).
 */
export async function countPeople(db: Db, asks: PeopleAsk[]): Promise<Map<string, number>> {
  const _ = db.command;
  const out = new Map<string, number>();
  const unique = [...new Map(asks.map((a) => [askKey(a), a])).values()];
  const open = unique.filter((a) => !a.since && !a.upTo);
  const bounded = unique.filter((a) => a.since || a.upTo);
  const ids = open.map((a) => rollupKey.people(a.scope));
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const res = await reads(db, 'rollups').where({ _id: _.in(chunk) }).field({ _id: true, count: true }).limit(1000).get();
    const byId = new Map(res.data.map((d) => [d._id, d.count]));
    for (const id of chunk) {
      const key = parseRollupKey(id);
      if (key?.type === 'people') out.set(askKey({ scope: key.scope }), byId.get(id) ?? 0);
    }
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

/**
 * 电子证书 issued in [from, to] per campaign: one indexed count per campaign (campaignId, issuedDay), so the cost
 * depends on the number of campaigns, not of certificates. Every certificate comes from a quiz attempt credited
 * to its campaign on its issue day, so every campaign with certificates in the range is among `campaignIds`.
 */
export async function countCertificates(db: Db, campaignIds: string[], from: string, to: string): Promise<Map<string, number>> {
  const _ = db.command;
  const ids = campaignIds.filter((id) => id !== NO_CAMPAIGN);
  const counts = await inBatches(ids.map((id) => async () => (await db.collection('certificates').where(_.and([{ campaignId: id }, { issuedDay: _.gte(from) }, { issuedDay: _.lte(to) }])).count()).total ?? 0), 8);
  return new Map(ids.map((id, i) => [id, counts[i]]));
}
