/**
 * `npm run stats:verify`: recounts the rollups, the unique-people documents and counters, question_stats and
 * 学法积分 (points_days, points_items) from the raw records (events; graded attempts for question_stats) and
 * reports every difference;
 * `--rebuild` rewrites what differs. Reads through the SDK, in partitions the indexes serve (events per
 * China day, rollups per type and month, unique_people per scope), and checks each collection's total so
 * that nothing outside those partitions goes unseen.
 *
 * Rebuild replaces documents with the recount: run it when nobody is taking part (a submission landing
 * between the recount and the write would be overwritten; a second verify shows it).
 */
import type { Db } from '../../cloudfunctions/shared/handler';
import type { ParticipationEvent } from '../../cloudfunctions/shared/participation/events';
import type { PointsDayDoc, PointsItemDoc, RollupDoc, UniquePersonDoc as PeopleDoc } from '../../cloudfunctions/shared/documents';
import { addDays, chinaDay, monthEnd, monthStart, nextMonth } from '../../cloudfunctions/contracts/time';
import { inBatches, readAll } from '../../cloudfunctions/shared/database';
import { diffRollups, Recount, type RollupDiff } from '../../cloudfunctions/shared/participation/recount';
import { QUESTION_FIELDS, QuestionRecount } from '../../cloudfunctions/shared/participation/questionStats';
import { diffPoints, PointsRecount, type PointsDiff } from '../../cloudfunctions/shared/participation/points';

export interface VerifyOptions {
  rebuild?: boolean;
  /** First month to look for events in (default 2020-01). */
  sinceMonth?: string;
  now?: Date;
  log?: (line: string) => void;
}

export interface ScopeDiff {
  scope: string;
  expected: number;
  actual: number;
  /** Days whose number of first participations differs. */
  days: number;
}

export interface QuestionDiff {
  questionId: string;
  expected: Record<string, number> | null;
  actual: Record<string, number> | null;
}

export interface VerifyResult {
  events: number;
  /** Events outside the months read (should be 0). */
  eventsUnread: number;
  rollupsChecked: number;
  rollupDiffs: RollupDiff[];
  /** Rollup documents outside the months read. */
  rollupsUnread: number;
  scopesChecked: number;
  peopleDiffs: ScopeDiff[];
  peopleUnread: number;
  questionsChecked: number;
  questionDiffs: QuestionDiff[];
  /** 学法积分: the people's days and awarded items read, and what differs from the recount. */
  pointsChecked: number;
  pointsDiffs: PointsDiff[];
  /** points_days / points_items documents outside the months read. */
  pointsUnread: number;
  ok: boolean;
  rebuilt?: { rollups: number; people: number; questions: number; points: number };
}

const ROLLUP_TYPES = ['dim', 'dim-month', 'law', 'law-month', 'code', 'code-month'];
const EVENT_FIELDS = { _id: true, kind: true, personKey: true, campaignId: true, villageId: true, laws: true, codes: true, day: true, month: true, year: true, score: true, passed: true, durationMs: true, lessonId: true, offlineEventId: true, masteredQuestionIds: true };

async function total(db: Db, collection: string): Promise<number> {
  return (await db.collection(collection).count()).total ?? 0;
}

interface Loaded {
  recount: Recount;
  points: PointsRecount;
  actualPointsDays: PointsDayDoc[];
  actualPointsItems: PointsItemDoc[];
  pointsUnread: number;
  questions: QuestionRecount;
  months: string[];
  eventsUnread: number;
  actualRollups: RollupDoc[];
  rollupsUnread: number;
}

async function load(db: Db, sinceMonth: string, now: Date, log: (s: string) => void): Promise<Loaded> {
  const _ = db.command;
  const lastMonth = nextMonth(chinaDay(now).slice(0, 7));
  const months: string[] = [];
  for (let m = sinceMonth; m <= lastMonth; m = nextMonth(m)) months.push(m);
  const perMonth = await inBatches(months.map((m) => async () => (await db.collection('events').where(_.and([{ day: _.gte(monthStart(m)) }, { day: _.lte(monthEnd(m)) }])).count()).total ?? 0));
  const withEvents = months.filter((_m, i) => perMonth[i] > 0);
  const read = perMonth.reduce((s, n) => s + n, 0);
  const eventsUnread = (await total(db, 'events')) - read;

  const recount = new Recount();
  const points = new PointsRecount();
  const quizIds: string[] = [];
  for (const m of withEvents) {
    const days: string[] = [];
    for (let d = monthStart(m); d <= monthEnd(m); d = addDays(d, 1)) days.push(d);
    const lists = await inBatches(days.map((d) => () => readAll<'events', ParticipationEvent>(db, 'events', { day: d }, EVENT_FIELDS)));
    for (const list of lists) {
      for (const e of list) {
        recount.add(e);
        points.add(e);
        if (e.kind === 'quiz_attempt' && e._id.startsWith('quiz:')) quizIds.push(e._id.slice(5));
      }
    }
    log(`  ${m}: ${lists.reduce((s, l) => s + l.length, 0)} 条参与记录`);
  }

  const questions = new QuestionRecount();
  const chunks: string[][] = [];
  for (let i = 0; i < quizIds.length; i += 100) chunks.push(quizIds.slice(i, i + 100));
  const attempts = await inBatches(
    chunks.map((ids) => async () => (await db.collection('attempts').where({ _id: _.in(ids) }).field({ _id: true, 'result.score': true, 'result.items': true }).limit(1000).get()).data as { result?: { score: number; items: { questionId: string; points: number }[] } }[]),
  );
  for (const list of attempts) for (const a of list) if (a.result) questions.add(a.result);

  // Rollups: every type for every month that has events, plus the people counters.
  const rollupMonths = [...new Set([...withEvents, ...[...recount.rollups.values()].map((r) => r.month as string)])].sort();
  const parts = await inBatches([
    ...rollupMonths.flatMap((m) => ROLLUP_TYPES.map((type) => () => readAll(db, 'rollups', { type, month: m }))),
    () => readAll(db, 'rollups', { type: 'people' }),
  ]);
  const actualRollups = parts.flat();
  const rollupsUnread = (await total(db, 'rollups')) - actualRollups.length;

  // 学法积分: the days and items of every month that has events.
  const inMonth = (m: string) => ({ day: _.and(_.gte(monthStart(m)), _.lte(monthEnd(m))) });
  const [dayParts, itemParts] = await Promise.all([
    inBatches(withEvents.map((m) => () => readAll<'points_days', PointsDayDoc>(db, 'points_days', inMonth(m)))),
    inBatches(withEvents.map((m) => () => readAll<'points_items', PointsItemDoc>(db, 'points_items', inMonth(m)))),
  ]);
  const actualPointsDays = dayParts.flat();
  const actualPointsItems = itemParts.flat();
  const pointsUnread = (await total(db, 'points_days')) + (await total(db, 'points_items')) - actualPointsDays.length - actualPointsItems.length;
  return { recount, points, actualPointsDays, actualPointsItems, pointsUnread, questions, months: withEvents, eventsUnread, actualRollups, rollupsUnread };
}

async function histogram(db: Db, scope: string): Promise<Map<string, number>> {
  const $ = db.command.aggregate;
  const res = await db.collection('unique_people').aggregate().match({ scope }).group({ _id: '$firstDay', n: $.sum(1) }).limit(100000).end();
  return new Map(((res as { data?: { _id: string; n: number }[] }).data ?? []).map((g) => [g._id, g.n]));
}

function histogramDiff(expected: Map<string, number> | undefined, actual: Map<string, number>): { exp: number; act: number; days: number } {
  const e = expected ?? new Map<string, number>();
  let days = 0;
  for (const d of new Set([...e.keys(), ...actual.keys()])) if ((e.get(d) ?? 0) !== (actual.get(d) ?? 0)) days++;
  const sum = (m: Map<string, number>) => [...m.values()].reduce((s, n) => s + n, 0);
  return { exp: sum(e), act: sum(actual), days };
}

export async function verifyStats(db: Db, options: VerifyOptions = {}): Promise<VerifyResult> {
  const log = options.log ?? (() => undefined);
  const now = options.now ?? new Date();
  log('读取参与记录（按日）…');
  const loaded = await load(db, options.sinceMonth ?? '2020-01', now, log);
  const { recount, questions } = loaded;
  const expectedRollups = recount.allRollups();
  const rollupDiffs = diffRollups(expectedRollups, loaded.actualRollups);

  log('核对去重人数…');
  const histograms = recount.histograms();
  const scopes = new Set([...histograms.keys(), ...loaded.actualRollups.filter((r) => r.type === 'people').map((r) => String(r.scope))]);
  const scopeList = [...scopes].sort();
  const actualHist = await inBatches(scopeList.map((s) => () => histogram(db, s)), 6);
  const peopleDiffs: ScopeDiff[] = [];
  let peopleRead = 0;
  scopeList.forEach((scope, i) => {
    const d = histogramDiff(histograms.get(scope), actualHist[i]);
    peopleRead += d.act;
    if (d.days > 0) peopleDiffs.push({ scope, expected: d.exp, actual: d.act, days: d.days });
  });
  const peopleUnread = (await total(db, 'unique_people')) - peopleRead;

  log('核对题目统计…');
  const actualQuestions = await readAll<'question_stats', Record<string, number> & { _id: string }>(db, 'question_stats', {});
  const questionDiffs: QuestionDiff[] = [];
  const pick = (o: Record<string, number> | undefined) => (o ? Object.fromEntries(QUESTION_FIELDS.map((f) => [f, o[f] ?? 0])) : null);
  const seen = new Set<string>();
  for (const a of actualQuestions) {
    seen.add(a._id);
    const e = questions.stats.get(a._id);
    if (QUESTION_FIELDS.some((f) => (a[f] ?? 0) !== ((e?.[f] as number | undefined) ?? 0))) questionDiffs.push({ questionId: a._id, expected: pick(e as unknown as Record<string, number>), actual: pick(a) });
  }
  for (const [id, e] of questions.stats) if (!seen.has(id)) questionDiffs.push({ questionId: id, expected: pick(e as unknown as Record<string, number>), actual: null });

  log('核对学法积分…');
  const pointsDiffs = diffPoints(loaded.points, loaded.actualPointsDays, loaded.actualPointsItems);

  const result: VerifyResult = {
    events: recount.events,
    eventsUnread: loaded.eventsUnread,
    rollupsChecked: loaded.actualRollups.length,
    rollupDiffs,
    rollupsUnread: loaded.rollupsUnread,
    scopesChecked: scopeList.length,
    peopleDiffs,
    peopleUnread,
    questionsChecked: actualQuestions.length,
    questionDiffs,
    pointsChecked: loaded.actualPointsDays.length + loaded.actualPointsItems.length,
    pointsDiffs,
    pointsUnread: loaded.pointsUnread,
    ok:
      rollupDiffs.length === 0 &&
      peopleDiffs.length === 0 &&
      questionDiffs.length === 0 &&
      pointsDiffs.length === 0 &&
      loaded.eventsUnread === 0 &&
      loaded.rollupsUnread === 0 &&
      peopleUnread === 0 &&
      loaded.pointsUnread === 0,
  };
  if (options.rebuild && !result.ok) result.rebuilt = await rebuild(db, recount, questions, loaded.points, result, log);
  return result;
}

const withoutId = <T extends { _id: string }>(doc: T): Omit<T, '_id'> => {
  const { _id, ...rest } = doc;
  void _id;
  return rest;
};

async function rebuild(db: Db, recount: Recount, questions: QuestionRecount, points: PointsRecount, result: VerifyResult, log: (s: string) => void): Promise<VerifyResult['rebuilt'] & object> {
  log('按参与记录重建…');
  const rollups = db.collection('rollups');
  await inBatches(
    result.rollupDiffs.map((d) => async () => {
      if (d.problem === 'extra') await rollups.doc(d.id).remove();
      else await rollups.doc(d.id).set(withoutId(d.expected!));
    }),
    8,
  );
  let people = 0;
  const expectedByScope = new Map<string, PeopleDoc[]>();
  for (const p of recount.people.values()) {
    const list = expectedByScope.get(p.scope);
    if (list) list.push(p);
    else expectedByScope.set(p.scope, [p]);
  }
  for (const diff of result.peopleDiffs) {
    const actual = await readAll(db, 'unique_people', { scope: diff.scope });
    const actualById = new Map(actual.map((p) => [p._id, p]));
    const expected = expectedByScope.get(diff.scope) ?? [];
    const expectedIds = new Set(expected.map((p) => p._id));
    const coll = db.collection('unique_people');
    const writes: (() => Promise<unknown>)[] = [];
    for (const p of expected) {
      const a = actualById.get(p._id);
      if (!a || a.firstDay !== p.firstDay) writes.push(() => coll.doc(p._id).set(withoutId(p)));
    }
    for (const a of actual) if (!expectedIds.has(a._id)) writes.push(() => coll.doc(a._id).remove());
    await inBatches(writes, 8);
    people += writes.length;
  }
  const stats = db.collection('question_stats');
  await inBatches(
    result.questionDiffs.map((d) => async () => {
      const e = questions.stats.get(d.questionId);
      if (e) await stats.doc(d.questionId).set({ questionId: d.questionId, ...e });
      else await stats.doc(d.questionId).remove();
    }),
    8,
  );
  await inBatches(
    result.pointsDiffs.map((d) => async () => {
      const coll = db.collection(d.collection);
      const expected = d.collection === 'points_days' ? points.days.get(d.id) : points.items.get(d.id);
      if (expected) await coll.doc(d.id).set(withoutId(expected));
      else await coll.doc(d.id).remove();
    }),
    8,
  );
  return { rollups: result.rollupDiffs.length, people, questions: result.questionDiffs.length, points: result.pointsDiffs.length };
}

export function describeResult(r: VerifyResult): string[] {
  const lines = [
    `参与记录 ${r.events} 条${r.eventsUnread ? `（另有 ${r.eventsUnread} 条不在核对的月份内）` : ''}`,
    `汇总文档 ${r.rollupsChecked} 个：${r.rollupDiffs.length ? `${r.rollupDiffs.length} 处不一致` : '全部一致'}${r.rollupsUnread ? `；${r.rollupsUnread} 个不在核对的月份内` : ''}`,
    `去重人数范围 ${r.scopesChecked} 个：${r.peopleDiffs.length ? `${r.peopleDiffs.length} 个不一致` : '全部一致'}${r.peopleUnread ? `；${r.peopleUnread} 条去重记录不属于任何核对范围` : ''}`,
    `题目统计 ${r.questionsChecked} 道：${r.questionDiffs.length ? `${r.questionDiffs.length} 道不一致` : '全部一致'}`,
    `学法积分记录 ${r.pointsChecked} 条：${r.pointsDiffs.length ? `${r.pointsDiffs.length} 处不一致` : '全部一致'}${r.pointsUnread ? `；${r.pointsUnread} 条不在核对的月份内` : ''}`,
  ];
  for (const d of r.rollupDiffs.slice(0, 20)) {
    const show = (doc?: RollupDoc) => (doc ? `count=${doc.count}${doc.scoreSum !== undefined ? ` scoreSum=${doc.scoreSum} passed=${doc.passed}` : ''}` : '无');
    lines.push(`  汇总 ${d.id}：${d.problem === 'missing' ? '缺失' : d.problem === 'extra' ? '多余' : '不一致'}（应为 ${show(d.expected)}，实为 ${show(d.actual)}）`);
  }
  if (r.rollupDiffs.length > 20) lines.push(`  ……另有 ${r.rollupDiffs.length - 20} 处`);
  for (const d of r.peopleDiffs.slice(0, 20)) lines.push(`  去重 ${d.scope}：应为 ${d.expected} 人，实为 ${d.actual} 人（${d.days} 天的首次参与人数不同）`);
  for (const d of r.questionDiffs.slice(0, 20)) lines.push(`  题目 ${d.questionId}：应为 ${JSON.stringify(d.expected)}，实为 ${JSON.stringify(d.actual)}`);
  for (const d of r.pointsDiffs.slice(0, 20)) lines.push(`  积分 ${d.collection}/${d.id}：${d.problem === 'missing' ? '缺失' : d.problem === 'extra' ? '多余' : '不一致'}（应为 ${d.expected ?? '无'}，实为 ${d.actual ?? '无'}）`);
  if (r.rebuilt) lines.push(`已重建：汇总 ${r.rebuilt.rollups} 个，去重记录 ${r.rebuilt.people} 条，题目统计 ${r.rebuilt.questions} 道，积分记录 ${r.rebuilt.points} 条`);
  return lines;
}
