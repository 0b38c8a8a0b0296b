/**
 * The content library: reads content/ (laws.yaml, lessons, question bank, campaigns, town.yaml), validates it
 * against the zod schemas and the official law texts, and returns typed objects.
 *
 *   const { library, issues } = loadLibrary({ contentDir, lawsDir });
 *   const library = loadLibraryOrThrow({ contentDir, lawsDir }); // throws LibraryError on any error
 *
 * This file is the entry point and re-exports the library's public names. The parts, one concern a file:
 *   issues.ts (issue codes, formatting) · model.ts (ids, limits, typed objects) · schemas.ts (zod schemas) ·
 *   yamlFiles.ts (YAML with line numbers) · textHelpers.ts (Han counts, normalisation) · loadContext.ts (loader
 *   state) · quotes.ts (official texts, verbatim quotes) · loadLaws / loadLessons / loadQuestions / loadCampaigns /
 *   loadTown.ts (one content file kind each) · crossReferences.ts (ids and references across files).
 * Library-wide policy (coverage, answer-letter balance, duplicate stems, pool sizes) is in rules.ts; item-writing
 * rules in itemRules.ts; check.ts runs them all and prints the report. The format is content/README.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkCrossReferences } from './crossReferences';
import { LibraryError } from './issues';
import { findArticle } from './lawText';
import { loadCampaigns } from './loadCampaigns';
import { LoadContext } from './loadContext';
import { loadLaws } from './loadLaws';
import { loadLessons } from './loadLessons';
import { loadQuestions } from './loadQuestions';
import { loadTown } from './loadTown';
import { loadLawTexts } from './quotes';
import type { Campaign, Library, LoadOptions, LoadResult, Question } from './model';
import { chinaYear, editionWindow } from '../cloudfunctions/shared/campaignEditions';

export * from './issues';
export * from './model';
export { lawEntrySchema, lawsFileSchema, lessonFrontMatterSchema, questionSchema, questionFileSchema, campaignSchema, placeholderSchema, townSchema, isPlaceholder, filled } from './schemas';
export type { Placeholder, Fillable, TownProfile } from './schemas';
export { countHan, countChars, normalizeStem, ALL_OF_ABOVE_RE, mentionedArticles, toArray } from './textHelpers';

/** Default folders: content/ of this repository and ../shared/laws beside it, or $LAWS_DIR. */
export function defaultPaths(env: NodeJS.ProcessEnv = process.env): { repoRoot: string; contentDir: string; lawsDir: string; contextDir: string } {
  const repoRoot = path.resolve(__dirname, '..');
  return {
    repoRoot,
    contentDir: path.join(repoRoot, 'content'),
    lawsDir: env.LAWS_DIR ? path.resolve(env.LAWS_DIR) : path.resolve(repoRoot, '..', 'shared', 'laws'),
    contextDir: path.resolve(repoRoot, '..', 'shared', 'context'),
  };
}

/** Questions a campaign's quiz draws from: law in pool.laws, or naming the campaign, or sharing a pool tag. */
export function campaignPool(library: Pick<Library, 'questions'>, campaign: Pick<Campaign, 'id' | 'quiz'>): Question[] {
  const laws = new Set(campaign.quiz.pool.laws);
  const tags = new Set(campaign.quiz.pool.tags);
  return library.questions.filter((q) => laws.has(q.law) || q.campaigns.includes(campaign.id) || q.tags.some((t) => tags.has(t)));
}

/** The official text of an article (paragraphs joined by "\n"), e.g. to show a citation in full. */
export function articleText(library: Pick<Library, 'lawById'>, lawId: string, article: string): string | undefined {
  const text = library.lawById.get(lawId)?.text;
  return text ? findArticle(text, article)?.text : undefined;
}

/** Whether a campaign's edition of the year is running at an instant (window bounds inclusive). */
export function isCampaignActive(campaign: Pick<Campaign, 'recurrence' | 'firstYear'>, at: Date = new Date()): boolean {
  const t = at.getTime();
  return [chinaYear(at) - 1, chinaYear(at)].some((y) => {
    if (y < campaign.firstYear) return false;
    const w = editionWindow(campaign.recurrence, y);
    return t >= Date.parse(w.start) && t <= Date.parse(w.end);
  });
}

/** Loads and validates the whole content library. Never throws for content problems: see `issues`. */
export function loadLibrary(opts: LoadOptions): LoadResult {
  const contentDir = path.resolve(opts.contentDir);
  const ctx = new LoadContext({ ...opts, contentDir });
  if (!fs.existsSync(contentDir)) ctx.error('file', {}, `content folder not found: ${contentDir}`);
  loadLawTexts(ctx);
  const laws = loadLaws(ctx);
  const lawById = new Map(laws.map((l) => [l.id, l] as const));
  const campaignsRaw = loadCampaigns(ctx);
  const lessons = loadLessons(ctx);
  const questions = loadQuestions(ctx);
  const town = loadTown(ctx);
  const checked = checkCrossReferences(ctx, laws, campaignsRaw, lessons, questions);

  const library: Library = {
    contentDir,
    lawsDir: path.resolve(opts.lawsDir),
    lawTextsAvailable: ctx.lawTextsAvailable,
    lawIndex: ctx.lawIndex,
    laws,
    lessons: checked.lessons,
    questions: checked.questions,
    campaigns: checked.campaigns,
    town,
    lawById,
    lessonById: checked.lessonById,
    questionById: checked.questionById,
    campaignById: new Map(checked.campaigns.map((c) => [c.id, c] as const)),
    stats: ctx.stats,
  };
  return { library, issues: ctx.issues, ok: !ctx.issues.some((i) => i.severity === 'error') };
}

/** loadLibrary, throwing LibraryError when there is any error (for content sync and the quiz server). */
export function loadLibraryOrThrow(opts: LoadOptions): Library {
  const r = loadLibrary(opts);
  if (!r.ok) throw new LibraryError(r.issues);
  return r.library;
}
