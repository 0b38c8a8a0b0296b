/**
 * Participation events and what each one adds: its rollup documents, its unique-people scopes and the amounts.
 * The same rules serve the writer (record.ts) and the recount (recount.ts), so they cannot drift apart.
 */
import type { ParticipationKind } from '../../contracts/reports';
import type { ParticipationEventDoc, RollupDoc } from '../documents';
import type { LawGroups } from '../laws';
import { chinaDay, chinaMonth } from '../../contracts/time';
import { NO_CAMPAIGN, NO_VILLAGE, peopleScope, rollupKey } from './keys';

export type { ParticipationKind };

export interface ParticipationInput {
  eventId: string;
  kind: ParticipationKind;
  personKey: string;
  campaignId: string | null;
  villageId: string | null;
  /** Law ids of the Civil Code books etc., as in content/laws.yaml. */
  laws: string[];
  at: Date;
  score?: number;
  passed?: boolean;
  durationMs?: number;
  /** What 学法积分 needs to know (shared/participation/points.ts): the lesson read, the offline event, the 错题本 items mastered. */
  lessonId?: string;
  offlineEventId?: string;
  masteredQuestionIds?: string[];
}

export type ParticipationEvent = ParticipationEventDoc;

export function toEvent(input: ParticipationInput, groups: LawGroups = new Map()): ParticipationEvent {
  const { eventId, ...rest } = input;
  const day = chinaDay(input.at);
  const laws = [...new Set(input.laws)].sort();
  return {
    ...rest,
    _id: eventId,
    campaignId: input.campaignId ?? NO_CAMPAIGN,
    villageId: input.villageId ?? NO_VILLAGE,
    laws,
    codes: [...new Set(laws.map((l) => groups.get(l)).filter((c): c is string => !!c))].sort(),
    day,
    month: chinaMonth(input.at),
    year: day.slice(0, 4),
  };
}

/** The fields of an event that decide what it adds (a stored event or a recount row). */
export type CountedEvent = Pick<ParticipationEvent, 'kind' | 'personKey' | 'campaignId' | 'villageId' | 'laws' | 'day' | 'month' | 'year' | 'score' | 'passed' | 'durationMs'> & { codes?: string[] };

export interface RollupTarget {
  _id: string;
  fields: Omit<RollupDoc, '_id' | 'count' | 'scoreSum' | 'passed' | 'durationSum'>;
}

/** Rollup documents an event adds to: their ids and the dimension fields stored on them. */
export function rollupTargets(e: CountedEvent): RollupTarget[] {
  const { day, month, kind } = e;
  const targets: RollupTarget[] = [
    { _id: rollupKey.day(day, e.campaignId, e.villageId, kind), fields: { type: 'dim', day, month, campaignId: e.campaignId, villageId: e.villageId, kind } },
    { _id: rollupKey.month(month, e.campaignId, e.villageId, kind), fields: { type: 'dim-month', month, campaignId: e.campaignId, villageId: e.villageId, kind } },
  ];
  for (const law of e.laws) {
    targets.push({ _id: rollupKey.lawDay(day, law, kind), fields: { type: 'law', day, month, law, kind } });
    targets.push({ _id: rollupKey.lawMonth(month, law, kind), fields: { type: 'law-month', month, law, kind } });
  }
  for (const code of e.codes ?? []) {
    targets.push({ _id: rollupKey.codeDay(day, code, kind), fields: { type: 'code', day, month, code, kind } });
    targets.push({ _id: rollupKey.codeMonth(month, code, kind), fields: { type: 'code-month', month, code, kind } });
  }
  return targets;
}

/** Unique-people scopes an event belongs to; a person counts once per scope. */
export function peopleScopes(e: CountedEvent): string[] {
  const scopes = [
    peopleScope.year(e.year),
    peopleScope.yearKind(e.year, e.kind),
    peopleScope.month(e.month),
    peopleScope.campaign(e.campaignId),
    peopleScope.village(e.year, e.villageId),
    peopleScope.campaignVillage(e.campaignId, e.villageId),
  ];
  for (const law of e.laws) scopes.push(peopleScope.law(e.year, law));
  for (const code of e.codes ?? []) scopes.push(peopleScope.code(e.year, code));
  return scopes;
}

/** What one event adds to each of its rollups (the same numbers the recount uses). */
export function rollupAmounts(e: Pick<ParticipationEvent, 'kind' | 'score' | 'passed' | 'durationMs'>): Record<string, number> {
  const init: Record<string, number> = { count: 1 };
  if (e.kind === 'quiz_attempt') Object.assign(init, { scoreSum: e.score ?? 0, passed: e.passed ? 1 : 0, durationSum: e.durationMs ?? 0 });
  return init;
}
