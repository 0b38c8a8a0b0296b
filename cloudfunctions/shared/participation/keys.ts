/**
 * The participation key format, built and parsed in one place: every writer (record.ts, the recount) and every
 * reader (reporting/, reports/dashboard.ts, stats:verify) goes through these, so renaming a scope cannot
 * silently zero a report column.
 *
 * Rollups (collection `rollups`, `_id` = the key, `type` = its family):
 *   d|<day>|<campaign>|<village>|<kind>     'dim'         per China day
 *   m|<month>|<campaign>|<village>|<kind>   'dim-month'   the same per China month (reports read these)
 *   l|<day>|<law>|<kind>, lm|<month>|<law>|<kind>       'law' / 'law-month'
 *   c|<day>|<code>|<kind>, cm|<month>|<code>|<kind>     'code' / 'code-month': a code grouping several laws
 *   p|<scope>                               'people': how many people `unique_people` holds for scope
 * Unique-people scopes (`unique_people` `_id` = `<scope>|<personKey>`):
 *   year:<y>  year-kind:<y>:<kind>  month:<m>  campaign:<id>  village:<y>:<village>  law:<y>:<law>  code:<y>:<code>
 *   campaign-village:<id>:<village>   (村村比拼: a campaign's people per village; village ids hold no ':')
 */
import type { ParticipationKind } from '../../contracts/reports';
import type { RollupType } from '../documents';

/** Campaign id of participation credited to no campaign (日常学习). */
export const NO_CAMPAIGN = 'none';
/** Village id of a resident who has not chosen one. */
export const NO_VILLAGE = 'unknown';

// ---------------------------------------------------------------------------------------------------------
// Rollup keys

export type DimFamily = 'dim' | 'law' | 'code';
const DAY_PREFIX: Record<DimFamily, string> = { dim: 'd', law: 'l', code: 'c' };
const MONTH_PREFIX: Record<DimFamily, string> = { dim: 'm', law: 'lm', code: 'cm' };

export const rollupKey = {
  day: (day: string, campaignId: string, villageId: string, kind: ParticipationKind) => `d|${day}|${campaignId}|${villageId}|${kind}`,
  month: (month: string, campaignId: string, villageId: string, kind: ParticipationKind) => `m|${month}|${campaignId}|${villageId}|${kind}`,
  lawDay: (day: string, law: string, kind: ParticipationKind) => `l|${day}|${law}|${kind}`,
  lawMonth: (month: string, law: string, kind: ParticipationKind) => `lm|${month}|${law}|${kind}`,
  codeDay: (day: string, code: string, kind: ParticipationKind) => `c|${day}|${code}|${kind}`,
  codeMonth: (month: string, code: string, kind: ParticipationKind) => `cm|${month}|${code}|${kind}`,
  people: (scope: string) => `p|${scope}`,
};

/** The rollup type of a family's daily or monthly documents. */
export const rollupType = (family: DimFamily, period: 'day' | 'month'): RollupType => (period === 'day' ? family : `${family}-month`);

export type ParsedRollupKey =
  | { type: 'dim' | 'dim-month'; period: string; campaignId: string; villageId: string; kind: ParticipationKind }
  | { type: 'law' | 'law-month'; period: string; law: string; kind: ParticipationKind }
  | { type: 'code' | 'code-month'; period: string; code: string; kind: ParticipationKind }
  | { type: 'people'; scope: string };

/** Reads a rollup `_id` back into its parts (null for a key this module does not build). */
export function parseRollupKey(id: string): ParsedRollupKey | null {
  const bar = id.indexOf('|');
  if (bar < 0) return null;
  const prefix = id.slice(0, bar);
  if (prefix === 'p') return { type: 'people', scope: id.slice(2) };
  const parts = id.split('|');
  for (const family of ['dim', 'law', 'code'] as DimFamily[]) {
    const period = prefix === DAY_PREFIX[family] ? 'day' : prefix === MONTH_PREFIX[family] ? 'month' : null;
    if (!period) continue;
    const type = rollupType(family, period);
    if (family === 'dim' && parts.length === 5) return { type: type as 'dim', period: parts[1], campaignId: parts[2], villageId: parts[3], kind: parts[4] as ParticipationKind };
    if (family === 'law' && parts.length === 4) return { type: type as 'law', period: parts[1], law: parts[2], kind: parts[3] as ParticipationKind };
    if (family === 'code' && parts.length === 4) return { type: type as 'code', period: parts[1], code: parts[2], kind: parts[3] as ParticipationKind };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Unique-people scopes

export const peopleScope = {
  year: (year: string) => `year:${year}`,
  yearKind: (year: string, kind: ParticipationKind) => `year-kind:${year}:${kind}`,
  month: (month: string) => `month:${month}`,
  campaign: (campaignId: string) => `campaign:${campaignId}`,
  campaignVillage: (campaignId: string, villageId: string) => `campaign-village:${campaignId}:${villageId}`,
  village: (year: string, villageId: string) => `village:${year}:${villageId}`,
  law: (year: string, law: string) => `law:${year}:${law}`,
  code: (year: string, code: string) => `code:${year}:${code}`,
};

export type ParsedScope =
  | { kind: 'year'; year: string }
  | { kind: 'year-kind'; year: string; participation: ParticipationKind }
  | { kind: 'month'; month: string }
  | { kind: 'campaign'; campaignId: string }
  | { kind: 'campaign-village'; campaignId: string; villageId: string }
  | { kind: 'village'; year: string; villageId: string }
  | { kind: 'law'; year: string; law: string }
  | { kind: 'code'; year: string; code: string };

/** Reads a scope back into its parts (null for a scope this module does not build). */
export function parseScope(scope: string): ParsedScope | null {
  const colon = scope.indexOf(':');
  if (colon < 0) return null;
  const head = scope.slice(0, colon);
  const rest = scope.slice(colon + 1);
  const yearAnd = () => {
    const i = rest.indexOf(':');
    return i < 0 ? null : { year: rest.slice(0, i), value: rest.slice(i + 1) };
  };
  switch (head) {
    case 'year':
      return { kind: 'year', year: rest };
    case 'month':
      return { kind: 'month', month: rest };
    case 'campaign':
      return { kind: 'campaign', campaignId: rest };
    case 'campaign-village': {
      // A campaign id may hold ':' (staff ids never do, tests use some); a village id never does.
      const i = rest.lastIndexOf(':');
      return i <= 0 ? null : { kind: 'campaign-village', campaignId: rest.slice(0, i), villageId: rest.slice(i + 1) };
    }
    case 'year-kind':
    case 'village':
    case 'law':
    case 'code': {
      const p = yearAnd();
      if (!p) return null;
      if (head === 'year-kind') return { kind: 'year-kind', year: p.year, participation: p.value as ParticipationKind };
      if (head === 'village') return { kind: 'village', year: p.year, villageId: p.value };
      if (head === 'law') return { kind: 'law', year: p.year, law: p.value };
      return { kind: 'code', year: p.year, code: p.value };
    }
    default:
      return null;
  }
}

/** `unique_people` `_id` of one person in one scope. */
export const uniquePersonId = (scope: string, personKey: string) => `${scope}|${personKey}`;
/** The scope of a `unique_people` `_id` (person keys hold no '|'). */
export const scopeOfUniquePersonId = (id: string) => id.slice(0, id.lastIndexOf('|'));
