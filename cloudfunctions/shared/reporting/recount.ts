/**
 * Recount from the events: the rollups, unique-people documents and counters that the events imply, built
 * with the same rules recordParticipation applies (rollupTargets, peopleScopes, rollupAmounts), and a diff
 * against what is stored. Used by `npm run stats:verify`, the benchmark (to write the rollups of generated
 * events) and the tests.
 */
import { peopleScopes, rollupAmounts, rollupTargets, type ParticipationEvent } from '../participation';

export interface RollupDoc {
  _id: string;
  type: string;
  count: number;
  [field: string]: unknown;
}
export interface PeopleDoc {
  _id: string;
  scope: string;
  firstDay: string;
}

const AMOUNT_FIELDS = ['count', 'scoreSum', 'passed', 'durationSum'] as const;

export class Recount {
  readonly rollups = new Map<string, RollupDoc>();
  readonly people = new Map<string, PeopleDoc>();
  events = 0;

  add(e: Pick<ParticipationEvent, '_id' | 'kind' | 'personKey' | 'campaignId' | 'villageId' | 'laws' | 'day' | 'month' | 'year' | 'score' | 'passed' | 'durationMs'> & { codes?: string[] }): void {
    const event = { ...e, codes: e.codes ?? [] } as ParticipationEvent;
    this.events++;
    const amounts = rollupAmounts(event);
    for (const t of rollupTargets(event)) {
      const doc = this.rollups.get(t._id);
      if (!doc) {
        this.rollups.set(t._id, { _id: t._id, ...t.fields, ...amounts } as unknown as RollupDoc);
        continue;
      }
      for (const [k, v] of Object.entries(amounts)) doc[k] = ((doc[k] as number | undefined) ?? 0) + v;
    }
    for (const scope of peopleScopes(event)) {
      const id = `${scope}|${event.personKey}`;
      const p = this.people.get(id);
      if (!p) this.people.set(id, { _id: id, scope, firstDay: event.day });
      else if (event.day < p.firstDay) p.firstDay = event.day;
    }
  }

  /** `p|<scope>` counter documents. */
  counters(): Map<string, RollupDoc> {
    const n = new Map<string, number>();
    for (const p of this.people.values()) n.set(p.scope, (n.get(p.scope) ?? 0) + 1);
    const out = new Map<string, RollupDoc>();
    for (const [scope, count] of n) out.set(`p|${scope}`, { _id: `p|${scope}`, type: 'people', scope, count });
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
      if (AMOUNT_FIELDS.some((f) => ((a[f] as number | undefined) ?? 0) !== 0)) out.push({ id: a._id, problem: 'extra', actual: a });
      continue;
    }
    if (AMOUNT_FIELDS.some((f) => ((a[f] as number | undefined) ?? 0) !== ((e[f] as number | undefined) ?? 0))) out.push({ id: a._id, problem: 'different', expected: e, actual: a });
  }
  for (const [id, e] of expected) if (!seen.has(id)) out.push({ id, problem: 'missing', expected: e });
  return out.sort((x, y) => x.id.localeCompare(y.id));
}

export interface QuestionStatCounts {
  answered: number;
  points: number;
  topAnswered: number;
  topPoints: number;
  middleAnswered: number;
  middlePoints: number;
  bottomAnswered: number;
  bottomPoints: number;
}

/** question_stats from graded attempts (the same bands resident/quiz.ts uses: top ≥ 80, bottom < 60). */
export class QuestionRecount {
  readonly stats = new Map<string, QuestionStatCounts>();
  add(result: { score: number; items: { questionId: string; points: number }[] }) {
    const band = result.score >= 80 ? 'top' : result.score < 60 ? 'bottom' : 'middle';
    for (const item of result.items) {
      let s = this.stats.get(item.questionId);
      if (!s) this.stats.set(item.questionId, (s = { answered: 0, points: 0, topAnswered: 0, topPoints: 0, middleAnswered: 0, middlePoints: 0, bottomAnswered: 0, bottomPoints: 0 }));
      s.answered += 1;
      s.points += item.points;
      s[`${band}Answered`] += 1;
      s[`${band}Points`] += item.points;
    }
  }
}

export const QUESTION_FIELDS: (keyof QuestionStatCounts)[] = ['answered', 'points', 'topAnswered', 'topPoints', 'middleAnswered', 'middlePoints', 'bottomAnswered', 'bottomPoints'];
