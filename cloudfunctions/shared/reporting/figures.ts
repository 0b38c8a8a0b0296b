/**
 * Report figures for a date range [from, to] (China days, inclusive), computed from the rollups, the
 * unique-people counters, question_stats and offline_events — never by scanning `events` at report time,
 * so the cost depends on days × campaigns × villages, not on how many people took part.
 *
 * What the figures mean:
 * - 人次 (times, quiz, read, checkin, share, scores): exact for any range. Whole months are read from the
 *   monthly rollups, the rest from the daily ones.
 * - 参与人数 (people): distinct residents, from `unique_people`, which keeps each person once per natural
 *   year, per month, per campaign, and per year for each village, law, law group and kind, with the day
 *   of their first participation there (firstDay). The distinct people of an arbitrary window are not kept
 *   (that would need a scan of every event), so:
 *     · a range starting on 1 January counts exactly: people whose first participation that year is on or
 *       before `to` (basis 'exact');
 *     · a range starting later counts from 1 January of that year up to `to` (basis 'year-to-date'), and
 *       `newPeople` gives those whose first participation of the year falls inside the range;
 *     · a range spanning several years adds the years' figures (basis 'summed-years');
 *     · 按月份 counts each month on its own (a month the range starts inside counts from its 1st);
 *     · 按活动 counts from the campaign's start up to `to`.
 *   Offline attendees who did not scan the check-in code are in 人次 only: they cannot be told apart.
 * - 线下 (offline): from `offline_events` with `date` in the range, not archived; 扫码签到 (checkin) from
 *   the rollups like every other participation.
 * - 题目分析: question_stats are cumulative since the question was first answered (not per range).
 */
import { PARTICIPATION_KINDS, type CampaignFigures, type CampaignVillageBoard, type LawFigures, type Metrics, type MonthFigures, type OfflineRow, type PeopleBasis, type QuestionFigures, type QuestionFlag, type ReportView, type VillageFigures } from '../../contracts/reports';
import type { Db } from '../handler';
import type { CampaignDoc, LawDoc, OfflineEventDoc, QuestionDoc, QuestionStatDoc, TownDoc } from '../documents';
import { campaignState } from '../campaigns';
import { lawGroupsOf } from '../laws';
import { readAll } from '../database';
import { NO_CAMPAIGN, NO_VILLAGE, peopleScope } from '../participation/keys';
import { addDays, chinaDay, chinaDayEnd, chinaDayStart, daysBetween, isDay, monthEnd, monthsIn, yearsIn } from '../../contracts/time';
import { askKey, countCertificates, countPeople, rangeRollups, type PeopleAsk, type RollupRow } from './load';
import { draftParagraph } from './paragraph';
import { averageOf, differenceOf, rateOf } from '../../contracts/numbers';
import { DEFAULT_BANNER_UNIT, loadMergedTown } from '../town';
import { editionLabel } from '../campaignEditions';
import { compareYears, previousYearRange, withPreviousEditions } from './yearOnYear';
import { buildVillageBoard, tallyVillages, villageNamer, VILLAGE_UNKNOWN_NAME } from './villageBoard';

export const KINDS = PARTICIPATION_KINDS;

/** Item-analysis thresholds (题目分析). */
export const ITEM_RULES = {
  /** Fewer answers than this: no flag (too little to judge). */
  minAnswered: 20,
  /** Top (score ≥ 80) and bottom (< 60) groups need this many answers each for a discrimination index. */
  minGroup: 5,
  tooEasy: 0.95,
  tooHard: 0.3,
  lowDiscrimination: 0.2,
};


export interface ReportData {
  town: Pick<TownDoc, 'name' | 'villages' | 'bannerUnit'>;
  campaigns: Pick<CampaignDoc, '_id' | 'title' | 'status' | 'start' | 'end' | 'templateId' | 'year'>[];
  laws: (Pick<LawDoc, '_id' | 'shortName' | 'code'> & { title?: string })[];
  questions: Pick<QuestionDoc, '_id' | 'stem' | 'law' | 'archived'>[];
  questionStats: QuestionStatDoc[];
  offline: OfflineEventDoc[];
  dim: RollupRow[];
  law: RollupRow[];
  code: RollupRow[];
  people: Map<string, number>;
  /** 电子证书 issued in the range, per campaign id (countCertificates); absent = none. */
  certificates?: Map<string, number>;
}


class Acc {
  count = 0;
  quiz = 0;
  scoreSum = 0;
  passed = 0;
  read = 0;
  share = 0;
  practice = 0;
  review = 0;
  checkin = 0;
  offlineEvents = 0;
  unscanned = 0;
  leaflets = 0;
  banners = 0;
  addRollup(r: RollupRow) {
    this.count += r.count;
    if (r.kind === 'quiz_attempt') {
      this.quiz += r.count;
      this.scoreSum += r.scoreSum ?? 0;
      this.passed += r.passed ?? 0;
    } else if (r.kind === 'lesson_read') this.read += r.count;
    else if (r.kind === 'checkin') this.checkin += r.count;
    else if (r.kind === 'share') this.share += r.count;
    else if (r.kind === 'practice') this.practice += r.count;
    else if (r.kind === 'review') this.review += r.count;
  }
  addOffline(e: OfflineEventDoc) {
    this.offlineEvents += 1;
    this.unscanned += e.attendees || 0;
    this.leaflets += e.leaflets || 0;
    this.banners += e.banners || 0;
  }
  metrics(people: number): Metrics {
    return {
      people,
      times: this.count + this.unscanned,
      quiz: this.quiz,
      avgScore: averageOf(this.scoreSum, this.quiz),
      passRate: rateOf(this.passed, this.quiz),
      read: this.read,
      share: this.share,
      practice: this.practice,
      review: this.review,
      checkin: this.checkin,
      offlineEvents: this.offlineEvents,
      unscanned: this.unscanned,
      offlineTimes: this.checkin + this.unscanned,
      leaflets: this.leaflets,
      banners: this.banners,
    };
  }
}

function accFor<K>(map: Map<K, Acc>, key: K): Acc {
  let a = map.get(key);
  if (!a) map.set(key, (a = new Acc()));
  return a;
}

/**
 * An offline event counts as held once its date has come (China day on or before today). Archiving only takes it
 * off the staff list: an archived event that was held stays in every figure, together with its check-ins
 * (which are recorded on the event's date), so the sheets, 总览 and the paragraph always add up.
 */
export const isHeldOffline = (e: Pick<OfflineEventDoc, 'date'>, today: string) => e.date <= today;

// ----------------------------------------------------------------------------------------------------
// People: which counters answer which row (see the header).

interface YearSpan {
  year: string;
  start: string;
  end: string;
  /** The counter can be read whole: nothing after `end` can be in it yet. */
  open: boolean;
}

function yearSpans(from: string, to: string, today: string): YearSpan[] {
  return yearsIn(from, to).map((year) => {
    const start = from > `${year}-01-01` ? from : `${year}-01-01`;
    const end = to < `${year}-12-31` ? to : `${year}-12-31`;
    return { year, start, end, open: end === `${year}-12-31` || end >= today };
  });
}

const upToAsk = (scope: string, end: string, open: boolean): PeopleAsk => (open ? { scope } : { scope, upTo: end });

export function peopleBasisOf(from: string, to: string): PeopleBasis {
  if (from.slice(0, 4) !== to.slice(0, 4)) return 'summed-years';
  return from.endsWith('-01-01') ? 'exact' : 'year-to-date';
}

export interface PeoplePlan {
  asks: PeopleAsk[];
  /** Sum of the asks of a yearly scope template (`village:{y}:v01`) over the range's years. */
  yearly: (template: (year: string) => string) => (people: Map<string, number>) => number;
  month: (month: string) => (people: Map<string, number>) => number;
  campaign: (id: string) => (people: Map<string, number>) => number;
  /** A campaign's people in one village (村村比拼), counted like `campaign`. */
  campaignVillage: (id: string, villageId: string) => (people: Map<string, number>) => number;
  newPeople: ((people: Map<string, number>) => number) | null;
}

/** Plans the unique-people reads for the keys a report shows. */
export function planPeople(from: string, to: string, today: string, keys: Pick<ReportKeys, 'campaigns' | 'villages' | 'laws' | 'codes'> & { closed?: string[] }): PeoplePlan {
  const spans = yearSpans(from, to, today);
  const asks: PeopleAsk[] = [];
  const sum = (list: PeopleAsk[]) => (people: Map<string, number>) => list.reduce((s, a) => s + (people.get(askKey(a)) ?? 0), 0);
  const yearly = (template: (year: string) => string) => {
    const list = spans.map((s) => upToAsk(template(s.year), s.end, s.open));
    asks.push(...list);
    return sum(list);
  };
  const templates = [
    peopleScope.year,
    ...KINDS.map((k) => (y: string) => peopleScope.yearKind(y, k)),
    ...keys.villages.map((v) => (y: string) => peopleScope.village(y, v)),
    ...keys.laws.map((l) => (y: string) => peopleScope.law(y, l)),
    ...keys.codes.map((c) => (y: string) => peopleScope.code(y, c)),
  ];
  for (const t of templates) yearly(t);
  for (const m of monthsIn(from, to)) {
    const end = to < monthEnd(m) ? to : monthEnd(m);
    asks.push(upToAsk(peopleScope.month(m), end, end === monthEnd(m) || end >= today));
  }
  // A campaign's counters can be read whole once nobody can join it after `to` (it ended before).
  const closed = new Set(keys.closed ?? []);
  const campaignAsk = (scope: string, c: string) => upToAsk(scope, to, to >= today || closed.has(c));
  const boardCampaigns = keys.campaigns.filter((c) => c !== NO_CAMPAIGN);
  for (const c of keys.campaigns) asks.push(campaignAsk(peopleScope.campaign(c), c));
  for (const c of boardCampaigns) for (const v of keys.villages) asks.push(campaignAsk(peopleScope.campaignVillage(c, v), c));
  let newPeople: PeoplePlan['newPeople'] = null;
  if (!from.endsWith('-01-01')) {
    const list = spans.map((s) => ({ scope: peopleScope.year(s.year), since: s.start, upTo: s.end }));
    asks.push(...list);
    newPeople = sum(list);
  }
  return {
    asks,
    yearly: (template) => sum(spans.map((s) => upToAsk(template(s.year), s.end, s.open))),
    month: (m) => {
      const end = to < monthEnd(m) ? to : monthEnd(m);
      return sum([upToAsk(peopleScope.month(m), end, end === monthEnd(m) || end >= today)]);
    },
    campaign: (c) => sum([campaignAsk(peopleScope.campaign(c), c)]),
    campaignVillage: (c, v) => sum([campaignAsk(peopleScope.campaignVillage(c, v), c)]),
    newPeople,
  };
}

// ----------------------------------------------------------------------------------------------------

export interface ReportKeys {
  campaigns: string[];
  /** Campaigns nobody can join after the range's end: the last day anyone can join (end day + 1) is inside it. */
  closed: string[];
  villages: string[];
  laws: string[];
  codes: string[];
}

/** The campaigns, villages, laws and law groups a report has rows for. */
export function reportKeys(data: Omit<ReportData, 'people'>, from: string, to: string): ReportKeys {
  const fromT = chinaDayStart(from).getTime();
  const toT = chinaDayEnd(to).getTime();
  const campaigns = new Set<string>();
  for (const c of data.campaigns) if (c.status !== 'draft' && Date.parse(c.start) <= toT && Date.parse(c.end) >= fromT) campaigns.add(c._id);
  for (const r of data.dim) if (r.campaignId) campaigns.add(r.campaignId);
  for (const e of data.offline) campaigns.add(e.campaignId ?? NO_CAMPAIGN);
  const villages = new Set<string>(data.town.villages.map((v) => v.id));
  for (const r of data.dim) if (r.villageId) villages.add(r.villageId);
  for (const e of data.offline) villages.add(e.villageId || NO_VILLAGE);
  const laws = new Set<string>();
  for (const r of data.law) if (r.law) laws.add(r.law);
  for (const e of data.offline) for (const l of e.themeLaws ?? []) laws.add(l);
  const codes = new Set<string>();
  for (const r of data.code) if (r.code) codes.add(r.code);
  const groups = lawGroupsOf(data.laws);
  for (const l of laws) if (groups.has(l)) codes.add(groups.get(l)!);
  // A quiz may be handed in up to 30 minutes after the end (the next China day at most); check-ins count on the event's day.
  const closed = data.campaigns.filter((c) => campaigns.has(c._id) && addDays(chinaDay(c.end), 1) <= to).map((c) => c._id);
  return { campaigns: [...campaigns], closed, villages: [...villages], laws: [...laws], codes: [...codes] };
}

export function analyseQuestion(stat: QuestionStatDoc, q: Pick<QuestionDoc, 'stem' | 'law' | 'archived'> | undefined, lawName: (id: string) => string): QuestionFigures {
  const answered = stat.answered ?? 0;
  const share = answered ? (stat.points ?? 0) / answered : null;
  const topN = stat.topAnswered ?? 0;
  const bottomN = stat.bottomAnswered ?? 0;
  const pTop = topN ? (stat.topPoints ?? 0) / topN : null;
  const pBottom = bottomN ? (stat.bottomPoints ?? 0) / bottomN : null;
  // Flags judge the exact ratios; the sheet shows each rounded once (rateOf, differenceOf).
  const exactDiscrimination = topN >= ITEM_RULES.minGroup && bottomN >= ITEM_RULES.minGroup && pTop !== null && pBottom !== null ? pTop - pBottom : null;
  const flags: QuestionFlag[] = [];
  if (answered >= ITEM_RULES.minAnswered && share !== null) {
    if (share > ITEM_RULES.tooEasy) flags.push('too_easy');
    if (share < ITEM_RULES.tooHard) flags.push('too_hard');
  }
  if (exactDiscrimination !== null) {
    if (exactDiscrimination < 0) flags.push('negative_discrimination');
    else if (exactDiscrimination < ITEM_RULES.lowDiscrimination && !flags.includes('too_easy') && !flags.includes('too_hard')) flags.push('low_discrimination');
  }
  return {
    questionId: stat._id,
    stem: q?.stem ?? '（题目已删除）',
    law: q?.law ?? '',
    lawName: q ? lawName(q.law) : '',
    answered,
    shareCorrect: rateOf(stat.points ?? 0, answered),
    pTop: rateOf(stat.topPoints ?? 0, topN),
    pBottom: rateOf(stat.bottomPoints ?? 0, bottomN),
    discrimination: exactDiscrimination === null ? null : differenceOf(pTop!, pBottom!),
    flags,
    archived: q?.archived ?? true,
  };
}

export { VILLAGE_UNKNOWN_NAME };
export const NO_CAMPAIGN_TITLE = '日常学习';

/** Builds the report from loaded data (pure: the tests feed it directly). */
export function buildReport(data: ReportData, from: string, to: string, now: Date, previousYear: ReportView | null = null): ReportView {
  const today = chinaDay(now);
  const keys = reportKeys(data, from, to);
  const plan = planPeople(from, to, today, keys);
  const people = data.people;
  const lawById = new Map(data.laws.map((l) => [l._id, l]));
  const lawName = (id: string) => lawById.get(id)?.shortName ?? id;
  const nameOfVillage = villageNamer(data.town.villages);
  const campaignById = new Map(data.campaigns.map((c) => [c._id, c]));
  const titleOfCampaign = (id: string) => {
    const c = campaignById.get(id);
    return id === NO_CAMPAIGN ? NO_CAMPAIGN_TITLE : c ? editionLabel(c) : `${id}（活动已删除）`;
  };
  const offline = data.offline.filter((e) => isHeldOffline(e, today) && e.date >= from && e.date <= to);

  const total = new Acc();
  const byCampaign = new Map<string, Acc>();
  const byVillage = new Map<string, Acc>();
  const byMonth = new Map<string, Acc>();
  for (const r of data.dim) {
    total.addRollup(r);
    accFor(byCampaign, r.campaignId ?? NO_CAMPAIGN).addRollup(r);
    accFor(byVillage, r.villageId ?? NO_VILLAGE).addRollup(r);
    accFor(byMonth, r.month).addRollup(r);
  }
  const byLaw = new Map<string, Acc>();
  const lawOffline = new Map<string, number>();
  for (const r of data.law) accFor(byLaw, r.law!).addRollup(r);
  const byCode = new Map<string, Acc>();
  for (const r of data.code) accFor(byCode, r.code!).addRollup(r);
  const byType = new Map<string, number>();
  for (const e of offline) {
    total.addOffline(e);
    accFor(byCampaign, e.campaignId ?? NO_CAMPAIGN).addOffline(e);
    accFor(byVillage, e.villageId || NO_VILLAGE).addOffline(e);
    accFor(byMonth, e.date.slice(0, 7)).addOffline(e);
    for (const l of new Set(e.themeLaws ?? [])) lawOffline.set(l, (lawOffline.get(l) ?? 0) + 1);
    byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
  }

  const yearlyPeople = (t: (y: string) => string) => plan.yearly(t)(people);
  const totals = {
    ...total.metrics(yearlyPeople(peopleScope.year)),
    quizPeople: yearlyPeople((y) => peopleScope.yearKind(y, 'quiz_attempt')),
    readPeople: yearlyPeople((y) => peopleScope.yearKind(y, 'lesson_read')),
    certificates: 0,
  };

  const campaignOrder = (id: string) => (id === NO_CAMPAIGN ? '9' : `0${campaignById.get(id)?.start ?? '9999'}`);
  const campaigns: CampaignFigures[] = keys.campaigns
    .sort((a, b) => campaignOrder(a).localeCompare(campaignOrder(b)) || a.localeCompare(b))
    .map((id): CampaignFigures => {
      const doc = campaignById.get(id);
      return {
        id,
        title: titleOfCampaign(id),
        state: id === NO_CAMPAIGN ? 'none' : doc ? campaignState(doc, now) : 'archived',
        start: doc?.start ?? null,
        end: doc?.end ?? null,
        templateId: doc?.templateId ?? null,
        year: doc?.year ?? null,
        previousEdition: null,
        certificates: data.certificates?.get(id) ?? 0,
        ...(byCampaign.get(id) ?? new Acc()).metrics(plan.campaign(id)(people)),
      };
    })
    .filter((c) => c.id !== NO_CAMPAIGN || c.times > 0 || c.offlineEvents > 0);

  totals.certificates = campaigns.reduce((sum, c) => sum + c.certificates, 0);

  const villageOrder = new Map(data.town.villages.map((v, i) => [v.id, i]));
  const populationOf = new Map(data.town.villages.map((v) => [v.id, v.population ?? null]));
  const villages: VillageFigures[] = keys.villages
    .sort((a, b) => (villageOrder.get(a) ?? (a === NO_VILLAGE ? 1e6 : 1e5)) - (villageOrder.get(b) ?? (b === NO_VILLAGE ? 1e6 : 1e5)) || a.localeCompare(b))
    .map((id) => ({ id, name: nameOfVillage(id), population: populationOf.get(id) ?? null, ...(byVillage.get(id) ?? new Acc()).metrics(yearlyPeople((y) => peopleScope.village(y, id))) }))
    .filter((v) => villageOrder.has(v.id) || v.times > 0 || v.offlineEvents > 0);

  // 村村比拼: the range's villages per head, and each campaign's (its people counted like its 按活动 row).
  const villageBoard = buildVillageBoard(data.town.villages, tallyVillages(data.dim, offline), (id) => yearlyPeople((y) => peopleScope.village(y, id)), nameOfVillage);
  const campaignVillageBoards: CampaignVillageBoard[] = campaigns
    .filter((c) => c.id !== NO_CAMPAIGN)
    .map((c) => ({
      campaignId: c.id,
      title: c.title,
      board: buildVillageBoard(
        data.town.villages,
        tallyVillages(data.dim.filter((r) => (r.campaignId ?? NO_CAMPAIGN) === c.id), offline.filter((e) => (e.campaignId ?? NO_CAMPAIGN) === c.id)),
        (v) => plan.campaignVillage(c.id, v)(people),
        nameOfVillage,
      ),
    }));

  const months: MonthFigures[] = monthsIn(from, to).map((month) => ({ month, ...(byMonth.get(month) ?? new Acc()).metrics(plan.month(month)(people)) }));

  const lawRow = (id: string, name: string, level: LawFigures['level'], group: string, acc: Acc | undefined, scope: (y: string) => string, offlineEvents: number): LawFigures => {
    const m = (acc ?? new Acc()).metrics(0);
    return { id, name, title: titleOfLaw(id, level), level, group, people: yearlyPeople(scope), times: m.times, quiz: m.quiz, read: m.read, checkin: m.checkin, share: m.share, offlineEvents };
  };
  // A group row (民法典) is titled by its members' common part: 中华人民共和国民法典·物权编 → 中华人民共和国民法典.
  const titleOfLaw = (id: string, level: LawFigures['level']) =>
    level === 'group' ? (data.laws.find((l) => l.code === id && l.title)?.title?.split('·')[0] ?? id) : (lawById.get(id)?.title ?? lawName(id));
  const groupOf = (id: string) => {
    const code = lawById.get(id)?.code;
    if (!code) return null;
    const members = data.laws.filter((l) => l.code === code);
    return members.length >= 2 ? code : null;
  };
  const laws: LawFigures[] = [];
  const topLevel = new Map<string, { sortKey: number; rows: LawFigures[] }>();
  for (const id of keys.laws) {
    const group = groupOf(id);
    const row = lawRow(id, lawName(id), group ? 'member' : 'law', group ?? lawById.get(id)?.code ?? lawName(id), byLaw.get(id), (y) => peopleScope.law(y, id), lawOffline.get(id) ?? 0);
    if (!group) {
      topLevel.set(`law:${id}`, { sortKey: row.times, rows: [row] });
      continue;
    }
    let entry = topLevel.get(`group:${group}`);
    if (!entry) {
      const groupOffline = offline.filter((e) => (e.themeLaws ?? []).some((l) => groupOf(l) === group)).length;
      const head = lawRow(group, group, 'group', group, byCode.get(group), (y) => peopleScope.code(y, group), groupOffline);
      entry = { sortKey: head.times, rows: [head] };
      topLevel.set(`group:${group}`, entry);
    }
    entry.rows.push(row);
  }
  for (const entry of [...topLevel.values()].sort((a, b) => b.sortKey - a.sortKey || a.rows[0].name.localeCompare(b.rows[0].name))) {
    const [head, ...members] = entry.rows;
    laws.push(head, ...members.sort((a, b) => b.times - a.times || a.id.localeCompare(b.id)));
  }

  const questionById = new Map(data.questions.map((q) => [q._id, q]));
  const questions = data.questionStats
    .map((s) => analyseQuestion(s, questionById.get(s._id), lawName))
    .sort((a, b) => b.flags.length - a.flags.length || b.answered - a.answered || a.questionId.localeCompare(b.questionId));

  const offlineRows: OfflineRow[] = offline
    .slice()
    .sort((a, b) => a.date.localeCompare(b.date) || a.title.localeCompare(b.title) || a._id.localeCompare(b._id))
    .map((e) => ({
      date: e.date,
      type: e.type,
      title: e.title,
      village: nameOfVillage(e.villageId || NO_VILLAGE),
      place: e.place ?? '',
      laws: (e.themeLaws ?? []).map(lawName).join('、'),
      campaign: e.campaignId ? titleOfCampaign(e.campaignId) : '',
      checkIns: e.checkIns || 0,
      attendees: e.attendees || 0,
      total: (e.checkIns || 0) + (e.attendees || 0),
      leaflets: e.leaflets || 0,
      banners: e.banners || 0,
      notes: e.notes ?? '',
    }));

  const basis = peopleBasisOf(from, to);
  const onlineCampaigns = campaigns.filter((c) => c.id !== NO_CAMPAIGN && c.quiz > 0).length;
  const offlineByType = [...byType.entries()].map(([type, events]) => ({ type, events })).sort((a, b) => b.events - a.events || a.type.localeCompare(b.type));
  const view: Omit<ReportView, 'paragraph'> = {
    townName: data.town.name,
    bannerUnit: data.town.bannerUnit || DEFAULT_BANNER_UNIT,
    from,
    to,
    generatedAt: now.toISOString(),
    peopleBasis: basis,
    newPeople: plan.newPeople ? plan.newPeople(people) : null,
    totals,
    onlineCampaigns,
    offlineByType,
    campaigns: withPreviousEditions(campaigns, previousYear),
    villages,
    villageBoard,
    campaignVillageBoards,
    months,
    laws,
    questions,
    offline: offlineRows,
    notes: reportNotes(from, to, basis),
    comparison: compareYears({ totals }, previousYear),
  };
  return { ...view, paragraph: draftParagraph(view) };
}

export function reportNotes(from: string, to: string, basis: PeopleBasis): string[] {
  const notes = [
    '参与人次：居民阅读课程（每人每课首次计一次）、答题、分享、线下活动扫码签到的次数，加上线下活动未扫码的到场人数；重复提交、网络重试不重复计数。',
    '参与人数：按人去重，只统计线上参与和扫码签到的居民；未扫码的到场群众只计入人次。',
  ];
  if (basis === 'year-to-date') notes.push(`参与人数按自然年去重：起始日不是1月1日时，为${from.slice(0, 4)}年1月1日至${to}的累计人数；“区间新增参与人数”为当年首次参与落在本区间内的人数。`);
  if (basis === 'summed-years') notes.push('统计区间跨年：参与人数为各年分别去重后相加，同一人在两年都参与会计两次。');
  notes.push('按月份的参与人数为各月分别去重；按活动的参与人数为活动开始至截止日的累计去重人数；按村社区、按法律的参与人数为当年去重人数。');
  notes.push('按法律：民法典各编汇总为“民法典”一行（一次答题涉及多编只计一次），其下列出各编；一次答题涉及多部法律时，每部法律各计一次。');
  notes.push(`计入活动的规则：一次参与只在该活动进行期间、且内容属于该活动（活动列出的课程、题库中的题目、关联的线下活动）时计入该活动，否则计入“日常学习”一行；活动进行中开始的答题在活动结束后 30 分钟内交卷仍计入。`);
  notes.push('线下活动：活动日期已到（不晚于今天）即计为已开展，已归档的活动连同其扫码签到仍计入；扫码签到按活动日期计。');
  notes.push('平均分、合格率按答题人次计算；题目分析为题目上线以来的累计数据，不按日期区间筛选。');
  notes.push('导出文件不含任何个人身份信息，只按活动、村（社区）、月份、法律汇总。');
  return notes;
}

/**
 * Loads everything a report for [from, to] reads, then builds it; with `compare` (the default) also the same
 * days one year earlier, for 同比 and last year's editions (shared/reporting/yearOnYear.ts).
 */
export async function computeReport(db: Db, from: string, to: string, now: Date, options: { compare?: boolean } = {}): Promise<ReportView> {
  const compare = options.compare ?? true;
  const last = previousYearRange(from, to);
  const [current, previousYear] = await Promise.all([loadAndBuild(db, from, to, now), compare ? loadAndBuild(db, last.from, last.to, now) : Promise.resolve(null)]);
  return current(previousYear ? previousYear(null) : null);
}

async function loadAndBuild(db: Db, from: string, to: string, now: Date): Promise<(previousYear: ReportView | null) => ReportView> {
  const _ = db.command;
  const [mergedTown, campaigns, laws, questions, questionStats, offline, dim, law, code] = await Promise.all([
    loadMergedTown(db),
    readAll(db, 'campaigns', {}, { _id: true, title: true, status: true, start: true, end: true, templateId: true, year: true }),
    readAll(db, 'laws', {}, { _id: true, shortName: true, code: true, title: true }),
    readAll(db, 'questions', {}, { _id: true, stem: true, law: true, archived: true }),
    readAll(db, 'question_stats'),
    readAll(db, 'offline_events', _.and([{ date: _.gte(from) }, { date: _.lte(to) }])),
    rangeRollups(db, 'dim', from, to),
    rangeRollups(db, 'law', from, to),
    rangeRollups(db, 'code', from, to),
  ]);
  const town = mergedTown ?? { name: '本镇', villages: [] };
  const data = { town, campaigns, laws, questions, questionStats, offline, dim, law, code };
  const keys = reportKeys(data, from, to);
  const plan = planPeople(from, to, chinaDay(now), keys);
  const [people, certificates] = await Promise.all([countPeople(db, plan.asks), countCertificates(db, keys.campaigns, from, to)]);
  return (previousYear) => buildReport({ ...data, people, certificates }, from, to, now, previousYear);
}

/** Range checks shared by the function and the CLI (Chinese messages). */
export function rangeProblem(from: string, to: string, maxDays: number): string | null {
  const valid = isDay;
  if (!valid(from)) return `起始日期 ${from} 不是有效日期`;
  if (!valid(to)) return `截止日期 ${to} 不是有效日期`;
  if (from > to) return '起始日期不能晚于截止日期';
  const span = daysBetween(from, to) + 1;
  if (span > maxDays) return `统计区间最长 ${maxDays} 天，请分段导出`;
  return null;
}
