/**
 * The content library loader: reads content/ (laws.yaml, lessons, question bank, campaigns, town.yaml),
 * validates it against the zod schemas and the official law texts, and returns typed objects.
 *
 *   const { library, issues } = loadLibrary({ contentDir, lawsDir });
 *   const library = loadLibraryOrThrow({ contentDir, lawsDir }); // throws LibraryError on any error
 *
 * Item-level checks live here (schema, unique ids, references, citations verbatim against the law text,
 * text lengths, answers). Library-wide policy (coverage, answer-letter balance, duplicate stems, pool
 * sizes) is in rules.ts; check.ts runs both and prints the report. The format is content/README.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML, { LineCounter, isNode, type Document } from 'yaml';
import { z } from 'zod';
import {
  LawsDirMissingError,
  findArticle,
  parseArticleLabel,
  readLawIndex,
  readLawText,
  PREAMBLE_LABEL,
  type LawArticle,
  type LawIndexEntry,
  type LawText,
} from './lawText';
import { DEFAULT_CREATE_DAYS_AHEAD, chinaYear, editionWindow, isMonthDay, type Recurrence } from '../cloudfunctions/shared/campaignEditions';

// ---------------------------------------------------------------------------------------------
// Issues
// ---------------------------------------------------------------------------------------------

export type Severity = 'error' | 'warning';

export type IssueCode =
  | 'laws-dir-missing'
  | 'law-text'
  | 'file'
  | 'yaml'
  | 'schema'
  | 'id-format'
  | 'duplicate-id'
  | 'unknown-law'
  | 'unknown-lesson'
  | 'unknown-campaign'
  | 'unknown-tag'
  | 'law-meta'
  | 'version-mismatch'
  | 'missing-article'
  | 'quote-mismatch'
  | 'quote-short'
  | 'citation-articles'
  | 'body-length'
  | 'explanation-length'
  | 'options'
  | 'answer'
  | 'repealed-law'
  | 'campaign'
  | 'town'
  | 'placeholder'
  | 'source-quote'
  | 'coverage'
  | 'pool-size'
  | 'letter-balance'
  | 'all-of-above'
  | 'duplicate-stem';

export interface Issue {
  severity: Severity;
  code: IssueCode;
  /** Path relative to the repository, e.g. content/questions/xianfa.yaml */
  file?: string;
  /** 1-based line in that file, when known. */
  line?: number;
  /** Item id (question, lesson, campaign, law, village …). */
  id?: string;
  /** Field path inside the item, e.g. citation.quote, options.2 */
  field?: string;
  message: string;
}

export function formatIssue(i: Issue): string {
  const where = [i.file ? `${i.file}${i.line ? `:${i.line}` : ''}` : '', i.id ? `[${i.id}]` : '', i.field ? `${i.field}:` : '']
    .filter(Boolean)
    .join(' ');
  return `${i.severity === 'error' ? 'ERROR' : 'WARN '} ${i.code.padEnd(18)} ${where ? `${where} ` : ''}${i.message}`;
}

export class LibraryError extends Error {
  constructor(public readonly issues: Issue[]) {
    const errors = issues.filter((i) => i.severity === 'error');
    super(`content library has ${errors.length} error(s):\n${errors.slice(0, 50).map(formatIssue).join('\n')}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Constants and small helpers
// ---------------------------------------------------------------------------------------------

/** The fixed campaign ids (content/README.md). */
export const CAMPAIGN_IDS = [
  'march-pufa',
  'consumer-315',
  'security-415',
  'civil-code-may',
  'antidrug-626',
  'constitution-1204',
  'legal-aid-antifraud',
] as const;
export type CampaignId = (typeof CAMPAIGN_IDS)[number];

export const LETTERS = ['A', 'B', 'C', 'D', 'E'] as const;
export type Letter = (typeof LETTERS)[number];

export const LIMITS = {
  lessonHanWarn: 300,
  lessonHanError: 350,
  explanationWarn: 120,
  explanationError: 150,
  quoteMinChars: 4,
  minOptions: 3,
  maxOptions: 5,
  bannerMaxChars: 30,
} as const;

const HAN_RE = /\p{Script=Han}/gu;
/** Number of Han (CJK ideograph) characters, the measure for lesson length. */
export function countHan(s: string): number {
  return (s.match(HAN_RE) ?? []).length;
}
/** Number of characters that are not whitespace, the measure for explanations. */
export function countChars(s: string): number {
  return [...s.replace(/\s/g, '')].length;
}
/** Stem normalisation for duplicate detection: drop whitespace, punctuation and symbols, fold width/case. */
export function normalizeStem(s: string): string {
  return s.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '').toLowerCase();
}
/** "以上都对 / 以上都不对 / 以上均… / 以上全… / 以上皆…" style options. */
export const ALL_OF_ABOVE_RE = /以上(?:都|均|全|皆|各项|各选项|选项|说法|答案|三项|四项|几项|所有)/;

/** Laws repealed by 民法典第一千二百六十条 (劳动合同法 etc. are current and not matched). */
const REPEALED_RE = /(婚姻法|继承法|(?<!劳动|劳务|技术)合同法|物权法|侵权责任法|民法通则|民法总则|收养法|担保法)/;

const ARTICLE_MENTION_RE = /第[零〇一二三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?/g;
/** Article labels a text mentions (第三十三条 …), unique, in order. */
export function mentionedArticles(text: string): string[] {
  return [...new Set(text.match(ARTICLE_MENTION_RE) ?? [])];
}

function letterIndex(l: string): number {
  return (LETTERS as readonly string[]).indexOf(l);
}

export function toArray<T>(v: T | T[]): T[] {
  return Array.isArray(v) ? v : [v];
}

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

export interface SourceRef {
  /** Repository-relative file. */
  file: string;
  line?: number;
}

export interface Law {
  id: string;
  /** 宪法, 民法典·婚姻家庭编, 法律援助法 … */
  shortName: string;
  /** Report group: 民法典 for every Civil Code book, else the short name. */
  code: string;
  /** Full title as in index.json: 中华人民共和国民法典·婚姻家庭编 */
  title: string;
  /** Version date (ISO): latest adoption/amendment printed in the text header; equals index.json. */
  version: string;
  /** Effective date (ISO) as stated in the text header, or null when the header does not state it. */
  effective: string | null;
  note?: string;
  /** The article stating when the law (in its original version) took effect, verified verbatim. */
  commencement?: { article: string; quote: string };
  /** Parsed official text; undefined when the laws folder is unavailable. */
  text?: LawText;
  source: SourceRef;
}

export interface Citation {
  law: string;
  article: string;
  /** The quoted passage(s), each a verbatim substring of the article. */
  quotes: string[];
}

export interface Lesson {
  id: string;
  title: string;
  law: string;
  articles: string[];
  tags: string[];
  campaigns: string[];
  readingMinutes: number;
  citations: Citation[];
  /** Markdown body (without front matter), trimmed. */
  body: string;
  /** Han characters in the body. */
  hanChars: number;
  source: SourceRef;
}

interface QuestionBase {
  id: string;
  /** The law of the file the question is in (content/questions/<law>.yaml). */
  law: string;
  stem: string;
  explanation: string;
  citation: Citation;
  difficulty: 1 | 2 | 3;
  tags: string[];
  campaigns: string[];
  source: SourceRef;
}
export interface SingleQuestion extends QuestionBase {
  type: 'single';
  options: string[];
  answer: Letter;
}
export interface MultipleQuestion extends QuestionBase {
  type: 'multiple';
  options: string[];
  /** Sorted, unique, at least two letters. */
  answer: Letter[];
}
export interface JudgeQuestion extends QuestionBase {
  type: 'judge';
  answer: boolean;
}
export type Question = SingleQuestion | MultipleQuestion | JudgeQuestion;
export type QuestionType = Question['type'];

export interface CampaignQuiz {
  questionsPerQuiz: number;
  pool: { laws: string[]; tags: string[] };
  /** Percent of correct answers needed to pass (0–100). */
  passMark: number;
  attemptsPerDay: number;
}

/**
 * A standing campaign: a yearly template (cloudfunctions/shared/campaignEditions.ts makes each year's edition).
 * Its id is the series id lessons and questions name in `campaigns`.
 */
export interface Campaign {
  id: string;
  /** May contain `{year}` (as bannerText and summary). */
  title: string;
  /** Every year, China days `MM-DD`, both inclusive; an end before the start is in the next year. */
  recurrence: Recurrence;
  /** The first year with an edition. */
  firstYear: number;
  /** Year → id for editions that keep an id from before templates (e.g. 2026: march-pufa). */
  editionIds: Record<string, string>;
  themeLaws: string[];
  /** Resolved lesson ids: as listed in the file, or derived (lessons of the theme laws or naming the campaign). */
  lessonIds: string[];
  lessonIdsDerived: boolean;
  quiz: CampaignQuiz;
  bannerText: string;
  summary: string;
  source: SourceRef;
}

export interface LibraryStats {
  /** Citation entries checked against the official text, by cited law. */
  citationsChecked: Record<string, number>;
  /** Quote strings checked, by cited law. */
  quotesChecked: Record<string, number>;
}

export interface Library {
  contentDir: string;
  lawsDir: string;
  /** False when the laws folder was missing: nothing was checked against the official texts. */
  lawTextsAvailable: boolean;
  /** index.json of the laws folder (empty when missing). */
  lawIndex: LawIndexEntry[];
  laws: Law[];
  lessons: Lesson[];
  questions: Question[];
  campaigns: Campaign[];
  town: TownProfile | null;
  lawById: Map<string, Law>;
  lessonById: Map<string, Lesson>;
  questionById: Map<string, Question>;
  campaignById: Map<string, Campaign>;
  stats: LibraryStats;
}

export interface LoadOptions {
  contentDir: string;
  lawsDir: string;
  /** Folder with the annual report that town.yaml quotes; default <contentDir>/../../shared/context. */
  contextDir?: string;
}

export interface LoadResult {
  library: Library;
  issues: Issue[];
  /** True when there is no issue of severity error. */
  ok: boolean;
}

// ---------------------------------------------------------------------------------------------
// Schemas (zod)
// ---------------------------------------------------------------------------------------------

const isoDate = z.string({ invalid_type_error: 'expected a date string "YYYY-MM-DD" (quote it)' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'expected "YYYY-MM-DD"');
const nonEmpty = z
  .string({ invalid_type_error: "expected a string (quote values YAML reads as numbers or booleans, e.g. '12315', 'true')" })
  .trim()
  .min(1, 'must not be empty');
const stringList = z.array(nonEmpty, { invalid_type_error: 'expected a list of strings' });
const articleLabel = z
  .string({ invalid_type_error: 'expected an article label string like 第三十三条' })
  .refine((s) => s === PREAMBLE_LABEL || parseArticleLabel(s) !== null, {
    message: 'not an article label: write it as in the law text, e.g. 第三十三条, 第一千零七十九条, 第一百二十条之一 (or 序言)',
  });
const quoteSchema = z.union([nonEmpty, z.array(nonEmpty).min(1)], {
  errorMap: () => ({ message: 'quote must be a non-empty string or a non-empty list of strings' }),
});

export const lawEntrySchema = z
  .object({
    id: nonEmpty,
    shortName: nonEmpty,
    code: nonEmpty,
    title: nonEmpty,
    version: isoDate,
    effective: isoDate.nullable(),
    note: nonEmpty.optional(),
    commencement: z.object({ article: articleLabel, quote: nonEmpty }).strict().optional(),
  })
  .strict();
export const lawsFileSchema = z.object({ laws: z.array(z.unknown()).min(1, 'laws must list at least one law') }).strict();

const citationSchema = z.object({ law: nonEmpty, article: articleLabel, quote: quoteSchema }).strict();
const lessonCitationSchema = z.object({ law: nonEmpty.optional(), article: articleLabel, quote: quoteSchema }).strict();

export const lessonFrontMatterSchema = z
  .object({
    id: nonEmpty,
    title: nonEmpty,
    law: nonEmpty,
    articles: z.array(articleLabel).min(1, 'articles must list at least one article'),
    tags: stringList,
    campaigns: stringList.default([]),
    readingMinutes: z.number({ invalid_type_error: 'expected a number of minutes' }).int().min(1).max(15),
    citations: z.array(lessonCitationSchema).min(1, 'citations must have one entry per article'),
  })
  .strict();

const difficulty = z.union([z.literal(1), z.literal(2), z.literal(3)], {
  errorMap: () => ({ message: 'difficulty must be 1, 2 or 3' }),
});
const letter = z.enum(LETTERS, { errorMap: () => ({ message: 'expected one option letter A–E' }) });
const questionCommon = {
  id: nonEmpty,
  stem: nonEmpty,
  explanation: nonEmpty,
  citation: citationSchema,
  difficulty,
  tags: stringList,
  campaigns: stringList.default([]),
};
const options = z.array(nonEmpty, { invalid_type_error: 'options must be a list of strings', required_error: 'options are required for single/multiple questions' });
export const questionSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ ...questionCommon, type: z.literal('single'), options, answer: letter }).strict(),
    z
      .object({
        ...questionCommon,
        type: z.literal('multiple'),
        options,
        answer: z.array(letter, { invalid_type_error: 'multiple answer must be a list of letters, e.g. [A, C]' }),
      })
      .strict(),
    z
      .object({
        ...questionCommon,
        type: z.literal('judge'),
        answer: z.boolean({ invalid_type_error: 'judge answer must be the YAML boolean true or false', required_error: 'answer is required' }),
      })
      .strict(),
  ],
  { errorMap: (issue, ctx) => (issue.code === 'invalid_union_discriminator' ? { message: 'type must be single, multiple or judge' } : { message: ctx.defaultError }) },
);
export const questionFileSchema = z.object({ law: nonEmpty, questions: z.array(z.unknown()).min(1, 'questions must not be empty') }).strict();

const monthDay = z
  .string({ invalid_type_error: "expected a month-day string such as '03-01'" })
  .refine(isMonthDay, "expected a month-day MM-DD that exists in some year, e.g. '03-01' (02-29 allowed)");
export const campaignSchema = z
  .object({
    id: nonEmpty,
    title: nonEmpty,
    recurrence: z
      .object({
        start: monthDay,
        end: monthDay,
        createDaysAhead: z.number().int().min(0).max(180).default(DEFAULT_CREATE_DAYS_AHEAD),
      })
      .strict(),
    firstYear: z.number().int().min(2000).max(2100),
    editionIds: z.record(z.string().regex(/^\d{4}$/, 'editionIds keys are years, e.g. 2026'), z.string().regex(/^[a-z0-9-]{1,64}$/, 'an edition id is lower-case letters, digits and -')).default({}),
    themeLaws: z.array(nonEmpty).min(1, 'themeLaws must name at least one law'),
    lessonIds: z.array(nonEmpty).optional(),
    quiz: z
      .object({
        questionsPerQuiz: z.number().int().min(1).max(100),
        pool: z.object({ laws: z.array(nonEmpty).default([]), tags: z.array(nonEmpty).default([]) }).strict(),
        passMark: z.number().int().min(0).max(100),
        attemptsPerDay: z.number().int().min(1).max(100),
      })
      .strict(),
    bannerText: nonEmpty,
    summary: nonEmpty,
  })
  .strict();

/** A value staff must fill in: `{ placeholder: true, hint: 待填写：… }`. */
export const placeholderSchema = z
  .object({ placeholder: z.literal(true), hint: z.string().regex(/待填写/, 'a placeholder hint must contain 待填写') })
  .strict();
export type Placeholder = z.infer<typeof placeholderSchema>;
/** A known value (string) or a placeholder for staff to fill. */
const fillable = z.union([nonEmpty, placeholderSchema], {
  errorMap: () => ({ message: 'expected a string, or { placeholder: true, hint: "待填写：…" }' }),
});
export type Fillable = z.infer<typeof fillable>;
export function isPlaceholder(v: unknown): v is Placeholder {
  return typeof v === 'object' && v !== null && (v as { placeholder?: unknown }).placeholder === true;
}
/** The value of a Fillable, or null when it is still a placeholder. */
export function filled(v: Fillable | undefined): string | null {
  return typeof v === 'string' ? v : null;
}

const townSource = z.object({ ref: nonEmpty, section: nonEmpty.optional(), quote: nonEmpty }).strict();
const contactFields = { phone: fillable, address: fillable.optional(), hours: fillable.optional() };
export const townSchema = z
  .object({
    id: nonEmpty,
    name: nonEmpty,
    fullName: nonEmpty,
    government: nonEmpty,
    region: z.object({ province: nonEmpty, district: nonEmpty, town: nonEmpty }).strict(),
    sources: z
      .array(z.object({ id: nonEmpty, title: nonEmpty, date: isoDate, file: nonEmpty }).strict())
      .min(1),
    offices: z.array(
      z.object({ id: nonEmpty, name: nonEmpty, role: nonEmpty, ...contactFields, source: townSource }).strict(),
    ),
    publicLegalService: z
      .object({
        station: z.object({ id: nonEmpty, name: nonEmpty, level: z.literal('镇'), ...contactFields, source: townSource }).strict(),
        villageRooms: z.object({ name: nonEmpty, level: z.literal('村（社区）'), note: nonEmpty, source: townSource }).strict(),
      })
      .strict(),
    legalAdvisers: z.array(
      z.object({ id: nonEmpty, name: nonEmpty, role: nonEmpty, phone: fillable, source: townSource }).strict(),
    ),
    mediation: z
      .object({
        committees: z.number().int().min(0),
        mediators: z.number().int().min(0),
        asOf: nonEmpty,
        source: townSource,
      })
      .strict(),
    facts: z
      .array(z.object({ id: nonEmpty, label: nonEmpty, value: z.union([z.number(), nonEmpty]), asOf: nonEmpty, source: townSource }).strict())
      .default([]),
    hotlines: z
      .array(
        z
          .object({
            id: nonEmpty,
            number: z.string().regex(/^\d{3,8}$/, 'hotline numbers are digits only (quote them)'),
            name: nonEmpty,
            scope: z.enum(['national', 'local']),
            use: nonEmpty,
          })
          .strict(),
      )
      .min(1),
    localContacts: z
      .array(z.object({ id: nonEmpty, name: nonEmpty, phone: fillable }).strict())
      .default([]),
    villages: z
      .array(
        z
          .object({
            id: z.string().regex(/^v\d{2}$/, 'village ids are v01, v02 …'),
            name: nonEmpty,
            placeholder: z.boolean(),
            legalServiceRoom: fillable.optional(),
            mediationCommittee: fillable.optional(),
          })
          .strict(),
      )
      .min(1, 'villages must list at least one entry (placeholders are fine)'),
  })
  .strict();
export type TownProfile = z.infer<typeof townSchema> & { source: SourceRef };

// ---------------------------------------------------------------------------------------------
// YAML helpers
// ---------------------------------------------------------------------------------------------

interface ParsedYaml {
  doc: Document.Parsed;
  lines: LineCounter;
  value: unknown;
}

function parseYamlFile(text: string): { ok: true; parsed: ParsedYaml } | { ok: false; errors: { line?: number; message: string }[] } {
  const lines = new LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      ok: false,
      errors: doc.errors.map((e) => ({ line: e.linePos?.[0]?.line, message: e.message.split('\n')[0] })),
    };
  }
  return { ok: true, parsed: { doc, lines, value: doc.toJS() } };
}

/** Line of the deepest node found along a path. */
function lineAt(p: ParsedYaml | undefined, at: (string | number)[]): number | undefined {
  if (!p) return undefined;
  for (let n = at.length; n >= 0; n--) {
    const node = n === 0 ? p.doc.contents : p.doc.getIn(at.slice(0, n), true);
    if (isNode(node) && node.range) return p.lines.linePos(node.range[0]).line;
  }
  return undefined;
}

function walkFiles(dir: string, ext: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walkFiles(p, ext));
    else if (e.name.endsWith(ext)) out.push(p);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Loader
// ---------------------------------------------------------------------------------------------

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

class Loader {
  readonly issues: Issue[] = [];
  private readonly base: string;
  readonly lawTexts = new Map<string, LawText>();
  lawIndex: LawIndexEntry[] = [];
  lawTextsAvailable = false;
  readonly stats: LibraryStats = { citationsChecked: {}, quotesChecked: {} };

  constructor(readonly opts: LoadOptions) {
    this.base = path.dirname(path.resolve(opts.contentDir));
  }

  rel(file: string): string {
    return path.relative(this.base, file).split(path.sep).join('/');
  }

  add(severity: Severity, code: IssueCode, where: Omit<Issue, 'severity' | 'code' | 'message'>, message: string): void {
    this.issues.push({ severity, code, ...where, message });
  }
  error(code: IssueCode, where: Omit<Issue, 'severity' | 'code' | 'message'>, message: string): void {
    this.add('error', code, where, message);
  }
  warn(code: IssueCode, where: Omit<Issue, 'severity' | 'code' | 'message'>, message: string): void {
    this.add('warning', code, where, message);
  }

  zodIssues(err: z.ZodError, file: string, id: string | undefined, p: ParsedYaml | undefined, prefix: (string | number)[], lineOffset = 0): void {
    for (const zi of err.issues) {
      const field = zi.path.join('.') || undefined;
      let message = zi.message;
      if (zi.code === 'unrecognized_keys') message = `unknown field(s): ${zi.keys.join(', ')}`;
      if (zi.code === 'invalid_type' && zi.received === 'undefined') message = 'required field is missing';
      const line = lineAt(p, [...prefix, ...zi.path]);
      this.error('schema', { file, line: line === undefined ? undefined : line + lineOffset, id, field }, message);
    }
  }

  readText(file: string): string | null {
    try {
      return fs.readFileSync(file, 'utf8').replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
    } catch (e) {
      this.error('file', { file: this.rel(file) }, `cannot read: ${(e as Error).message}`);
      return null;
    }
  }

  readYaml(file: string): ParsedYaml | null {
    const text = this.readText(file);
    if (text === null) return null;
    const r = parseYamlFile(text);
    if (!r.ok) {
      for (const e of r.errors) this.error('yaml', { file: this.rel(file), line: e.line }, `YAML syntax: ${e.message}`);
      return null;
    }
    return r.parsed;
  }

  // --- law texts -------------------------------------------------------------------------------

  loadLawTexts(): void {
    try {
      this.lawIndex = readLawIndex(this.opts.lawsDir);
    } catch (e) {
      if (e instanceof LawsDirMissingError) {
        this.error('laws-dir-missing', {}, e.message);
      } else {
        this.error('law-text', {}, (e as Error).message);
      }
      return;
    }
    this.lawTextsAvailable = true;
    for (const entry of this.lawIndex) {
      try {
        const text = readLawText(this.opts.lawsDir, entry);
        if (entry.articles >= 0 && text.articles.length !== entry.articles) {
          this.error('law-text', { id: entry.id }, `${entry.file}: parsed ${text.articles.length} articles, index.json says ${entry.articles}`);
        }
        this.lawTexts.set(entry.id, text);
      } catch (e) {
        this.error('law-text', { id: entry.id }, (e as Error).message);
      }
    }
  }

  // --- laws.yaml -------------------------------------------------------------------------------

  loadLaws(): Law[] {
    const file = path.join(this.opts.contentDir, 'laws.yaml');
    const rf = this.rel(file);
    if (!fs.existsSync(file)) {
      this.error('file', { file: rf }, 'content/laws.yaml is missing: it must list every law the content uses');
      return [];
    }
    const p = this.readYaml(file);
    if (!p) return [];
    const top = lawsFileSchema.safeParse(p.value);
    if (!top.success) {
      this.zodIssues(top.error, rf, undefined, p, []);
      return [];
    }
    const laws: Law[] = [];
    const seen = new Map<string, number>();
    const shortNames = new Map<string, string>();
    top.data.laws.forEach((raw, i) => {
      const rawId = (raw as { id?: unknown })?.id;
      const id = typeof rawId === 'string' ? rawId : undefined;
      const line = lineAt(p, ['laws', i]);
      const r = lawEntrySchema.safeParse(raw);
      if (!r.success) {
        this.zodIssues(r.error, rf, id ?? `laws[${i}]`, p, ['laws', i]);
        return;
      }
      const d = r.data;
      const where = { file: rf, line, id: d.id };
      if (seen.has(d.id)) {
        this.error('duplicate-id', where, `law "${d.id}" is listed twice in laws.yaml (also line ${seen.get(d.id)})`);
        return;
      }
      seen.set(d.id, line ?? 0);
      if (shortNames.has(d.shortName)) this.error('law-meta', { ...where, field: 'shortName' }, `shortName "${d.shortName}" is also used by ${shortNames.get(d.shortName)}`);
      shortNames.set(d.shortName, d.id);
      const expectCode = d.id.startsWith('minfadian-') ? '民法典' : d.shortName;
      if (d.code !== expectCode) this.error('law-meta', { ...where, field: 'code' }, `code must be "${expectCode}" (民法典 for the Civil Code books, else the shortName), found "${d.code}"`);
      const law: Law = {
        id: d.id,
        shortName: d.shortName,
        code: d.code,
        title: d.title,
        version: d.version,
        effective: d.effective,
        note: d.note,
        commencement: d.commencement,
        source: { file: rf, line },
      };
      if (this.lawTextsAvailable) {
        const entry = this.lawIndex.find((e) => e.id === d.id);
        const text = this.lawTexts.get(d.id);
        if (!entry) {
          this.error('unknown-law', { ...where, field: 'id' }, `"${d.id}" is not an id of the official texts' index.json`);
        } else {
          if (entry.title !== d.title) this.error('law-meta', { ...where, field: 'title' }, `title must be "${entry.title}" (index.json), found "${d.title}"`);
          if (entry.version !== d.version) this.error('version-mismatch', { ...where, field: 'version' }, `version ${d.version} differs from index.json's ${entry.version}`);
        }
        if (text) {
          law.text = text;
          if (text.header.versionDate !== d.version) {
            this.error('version-mismatch', { ...where, field: 'version' }, `version ${d.version} differs from the text header's latest adoption/amendment date ${text.header.versionDate ?? '(none)'}`);
          }
          if (text.header.effectiveDate !== d.effective) {
            this.error('law-meta', { ...where, field: 'effective' }, `effective must be ${text.header.effectiveDate ?? 'null'} as the text header ${text.header.effectiveDate ? 'states' : 'does not state it'}, found ${d.effective ?? 'null'}`);
          }
          if (d.commencement) {
            this.checkQuote(d.id, d.commencement.article, [d.commencement.quote], { ...where, field: 'commencement' }, false);
          }
        }
      }
      laws.push(law);
    });
    return laws;
  }

  // --- citations -------------------------------------------------------------------------------

  /** Verifies that each quote is a verbatim substring of the article. Returns false on any mismatch. */
  checkQuote(lawId: string, article: string, quotes: string[], where: Omit<Issue, 'severity' | 'code' | 'message'>, count = true): boolean {
    if (!this.lawTextsAvailable) return false;
    const text = this.lawTexts.get(lawId);
    if (!text) return false; // reported as unknown law by the caller
    if (count) this.stats.citationsChecked[lawId] = (this.stats.citationsChecked[lawId] ?? 0) + 1;
    const art = findArticle(text, article);
    if (!art) {
      const parsed = parseArticleLabel(article);
      const range = text.articles.length ? `${text.articles[0].label}–${text.articles[text.articles.length - 1].label}` : 'none';
      this.error(
        'missing-article',
        { ...where, field: `${where.field ?? 'citation'}.article` },
        `${lawId} has no ${article}${parsed ? ` (article ${parsed.number}${parsed.sub ? `之${parsed.sub}` : ''})` : ''}; its articles run ${range}`,
      );
      return false;
    }
    let ok = true;
    const han = quotes.reduce((n, q) => n + countHan(q), 0);
    if (han < LIMITS.quoteMinChars) {
      this.warn('quote-short', { ...where, field: `${where.field ?? 'citation'}.quote` }, `quote "${quotes.join(' … ')}" is very short; quote the sentence that carries the rule`);
    }
    quotes.forEach((rawQuote, qi) => {
      if (count) this.stats.quotesChecked[lawId] = (this.stats.quotesChecked[lawId] ?? 0) + 1;
      const quote = rawQuote.trim();
      const field = `${where.field ?? 'citation'}.quote${quotes.length > 1 ? `.${qi}` : ''}`;
      if (art.text.includes(quote)) return;
      ok = false;
      this.error('quote-mismatch', { ...where, field }, `not verbatim in ${lawId} ${article}: ${this.explainMismatch(text, art, quote, lawId)}`);
    });
    return ok;
  }

  explainMismatch(law: LawText, art: LawArticle, quote: string, lawId: string): string {
    const elsewhere = law.articles.find((a) => a.text.includes(quote));
    if (elsewhere) return `"${clip(quote, 30)}" is in ${elsewhere.label} instead`;
    for (const [otherId, other] of this.lawTexts) {
      if (otherId === lawId) continue;
      const a = other.articles.find((x) => x.text.includes(quote));
      if (a) return `"${clip(quote, 30)}" is in ${otherId} ${a.label} instead`;
    }
    const full = toFullWidth(quote);
    if (full !== quote && art.text.includes(full)) return 'differs only in punctuation: use full-width ，。；：（）“” as the text does';
    if (art.text.replace(/\s/g, '').includes(quote.replace(/\s/g, ''))) return 'differs only in whitespace or line breaks (paragraphs are joined by a single "\\n")';
    // Longest prefix of the quote found in the article.
    let lo = 0;
    let hi = quote.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (art.text.includes(quote.slice(0, mid))) lo = mid;
      else hi = mid - 1;
    }
    if (lo === 0) return `no part of "${clip(quote, 30)}" occurs in the article, which reads: "${clip(art.text, 60)}"`;
    const prefix = quote.slice(0, lo);
    const at = art.text.indexOf(prefix) + prefix.length;
    return `matches up to "…${prefix.slice(-12)}", then the quote has "${quote.slice(lo, lo + 12)}…" but the text has "${art.text.slice(at, at + 12) || '(end of article)'}…"`;
  }

  checkCitation(c: Citation, knownLaws: Set<string>, where: Omit<Issue, 'severity' | 'code' | 'message'>): void {
    if (!knownLaws.has(c.law)) {
      const inIndex = this.lawIndex.some((e) => e.id === c.law);
      this.error('unknown-law', { ...where, field: `${where.field}.law` }, inIndex ? `law "${c.law}" is not listed in content/laws.yaml` : `law "${c.law}" is neither in content/laws.yaml nor an official text id`);
      return;
    }
    this.checkQuote(c.law, c.article, c.quotes, where);
  }

  // --- lessons ---------------------------------------------------------------------------------

  loadLessons(): Lesson[] {
    const dir = path.join(this.opts.contentDir, 'lessons');
    const lessons: Lesson[] = [];
    if (!fs.existsSync(dir)) return lessons;
    for (const file of walkFiles(dir, '')) {
      const rf = this.rel(file);
      if (!file.endsWith('.md')) {
        if (!path.basename(file).startsWith('.')) this.warn('file', { file: rf }, 'not a lesson (.md) file; ignored');
        continue;
      }
      const lesson = this.loadLesson(file, rf, dir);
      if (lesson) lessons.push(lesson);
    }
    return lessons;
  }

  loadLesson(file: string, rf: string, dir: string): Lesson | null {
    const text = this.readText(file);
    if (text === null) return null;
    const m = /^---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(text);
    if (!m) {
      this.error('schema', { file: rf, line: 1 }, 'a lesson starts with YAML front matter between "---" lines');
      return null;
    }
    const r = parseYamlFile(m[1]);
    if (!r.ok) {
      for (const e of r.errors) this.error('yaml', { file: rf, line: e.line ? e.line + 1 : undefined }, `front matter YAML: ${e.message}`);
      return null;
    }
    const p = r.parsed;
    const rawId = (p.value as { id?: unknown } | null)?.id;
    const idGuess = typeof rawId === 'string' ? rawId : path.basename(file, '.md');
    const fm = lessonFrontMatterSchema.safeParse(p.value);
    if (!fm.success) {
      this.zodIssues(fm.error, rf, idGuess, p, [], 1); // +1 for the opening ---
      return null;
    }
    const d = fm.data;
    const where = { file: rf, line: 1, id: d.id };
    const body = text.slice(m[0].length).trim();
    const expectedDir = path.join(dir, d.law);
    if (path.dirname(file) !== expectedDir) this.error('id-format', { ...where, field: 'law' }, `a ${d.law} lesson belongs in content/lessons/${d.law}/`);
    if (!new RegExp(`^l-${escapeRe(d.law)}-\\d{2}$`).test(d.id)) this.error('id-format', { ...where, field: 'id' }, `lesson id must be l-${d.law}-<2 digits>, found "${d.id}"`);
    if (path.basename(file, '.md') !== d.id) this.error('id-format', { ...where, field: 'id' }, `file name must be ${d.id}.md`);
    return {
      id: d.id,
      title: d.title,
      law: d.law,
      articles: d.articles,
      tags: d.tags,
      campaigns: d.campaigns,
      readingMinutes: d.readingMinutes,
      citations: d.citations.map((c) => ({ law: c.law ?? d.law, article: c.article, quotes: toArray(c.quote) })),
      body,
      hanChars: countHan(body),
      source: { file: rf, line: 1 },
    };
  }

  // --- questions -------------------------------------------------------------------------------

  loadQuestions(): Question[] {
    const dir = path.join(this.opts.contentDir, 'questions');
    const out: Question[] = [];
    if (!fs.existsSync(dir)) return out;
    for (const file of walkFiles(dir, '')) {
      const rf = this.rel(file);
      if (!file.endsWith('.yaml')) {
        if (!path.basename(file).startsWith('.')) this.warn('file', { file: rf }, 'question files are content/questions/<lawId>.yaml; ignored');
        continue;
      }
      const p = this.readYaml(file);
      if (!p) continue;
      const top = questionFileSchema.safeParse(p.value);
      if (!top.success) {
        this.zodIssues(top.error, rf, undefined, p, []);
        continue;
      }
      const fileLaw = top.data.law;
      if (path.basename(file, '.yaml') !== fileLaw) this.error('id-format', { file: rf, line: lineAt(p, ['law']), field: 'law' }, `law "${fileLaw}" must match the file name (${path.basename(file)})`);
      top.data.questions.forEach((raw, i) => {
        const rawId = (raw as { id?: unknown } | null)?.id;
        const id = typeof rawId === 'string' ? rawId : `questions[${i}]`;
        const line = lineAt(p, ['questions', i]);
        const r = questionSchema.safeParse(raw);
        if (!r.success) {
          this.zodIssues(r.error, rf, id, p, ['questions', i]);
          return;
        }
        const d = r.data;
        const where = { file: rf, line, id: d.id };
        if (!new RegExp(`^q-${escapeRe(fileLaw)}-\\d{3}$`).test(d.id)) this.error('id-format', { ...where, field: 'id' }, `question id must be q-${fileLaw}-<3 digits>, found "${d.id}"`);
        const base = {
          id: d.id,
          law: fileLaw,
          stem: d.stem,
          explanation: d.explanation,
          citation: { law: d.citation.law, article: d.citation.article, quotes: toArray(d.citation.quote) },
          difficulty: d.difficulty,
          tags: d.tags,
          campaigns: d.campaigns,
          source: { file: rf, line },
        };
        const fieldLine = (f: (string | number)[]) => lineAt(p, ['questions', i, ...f]);
        if (d.type === 'judge') {
          out.push({ ...base, type: 'judge', answer: d.answer });
          return;
        }
        // Options
        if (d.options.length < LIMITS.minOptions || d.options.length > LIMITS.maxOptions) {
          this.error('options', { ...where, line: fieldLine(['options']), field: 'options' }, `${d.type} questions have ${LIMITS.minOptions}–${LIMITS.maxOptions} options, found ${d.options.length}`);
        }
        const seenOpt = new Map<string, number>();
        d.options.forEach((o, oi) => {
          if (/^[A-Ea-e][\s.、．:：)）]/.test(o)) this.error('options', { ...where, line: fieldLine(['options', oi]), field: `options.${oi}` }, `option "${clip(o, 20)}" carries its own letter; the app adds A/B/C…`);
          const k = normalizeStem(o);
          if (seenOpt.has(k)) this.error('options', { ...where, line: fieldLine(['options', oi]), field: `options.${oi}` }, `option "${clip(o, 20)}" repeats option ${LETTERS[seenOpt.get(k)!]}`);
          seenOpt.set(k, oi);
        });
        const valid = LETTERS.slice(0, d.options.length) as readonly string[];
        const validText = `${valid[0]}–${valid[valid.length - 1]}`;
        if (d.type === 'single') {
          if (!valid.includes(d.answer)) this.error('answer', { ...where, line: fieldLine(['answer']), field: 'answer' }, `answer ${d.answer} is not one of the ${d.options.length} options (${validText})`);
          out.push({ ...base, type: 'single', options: d.options, answer: d.answer });
          return;
        }
        const letters = [...d.answer];
        if (new Set(letters).size !== letters.length) this.error('answer', { ...where, line: fieldLine(['answer']), field: 'answer' }, `answer repeats a letter: [${letters.join(', ')}]`);
        const uniq = [...new Set(letters)].sort((a, b) => letterIndex(a) - letterIndex(b));
        if (uniq.length < 2) this.error('answer', { ...where, line: fieldLine(['answer']), field: 'answer' }, `a multiple-choice answer has at least two letters, found [${letters.join(', ')}] (use type: single for one)`);
        const bad = uniq.filter((l) => !valid.includes(l));
        if (bad.length) this.error('answer', { ...where, line: fieldLine(['answer']), field: 'answer' }, `answer letter(s) ${bad.join(', ')} not among the ${d.options.length} options (${validText})`);
        out.push({ ...base, type: 'multiple', options: d.options, answer: uniq });
      });
    }
    return out;
  }

  // --- campaigns -------------------------------------------------------------------------------

  loadCampaigns(): (Campaign & { rawLessonIds?: string[] })[] {
    const dir = path.join(this.opts.contentDir, 'campaigns');
    const out: (Campaign & { rawLessonIds?: string[] })[] = [];
    if (!fs.existsSync(dir)) return out;
    for (const file of walkFiles(dir, '')) {
      const rf = this.rel(file);
      if (!file.endsWith('.yaml')) {
        if (!path.basename(file).startsWith('.')) this.warn('file', { file: rf }, 'campaign files are content/campaigns/<campaignId>.yaml; ignored');
        continue;
      }
      const p = this.readYaml(file);
      if (!p) continue;
      const rawId = (p.value as { id?: unknown } | null)?.id;
      const r = campaignSchema.safeParse(p.value);
      if (!r.success) {
        this.zodIssues(r.error, rf, typeof rawId === 'string' ? rawId : path.basename(file, '.yaml'), p, []);
        continue;
      }
      const d = r.data;
      const where = { file: rf, line: 1, id: d.id };
      if (path.basename(file, '.yaml') !== d.id) this.error('id-format', { ...where, field: 'id' }, `file name must be ${d.id}.yaml`);
      if (!(CAMPAIGN_IDS as readonly string[]).includes(d.id)) this.error('id-format', { ...where, field: 'id' }, `"${d.id}" is not one of the fixed campaign ids (${CAMPAIGN_IDS.join(', ')})`);
      for (const [year, id] of Object.entries(d.editionIds)) {
        if (Number(year) < d.firstYear) this.error('campaign', { ...where, line: lineAt(p, ['editionIds']), field: 'editionIds' }, `editionIds names ${year}, before firstYear ${d.firstYear}`);
        if (id !== d.id && id !== `${d.id}-${year}`) this.warn('campaign', { ...where, line: lineAt(p, ['editionIds']), field: 'editionIds' }, `edition id "${id}" is neither "${d.id}" nor "${d.id}-${year}"`);
      }
      if (/\{(?!year\})[^}]*\}/.test(`${d.title}${d.bannerText}${d.summary}`)) this.error('campaign', where, 'the only placeholder in title, bannerText and summary is {year}');
      if ([...d.bannerText].length > LIMITS.bannerMaxChars) this.warn('campaign', { ...where, line: lineAt(p, ['bannerText']), field: 'bannerText' }, `bannerText has ${[...d.bannerText].length} characters; keep it to one short line (≤ ${LIMITS.bannerMaxChars})`);
      if (d.quiz.pool.laws.length === 0 && d.quiz.pool.tags.length === 0) this.warn('campaign', { ...where, field: 'quiz.pool' }, 'pool has no laws and no tags: only questions naming this campaign are drawn');
      out.push({
        id: d.id,
        title: d.title,
        recurrence: d.recurrence,
        firstYear: d.firstYear,
        editionIds: d.editionIds,
        themeLaws: d.themeLaws,
        lessonIds: d.lessonIds ?? [],
        lessonIdsDerived: d.lessonIds === undefined,
        rawLessonIds: d.lessonIds,
        quiz: d.quiz,
        bannerText: d.bannerText,
        summary: d.summary,
        source: { file: rf, line: 1 },
      });
    }
    return out;
  }

  // --- town ------------------------------------------------------------------------------------

  loadTown(): TownProfile | null {
    const file = path.join(this.opts.contentDir, 'town.yaml');
    const rf = this.rel(file);
    if (!fs.existsSync(file)) {
      this.error('file', { file: rf }, 'content/town.yaml (the town profile) is missing');
      return null;
    }
    const p = this.readYaml(file);
    if (!p) return null;
    const r = townSchema.safeParse(p.value);
    if (!r.success) {
      this.zodIssues(r.error, rf, 'town', p, []);
      return null;
    }
    const t: TownProfile = { ...r.data, source: { file: rf, line: 1 } };
    // Placeholders: 待填写 only inside placeholders; villages flagged consistently.
    const scan = (v: unknown, at: (string | number)[]): void => {
      if (typeof v === 'string') {
        const key = at[at.length - 1];
        if (/待填写/.test(v) && key !== 'hint' && !(key === 'name' && at[0] === 'villages')) {
          this.error('placeholder', { file: rf, line: lineAt(p, at), id: 'town', field: at.join('.') }, `"${v}" is a placeholder: write it as { placeholder: true, hint: "${v}" }`);
        }
      } else if (Array.isArray(v)) v.forEach((x, i) => scan(x, [...at, i]));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) scan(x, [...at, k]);
    };
    scan(r.data, []);
    const seenVillage = new Set<string>();
    t.villages.forEach((v, i) => {
      const where = { file: rf, line: lineAt(p, ['villages', i]), id: v.id };
      if (seenVillage.has(v.id)) this.error('duplicate-id', where, `village id ${v.id} is used twice`);
      seenVillage.add(v.id);
      const marked = /待填写/.test(v.name);
      if (v.placeholder !== marked) {
        this.error('placeholder', { ...where, field: 'placeholder' }, v.placeholder ? `placeholder village name must say 待填写, found "${v.name}"` : `name "${v.name}" says 待填写 but placeholder is false`);
      }
    });
    if (!t.hotlines.some((h) => h.number === '12348')) this.error('town', { file: rf, line: lineAt(p, ['hotlines']), id: 'town', field: 'hotlines' }, 'hotlines must include 12348, the national public legal service (legal aid) hotline');
    const ids = new Set<string>();
    for (const list of [t.offices, t.legalAdvisers, t.hotlines, t.localContacts, t.facts] as { id: string }[][]) {
      for (const x of list) {
        if (ids.has(x.id)) this.error('duplicate-id', { file: rf, id: x.id }, `town.yaml id "${x.id}" is used twice`);
        ids.add(x.id);
      }
    }
    // Sources: every quote is in the cited report (whitespace-insensitive), when the report is at hand.
    const sourceText = new Map<string, string | null>();
    for (const s of t.sources) {
      const candidates = [path.resolve(this.base, s.file)];
      if (this.opts.contextDir) candidates.unshift(path.join(this.opts.contextDir, path.basename(s.file)));
      const found = candidates.find((c) => fs.existsSync(c));
      sourceText.set(s.id, found ? fs.readFileSync(found, 'utf8').replace(/\s/g, '') : null);
      if (!found) this.warn('source-quote', { file: rf, id: s.id, field: 'file' }, `source file ${s.file} not found: town.yaml quotes were not verified`);
    }
    const checkSource = (src: { ref: string; quote: string }, at: (string | number)[], id: string): void => {
      if (!sourceText.has(src.ref)) {
        this.error('town', { file: rf, line: lineAt(p, [...at, 'ref']), id, field: `${at.join('.')}.ref` }, `unknown source "${src.ref}" (sources: ${t.sources.map((s) => s.id).join(', ')})`);
        return;
      }
      const txt = sourceText.get(src.ref);
      if (txt && !txt.includes(src.quote.replace(/\s/g, ''))) {
        this.error('source-quote', { file: rf, line: lineAt(p, [...at, 'quote']), id, field: `${at.join('.')}.quote` }, `"${clip(src.quote, 40)}" is not in source ${src.ref}`);
      }
    };
    t.offices.forEach((o, i) => checkSource(o.source, ['offices', i, 'source'], o.id));
    t.legalAdvisers.forEach((o, i) => checkSource(o.source, ['legalAdvisers', i, 'source'], o.id));
    t.facts.forEach((o, i) => checkSource(o.source, ['facts', i, 'source'], o.id));
    checkSource(t.publicLegalService.station.source, ['publicLegalService', 'station', 'source'], t.publicLegalService.station.id);
    checkSource(t.publicLegalService.villageRooms.source, ['publicLegalService', 'villageRooms', 'source'], 'villageRooms');
    checkSource(t.mediation.source, ['mediation', 'source'], 'mediation');
    const med = sourceText.get(t.mediation.source.ref);
    if (med && (!med.includes(`${t.mediation.committees}个人民调`) || !med.includes(`${t.mediation.mediators}名人民调解员`))) {
      this.error('source-quote', { file: rf, line: lineAt(p, ['mediation']), id: 'mediation' }, `mediation counts ${t.mediation.committees}/${t.mediation.mediators} do not match the source`);
    }
    return t;
  }
}

function clip(s: string, n: number): string {
  const chars = [...s.replace(/\n/g, '⏎')];
  return chars.length > n ? `${chars.slice(0, n).join('')}…` : chars.join('');
}
function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
const FULL_WIDTH: Record<string, string> = { ',': '，', ';': '；', ':': '：', '(': '（', ')': '）', '?': '？', '!': '！' };
function toFullWidth(s: string): string {
  let out = s.replace(/[,;:()?!]/g, (c) => FULL_WIDTH[c]);
  let quotes = 0;
  out = out.replace(/"/g, () => (quotes++ % 2 === 0 ? '“' : '”'));
  return out.replace(/(\p{Script=Han})\.(?=\p{Script=Han}|$)/gu, '$1。');
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
  const L = new Loader({ ...opts, contentDir });
  if (!fs.existsSync(contentDir)) L.error('file', {}, `content folder not found: ${contentDir}`);
  L.loadLawTexts();
  const laws = L.loadLaws();
  const lawById = new Map(laws.map((l) => [l.id, l] as const));
  const knownLaws = new Set(lawById.keys());
  const campaignsRaw = L.loadCampaigns();
  const lessons = L.loadLessons();
  const questions = L.loadQuestions();
  const town = L.loadTown();

  // Unique ids across lessons, questions and campaigns.
  const owners = new Map<string, SourceRef>();
  const claim = (id: string, src: SourceRef): boolean => {
    const prev = owners.get(id);
    if (prev) {
      L.error('duplicate-id', { file: src.file, line: src.line, id }, `id "${id}" is already used in ${prev.file}${prev.line ? `:${prev.line}` : ''}`);
      return false;
    }
    owners.set(id, src);
    return true;
  };
  const campaigns = campaignsRaw.filter((c) => claim(c.id, c.source));
  const uniqLessons = lessons.filter((l) => claim(l.id, l.source));
  const uniqQuestions = questions.filter((q) => claim(q.id, q.source));
  const campaignIds = new Set(campaigns.map((c) => c.id));
  const lessonById = new Map(uniqLessons.map((l) => [l.id, l] as const));
  const questionById = new Map(uniqQuestions.map((q) => [q.id, q] as const));

  const checkCampaignRefs = (list: string[], where: Omit<Issue, 'severity' | 'code' | 'message'>): void => {
    for (const c of list) {
      if (!campaignIds.has(c)) L.error('unknown-campaign', { ...where, field: 'campaigns' }, `unknown campaign "${c}" (campaigns: ${[...campaignIds].join(', ') || 'none'})`);
    }
  };
  const checkRepealed = (text: string, where: Omit<Issue, 'severity' | 'code' | 'message'>): void => {
    const m = REPEALED_RE.exec(text);
    if (m) L.warn('repealed-law', where, `mentions ${m[1]}, repealed by 民法典 on 2021-01-01 (民法典第一千二百六十条): cite the 民法典 instead, or make clear it is repealed`);
  };

  for (const l of uniqLessons) {
    const where = { file: l.source.file, line: l.source.line, id: l.id };
    if (!knownLaws.has(l.law)) L.error('unknown-law', { ...where, field: 'law' }, `law "${l.law}" is not listed in content/laws.yaml`);
    checkCampaignRefs(l.campaigns, where);
    const citedAny = new Set(l.citations.map((c) => c.article));
    for (const a of l.articles) if (!citedAny.has(a)) L.error('citation-articles', { ...where, field: 'citations' }, `article ${a} is in articles but has no citation entry quoting it`);
    for (const c of l.citations) if (!l.articles.includes(c.article)) L.error('citation-articles', { ...where, field: 'articles' }, `citation ${c.law === l.law ? '' : `${c.law} `}${c.article} is not listed in articles`);
    l.citations.forEach((c, i) => L.checkCitation(c, knownLaws, { ...where, field: `citations.${i}` }));
    if (!l.body) L.error('body-length', { ...where, field: 'body' }, 'lesson body is empty');
    else if (l.hanChars > LIMITS.lessonHanError) L.error('body-length', { ...where, field: 'body' }, `body has ${l.hanChars} Han characters; at most about ${LIMITS.lessonHanWarn} (error above ${LIMITS.lessonHanError})`);
    else if (l.hanChars > LIMITS.lessonHanWarn) L.warn('body-length', { ...where, field: 'body' }, `body has ${l.hanChars} Han characters; aim for at most ${LIMITS.lessonHanWarn}`);
    if (l.tags.length === 0) L.warn('schema', { ...where, field: 'tags' }, 'no tags');
    const strayL = mentionedArticles(l.body).filter((a) => !l.articles.includes(a));
    if (strayL.length) L.warn('citation-articles', { ...where, field: 'body' }, `body names ${strayL.join('、')}, which articles/citations do not list`);
    checkRepealed(`${l.title}\n${l.body}`, { ...where, field: 'body' });
  }

  for (const q of uniqQuestions) {
    const where = { file: q.source.file, line: q.source.line, id: q.id };
    if (!knownLaws.has(q.law)) L.error('unknown-law', { ...where, field: 'law' }, `file law "${q.law}" is not listed in content/laws.yaml`);
    checkCampaignRefs(q.campaigns, where);
    L.checkCitation(q.citation, knownLaws, { ...where, field: 'citation' });
    const n = countChars(q.explanation);
    if (n > LIMITS.explanationError) L.error('explanation-length', { ...where, field: 'explanation' }, `explanation has ${n} characters; at most about ${LIMITS.explanationWarn} (error above ${LIMITS.explanationError})`);
    else if (n > LIMITS.explanationWarn) L.warn('explanation-length', { ...where, field: 'explanation' }, `explanation has ${n} characters; aim for at most ${LIMITS.explanationWarn}`);
    if (q.tags.length === 0) L.warn('schema', { ...where, field: 'tags' }, 'no tags');
    const named = mentionedArticles(q.explanation);
    if (named.length && !named.includes(q.citation.article)) L.warn('citation-articles', { ...where, field: 'explanation' }, `explanation names ${named.join('、')} but the citation is ${q.citation.article}`);
    checkRepealed([q.stem, ...(q.type === 'judge' ? [] : q.options), q.explanation].join('\n'), where);
  }

  // Campaign references and lesson ids.
  const tagsInUse = new Set(uniqQuestions.flatMap((q) => q.tags));
  const resolved: Campaign[] = campaigns.map(({ rawLessonIds, ...c }) => {
    const where = { file: c.source.file, line: c.source.line, id: c.id };
    for (const l of c.themeLaws) if (!knownLaws.has(l)) L.error('unknown-law', { ...where, field: 'themeLaws' }, `theme law "${l}" is not listed in content/laws.yaml`);
    for (const l of c.quiz.pool.laws) if (!knownLaws.has(l)) L.error('unknown-law', { ...where, field: 'quiz.pool.laws' }, `pool law "${l}" is not listed in content/laws.yaml`);
    for (const t of c.quiz.pool.tags) if (!tagsInUse.has(t)) L.error('unknown-tag', { ...where, field: 'quiz.pool.tags' }, `pool tag "${t}" is not used by any question`);
    let lessonIds: string[];
    if (rawLessonIds) {
      lessonIds = rawLessonIds;
      for (const id of rawLessonIds) if (!lessonById.has(id)) L.error('unknown-lesson', { ...where, field: 'lessonIds' }, `lesson "${id}" does not exist`);
      if (new Set(rawLessonIds).size !== rawLessonIds.length) L.error('campaign', { ...where, field: 'lessonIds' }, 'lessonIds lists a lesson twice');
    } else {
      const theme = new Set(c.themeLaws);
      lessonIds = uniqLessons.filter((l) => theme.has(l.law) || l.campaigns.includes(c.id)).map((l) => l.id).sort();
    }
    return { ...c, lessonIds };
  });

  const library: Library = {
    contentDir,
    lawsDir: path.resolve(opts.lawsDir),
    lawTextsAvailable: L.lawTextsAvailable,
    lawIndex: L.lawIndex,
    laws,
    lessons: uniqLessons,
    questions: uniqQuestions,
    campaigns: resolved,
    town,
    lawById,
    lessonById,
    questionById,
    campaignById: new Map(resolved.map((c) => [c.id, c] as const)),
    stats: L.stats,
  };
  return { library, issues: L.issues, ok: !L.issues.some((i) => i.severity === 'error') };
}

/** loadLibrary, throwing LibraryError when there is any error (for content sync and the quiz server). */
export function loadLibraryOrThrow(opts: LoadOptions): Library {
  const r = loadLibrary(opts);
  if (!r.ok) throw new LibraryError(r.issues);
  return r.library;
}
