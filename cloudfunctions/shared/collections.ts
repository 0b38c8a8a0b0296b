/**
 * The collections and indexes of the CloudBase database, declared once. The local cloud creates them as
 * SQLite expression indexes (localcloud/ensureCollections.ts) and uses them for equality and range
 * queries; deploy creates the same indexes in the cloud.
 *
 * Unique indexes follow the cloud's (MongoDB's) rule: a document without the field counts as `null`, so a
 * second document that also lacks it is rejected with DATABASE_DUPLICATE_WRITE. Declare a unique index
 * only on a field every document of the collection carries. Where the functions use the natural key as
 * `_id` (attempts, events, lesson_reads, rollups, unique_people), `_id` is the unique key: it is always
 * unique, and a unique index on a field those documents do not carry would reject every second insert.
 */
export type IndexDirection = 1 | -1;

export interface IndexDeclaration {
  name: string;
  fields: { field: string; direction: IndexDirection }[];
  unique?: boolean;
}

export interface CollectionDeclaration {
  name: string;
  indexes: IndexDeclaration[];
}

const asc = (field: string) => ({ field, direction: 1 as const });
const desc = (field: string) => ({ field, direction: -1 as const });

export const collections: { name: string; indexes: { name: string; fields: { field: string; direction: 1 | -1 }[]; unique?: boolean }[] }[] = [
  { name: 'residents', indexes: [{ name: 'openId_unique', fields: [asc('openId')], unique: true }] },
  {
    name: 'attempts',
    // unique key: _id (= attemptId, the client's submission id)
    indexes: [
      { name: 'openId_submittedAt', fields: [asc('openId'), desc('submittedAt')] },
      { name: 'campaignId_day', fields: [asc('campaignId'), asc('day')] },
    ],
  },
  // unique key: _id (= `${personKey}:${lessonId}`, the read's event key)
  { name: 'lesson_reads', indexes: [{ name: 'personKey', fields: [asc('personKey')] }] },
  {
    name: 'events',
    // unique key: _id (= eventId)
    indexes: [
      { name: 'day', fields: [asc('day')] },
      { name: 'campaignId', fields: [asc('campaignId')] },
      // the sweep (shared/participation/sweep.ts): pending events by age, applied events to settle by age
      { name: 'state_recordedAt', fields: [asc('state'), asc('recordedAt')] },
      { name: 'state_appliedAt', fields: [asc('state'), asc('appliedAt')] },
    ],
  },
  // unique key: _id (the rollup key); reports read a date range of one rollup type
  { name: 'rollups', indexes: [{ name: 'type_day', fields: [asc('type'), asc('day')] }, { name: 'type_month', fields: [asc('type'), asc('month')] }] },
  { name: 'campaigns', indexes: [] },
  // standing campaigns (content/campaigns/): the calendar makes each year's edition in `campaigns` from them
  { name: 'campaign_templates', indexes: [] },
  { name: 'lessons', indexes: [] },
  { name: 'questions', indexes: [{ name: 'law', fields: [asc('law')] }] },
  { name: 'staff', indexes: [{ name: 'openId_unique', fields: [asc('openId')], unique: true }, { name: 'role', fields: [asc('role')] }] },
  { name: 'audit_log', indexes: [{ name: 'at', fields: [desc('at')] }] },
  {
    name: 'offline_events',
    indexes: [
      { name: 'code_unique', fields: [asc('code')], unique: true },
      { name: 'archived_date', fields: [asc('archived'), desc('date')] },
      { name: 'date', fields: [asc('date')] },
    ],
  },
  { name: 'checkins', indexes: [{ name: 'key_unique', fields: [asc('key')], unique: true }, { name: 'eventId', fields: [asc('eventId')] }] },
  // staff push: _id = `${personKey}:${requestId}:${templateId}`; pushes page through (status, _id) per audience
  {
    name: 'subscriptions',
    indexes: [
      { name: 'status_id', fields: [asc('status'), asc('_id')] },
      { name: 'campaign_status_id', fields: [asc('campaignId'), asc('status'), asc('_id')] },
      { name: 'person_campaign_status', fields: [asc('personKey'), asc('campaignId'), asc('status')] },
      { name: 'job_status', fields: [asc('jobId'), asc('status')] },
    ],
  },
  { name: 'push_jobs', indexes: [{ name: 'campaign_createdAt', fields: [asc('campaignId'), desc('createdAt')] }] },
  // key = `${jobId}|${personKey}` (also the _id): one message per person per push
  { name: 'push_deliveries', indexes: [{ name: 'key_unique', fields: [asc('key')], unique: true }, { name: 'job_status', fields: [asc('jobId'), asc('status')] }] },
  { name: 'notices', indexes: [{ name: 'status_date', fields: [asc('status'), desc('date')] }] },
  { name: 'invitations', indexes: [{ name: 'code_unique', fields: [asc('code')], unique: true }, { name: 'createdAt', fields: [desc('createdAt')] }] },
  // unique key: _id (= `redeem|${day}|${personKey}`): wrong invitation codes per person per day
  { name: 'redeem_failures', indexes: [] },
  // unique key: _id (= `${scope}|${personKey}`); reports count a scope's people up to a day
  { name: 'unique_people', indexes: [{ name: 'scope_firstDay', fields: [asc('scope'), asc('firstDay')] }] },
  // unique key: _id (= `${personKey}|${questionId}`). The due-items query is (personKey, status = learning,
  // dueDay <= today); the 错题本 is its prefix (personKey, status); practice reads all of a person's items.
  { name: 'review_items', indexes: [{ name: 'personKey_status_dueDay', fields: [asc('personKey'), asc('status'), asc('dueDay')] }] },
  // unique key: _id (a review's client-made id; 每日一练 = `daily-${day}-${personKey}`, one per person and day)
  { name: 'study_sessions', indexes: [{ name: 'personKey_kind_day', fields: [asc('personKey'), asc('kind'), asc('day')] }] },
  // unique key: _id (= `${personKey}|${campaignId}`): the one unfinished quiz attempt of a resident in a campaign
  { name: 'open_attempts', indexes: [] },
  // 学法积分 (shared/participation/points.ts). unique key: _id (= `${personKey}|${key}`); 积分明细 reads a
  // person's items of a range of days; stats:verify reads them by day
  { name: 'points_items', indexes: [{ name: 'personKey_day', fields: [asc('personKey'), asc('day')] }, { name: 'day', fields: [asc('day')] }] },
  // unique key: _id (= `${personKey}|${day}`): a person's learning days (streak, total); stats:verify by day
  { name: 'points_days', indexes: [{ name: 'personKey_day', fields: [asc('personKey'), asc('day')] }, { name: 'day', fields: [asc('day')] }] },
  // 电子证书: _id = `${personKey}|${campaignId}` (one per resident and campaign edition); verification looks up the
  // number; 我的证书 lists a person's; reports count a campaign's certificates issued in a date range
  {
    name: 'certificates',
    indexes: [
      { name: 'number_unique', fields: [asc('number')], unique: true },
      { name: 'personKey_issuedAt', fields: [asc('personKey'), desc('issuedAt')] },
      { name: 'campaignId_issuedDay', fields: [asc('campaignId'), asc('issuedDay')] },
    ],
  },
  // collections the functions already read and write
  { name: 'laws', indexes: [] },
  { name: 'quiz_quota', indexes: [] },
  { name: 'settings', indexes: [] },
  // 镇情设置: one document `_id: 'town'` that staff edit; content sync never writes it (shared/town.ts merges)
  { name: 'town_settings', indexes: [] },
  { name: 'question_stats', indexes: [] },
];
