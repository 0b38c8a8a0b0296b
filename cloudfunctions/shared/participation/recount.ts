/**
 * Recount from the events: the rollups, unique-people documents and counters that the events imply, built
 * with the same rules recordParticipation applies (rollupTargets, peopleScopes, rollupAmounts), and a diff
 * against what is stored. Used by `npm run stats:verify`, the benchmark (to write the rollups of generated
 * events) and the tests.
 */
import type { RollupDoc, UniquePersonDoc } from '../documents';
import { peopleScopes, rollupAmounts, rollupTargets, type CountedEvent } from './events';
import { rollupKey, uniquePersonId } from './keys';


const AMOUNT_FIELDS = ['count', 'scoreSum', 'passed', 'durationSum'] as const;

export class Recount {
  readonly rollups = new Map<string, RollupDoc>();
  readonly people = new Map<string, UniquePersonDoc>();
  events = 0;

  add(e: CountedEvent): void {
    const event = { ...e, codes: e.codes ?? [] };
    this.events++;
    const amounts = rollupAmounts(event);
    for (const t of rollupTargets(event)) {
      const doc = this.rollups.get(t._id);
      if (!doc) {
        this.rollups.set(t._id, { _id: t._id, ...t.fields, ...amounts } as RollupDoc);
        continue;
      }
      for (const [k, v] of Object.entries(amounts)) (doc as unknown as Record<string, number>)[k] = ((doc as unknown as Record<string, number>)[k] ?? 0) + v;
    }
    for (const scope of peopleScopes(event)) {
      const id = uniquePersonId(scope, event.personKey);
      const p = this.people.get(id);
      if (!p) this.people.set(id, { _id: id, scope, firstDay: event.day });
      else if (event.day < p.firstDay) p.firstDay = event.day;
    }
  }

  /** The people counter documents (`rollupKey.people`). */
  counters(): Map<string, RollupDoc> {
    const n = new Map<string, number>();
    for (const p of this.people.values()) n.set(p.scope, (n.get(p.scope) ?? 0) + 1);
    const out = new Map<string, RollupDoc>();
    for (const [scope, count] of n) out.set(rollupKey.people(scope), { _id: rollupKey.people(scope), type: 'people', scope, count });
    return out;
  }

  /** Every rollup document the events imply, counters included. */
  allRollups(): Map<string, RollupDoc> {
    return new Map([...this.rollups, ...this.counters()]);
  }

  /** Firstday histogram per scope: scope → (day → people). */
  histograms(): Map<string, Map<string, number>> {
    const out = new Map<string, Map<string, number>>();
    for (const p of this.people.values()) {
      let h = out.get(p.scope);
      if (!h) out.set(p.scope, (h = new Map()));
      h.set(p.firstDay, (h.get(p.firstDay) ?? 0) + 1);
    }
    return out;
  }
}

export interface RollupDiff {
  id: string;
  problem: 'missing' | 'extra' | 'different';
  expected?: RollupDoc;
  actual?: RollupDoc;
}

/** Rollup documents whose amounts differ from the recount (dimension fields are part of the id). */
export function diffRollups(expected: Map<string, RollupDoc>, actual: Iterable<RollupDoc>): RollupDiff[] {
  const out: RollupDiff[] = [];
  const seen = new Set<string>();
  for (const a of actual) {
    seen.add(a._id);
    const e = expected.get(a._id);
    if (!e) {
      if (AMOUNT_FIELDS.some((f) => (a[f] ?? 0) !== 0)) out.push({ id: a._id, problem: 'extra', actual: a });
      continue;
    }
    if (AMOUNT_FIELDS.some((f) => (a[f] ?? 0) !== (e[f] ?? 0))) out.push({ id: a._id, problem: 'different', expected: e, actual: a });
  }
  for (const [id, e] of expected) if (!seen.has(id)) out.push({ id, problem: 'missing', expected: e });
  return out.sort((x, y) => x.id.localeCompare(y.id));
}
