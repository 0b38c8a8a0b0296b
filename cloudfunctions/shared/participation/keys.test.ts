import { collections } from '../collections';
import type { CollectionName } from '../documents';
import { toEvent } from './events';
import { peopleScopes, rollupTargets } from './events';
import { parseRollupKey, parseScope, peopleScope, rollupKey, scopeOfUniquePersonId, uniquePersonId } from './keys';

const event = toEvent(
  { eventId: 'quiz:a', kind: 'quiz_attempt', personKey: 'pk1', campaignId: 'c:1', villageId: 'v01', laws: ['minfadian-3-hetong', 'xianfa'], at: new Date('2026-12-03T16:30:00Z'), score: 80, passed: true },
  new Map([['minfadian-3-hetong', '民法典']]),
);

describe('participation keys', () => {
  it('parses every rollup key the writer builds back into the event it came from', () => {
    const targets = rollupTargets(event);
    expect(targets).toHaveLength(2 + 2 * 2 + 2);
    for (const t of targets) {
      const parsed = parseRollupKey(t._id);
      expect(parsed?.type).toBe(t.fields.type);
      if (parsed && 'kind' in parsed) expect(parsed.kind).toBe('quiz_attempt');
      if (parsed?.type === 'dim') expect(parsed).toMatchObject({ period: '2026-12-04', campaignId: 'c:1', villageId: 'v01' });
      if (parsed?.type === 'dim-month') expect(parsed.period).toBe('2026-12');
      if (parsed?.type === 'code') expect(parsed.code).toBe('民法典');
    }
    expect(parseRollupKey(rollupKey.people('village:2026:v01'))).toEqual({ type: 'people', scope: 'village:2026:v01' });
    expect(parseRollupKey('x|1')).toBeNull();
    expect(parseRollupKey('d|2026-12-04|c1')).toBeNull();
  });

  it('parses every people scope the writer builds', () => {
    const scopes = peopleScopes(event);
    expect(scopes).toEqual([
      peopleScope.year('2026'),
      peopleScope.yearKind('2026', 'quiz_attempt'),
      peopleScope.month('2026-12'),
      peopleScope.campaign('c:1'),
      peopleScope.village('2026', 'v01'),
      peopleScope.campaignVillage('c:1', 'v01'),
      peopleScope.law('2026', 'minfadian-3-hetong'),
      peopleScope.law('2026', 'xianfa'),
      peopleScope.code('2026', '民法典'),
    ]);
    expect(parseScope(scopes[1])).toEqual({ kind: 'year-kind', year: '2026', participation: 'quiz_attempt' });
    expect(parseScope(scopes[3])).toEqual({ kind: 'campaign', campaignId: 'c:1' });
    expect(parseScope(scopes[4])).toEqual({ kind: 'village', year: '2026', villageId: 'v01' });
    expect(parseScope(scopes[5])).toEqual({ kind: 'campaign-village', campaignId: 'c:1', villageId: 'v01' });
    expect(parseScope(scopes[8])).toEqual({ kind: 'code', year: '2026', code: '民法典' });
    expect(parseScope('campaign-village:nocolon')).toBeNull();
    expect(parseScope('nonsense')).toBeNull();
    expect(scopeOfUniquePersonId(uniquePersonId(scopes[3], 'pk1'))).toBe(scopes[3]);
  });

  it('has a document type for every declared collection', () => {
    const typed: CollectionName[] = collections.map((c) => c.name as CollectionName);
    const map: Record<CollectionName, true> = {
      residents: true, attempts: true, lesson_reads: true, events: true, rollups: true, campaigns: true, campaign_templates: true, lessons: true, questions: true, staff: true, audit_log: true,
      offline_events: true, checkins: true, subscriptions: true, push_jobs: true, push_deliveries: true, notices: true, invitations: true, redeem_failures: true,
      unique_people: true, laws: true, quiz_quota: true, settings: true, question_stats: true, town_settings: true, review_items: true, study_sessions: true, open_attempts: true,
      points_items: true, points_days: true,
      certificates: true,
    };
    expect(typed.filter((n) => !map[n])).toEqual([]);
  });
});
