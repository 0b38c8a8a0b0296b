/**
 * The town's yearly calendar: a standing campaign (三月普法月, 3·15, …) is a template in content/campaigns/
 * (synced into `campaign_templates`), and each year it runs as an edition: a document of its own in
 * `campaigns`, with its own id (`march-pufa-2027`), so every figure counted for one year stays with that year.
 *
 * - The window of a year's edition comes from the template's recurrence (month-day to month-day, China days,
 *   both inclusive): from 00:00 China time of the first day to the last millisecond of the last day. An end
 *   month-day earlier than the start means the window crosses the new year (the edition is named by the year
 *   it starts in). 02-29 in a year without it is read as 02-28.
 * - An edition is created `createDaysAhead` days before its window (so staff can adjust it first) by the
 *   `calendar` function's timer, and by content sync; both call `ensureEditions`, which only ever adds a
 *   document under the edition's id: concurrent or repeated runs create it once, and never overwrite it.
 * - Staff edit one year's edition like any campaign (it becomes staff-owned: content sync leaves it alone);
 *   the template and the other years do not change.
 * - `editionIds` keeps an id an edition had before templates existed (the 2026 editions kept `march-pufa` …
 *   so nothing already counted moved).
 */
import type { Db } from './handler';
import type { CampaignDoc, CampaignTemplateDoc, Recurrence } from './documents';

export type { CampaignTemplateDoc, Recurrence } from './documents';
import { contentHash } from './contentHash';
import { isDuplicateWrite } from './errors';
import { readAll, reads } from './database';

const DAY_MS = 24 * 3600 * 1000;
const OFFSET_MS = 8 * 3600 * 1000;
export const DEFAULT_CREATE_DAYS_AHEAD = 60;
/** Month-day `MM-DD` (02-29 allowed). */
export const MONTH_DAY_RE = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The fields of a campaign document an edition takes from its template (what content sync compares). */
export type EditionFields = Pick<CampaignDoc, 'title' | 'bannerText' | 'summary' | 'start' | 'end' | 'themeLaws' | 'lessonIds' | 'quiz'> & { templateId: string; year: number };

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Whether `MM-DD` is a day of some year (02-29 included). */
export function isMonthDay(md: string): boolean {
  if (!MONTH_DAY_RE.test(md)) return false;
  const [m, d] = md.split('-').map(Number);
  return d <= new Date(Date.UTC(2028, m, 0)).getUTCDate();
}

/** The China day `YYYY-MM-DD` a month-day falls on in `year` (02-29 → 02-28 when the year has none). */
export function dayInYear(md: string, year: number): string {
  if (!isMonthDay(md)) throw new Error(`not a month-day: ${md}`);
  const day = md === '02-29' && !isLeapYear(year) ? '02-28' : md;
  return `${String(year).padStart(4, '0')}-${day}`;
}

const chinaMidnight = (day: string): number => Date.parse(`${day}T00:00:00+08:00`);

/** The edition window of `year` as ISO instants (UTC), both bounds inclusive. */
export function editionWindow(rec: Pick<Recurrence, 'start' | 'end'>, year: number): { start: string; end: string } {
  const endYear = rec.end < rec.start ? year + 1 : year;
  const start = chinaMidnight(dayInYear(rec.start, year));
  const end = chinaMidnight(dayInYear(rec.end, endYear)) + DAY_MS - 1;
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}

export function editionIdOf(t: Pick<CampaignTemplateDoc, '_id' | 'editionIds'>, year: number): string {
  return t.editionIds[String(year)] ?? `${t._id}-${year}`;
}

export const withYear = (text: string, year: number): string => text.replace(/\{year\}/g, String(year));

/** What an edition of `year` says, made from the template (the same for content sync and the timer). */
export function editionFields(t: CampaignTemplateDoc, year: number): EditionFields {
  const { start, end } = editionWindow(t.recurrence, year);
  return {
    templateId: t._id,
    year,
    title: withYear(t.title, year),
    bannerText: withYear(t.bannerText, year),
    summary: withYear(t.summary, year),
    start,
    end,
    themeLaws: [...t.themeLaws],
    lessonIds: [...t.lessonIds],
    quiz: { questionsPerQuiz: t.quiz.questionsPerQuiz, passMark: t.quiz.passMark, attemptsPerDay: t.quiz.attemptsPerDay, pool: { laws: [...t.quiz.pool.laws], tags: [...t.quiz.pool.tags] } },
  };
}

/** The year `at` falls in, China time. */
export function chinaYear(at: Date): number {
  return new Date(at.getTime() + OFFSET_MS).getUTCFullYear();
}

/**
 * Years whose edition should exist at `now`: from `createDaysAhead` days before its start until its end
 * (an edition whose whole window passed while nothing ran is not made afterwards).
 */
export function dueYears(t: Pick<CampaignTemplateDoc, 'recurrence' | 'firstYear'>, now: Date): number[] {
  const t0 = now.getTime();
  const years: number[] = [];
  for (let y = chinaYear(now) - 1; y <= chinaYear(now) + 1; y++) {
    if (y < t.firstYear) continue;
    const w = editionWindow(t.recurrence, y);
    if (Date.parse(w.start) - t.recurrence.createDaysAhead * DAY_MS <= t0 && t0 <= Date.parse(w.end)) years.push(y);
  }
  return years;
}

/** The document a new edition starts as: published, so it goes live at its start with nobody pressing anything. */
export function newEditionDoc(t: CampaignTemplateDoc, year: number, now: Date): Record<string, unknown> & { _id: string } {
  const fields = editionFields(t, year);
  return {
    _id: editionIdOf(t, year),
    ...fields,
    status: 'published',
    pinned: false,
    source: 'content',
    bannerImage: null,
    archivedBySync: false,
    hash: contentHash(fields),
    version: 1,
    updatedAt: now.toISOString(),
    createdBy: 'calendar',
  };
}

export async function loadTemplates(db: Db): Promise<CampaignTemplateDoc[]> {
  return readAll(db, 'campaign_templates', { archived: false });
}

export interface EnsureSummary {
  created: string[];
  existing: string[];
}

/**
 * Adds every due edition that does not exist yet. Only ever `add`s under the edition's id: a document that
 * exists (made by another run at the same moment, or edited by staff since) is left exactly as it is.
 */
export async function ensureEditions(db: Db, now: Date, templates?: CampaignTemplateDoc[]): Promise<EnsureSummary> {
  const list = templates ?? (await loadTemplates(db));
  const wanted = list.filter((t) => !t.archived).flatMap((t) => dueYears(t, now).map((year) => ({ t, year, id: editionIdOf(t, year) })));
  const summary: EnsureSummary = { created: [], existing: [] };
  if (!wanted.length) return summary;
  const _ = db.command;
  const res = await reads(db, 'campaigns').where({ _id: _.in(wanted.map((w) => w.id)) }).field({ _id: true }).limit(1000).get();
  const have = new Set(res.data.map((d) => d._id));
  for (const w of wanted) {
    if (have.has(w.id)) {
      summary.existing.push(w.id);
      continue;
    }
    try {
      await db.collection('campaigns').add(newEditionDoc(w.t, w.year, now));
      summary.created.push(w.id);
    } catch (error) {
      if (!isDuplicateWrite(error)) throw error;
      summary.existing.push(w.id);
    }
  }
  return summary;
}

/** Ids a question or lesson may name to belong to a campaign: its own, and its template's (all its years). */
export function campaignRefs(c: Pick<CampaignDoc, '_id'> & { templateId?: string }): string[] {
  return c.templateId && c.templateId !== c._id ? [c._id, c.templateId] : [c._id];
}

/** `2027年 三月普法月` for an edition (a title that already names its year is left as is). */
export function editionLabel(c: { title: string; year?: number | null }): string {
  return c.year && !c.title.includes(String(c.year)) ? `${c.year}年 ${c.title}` : c.title;
}
