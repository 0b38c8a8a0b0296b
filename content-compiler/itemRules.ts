/**
 * Item-writing rules (issue 16): measured over the whole bank and printed as figures beside their thresholds, so
 * that a guesser cannot beat the quiz and lessons cite what they rely on. Each rule yields a figure; a rule listed
 * in `gating` turns its offenders into errors, the others are reported only (they become gating as soon as the
 * bank passes them: see DEFAULT_GATING).
 *
 * The measures are plain text heuristics, stated next to each rule so that an author can predict them.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import type { Issue } from './issues';
import { LETTERS, type Library, type Question, type SourceRef } from './model';
import { mentionedArticles, normalizeStem } from './textHelpers';

export type ItemRuleId =
  | 'longest-right'
  | 'much-longest-right'
  | 'stem-has-answer'
  | 'judge-balance'
  | 'judge-absolute-words'
  | 'judge-verbatim'
  | 'multiple-right-counts'
  | 'same-fact'
  | 'situational'
  | 'number-recall'
  | 'lesson-mentions'
  | 'hotline-names'
  | 'option-giveaways'
  | 'word-guesser'
  /** Measured by topicMap.ts over content/topics.yaml. */
  | 'topic-coverage';

export const ITEM_RULE_IDS: ItemRuleId[] = [
  'longest-right',
  'much-longest-right',
  'stem-has-answer',
  'judge-balance',
  'judge-absolute-words',
  'judge-verbatim',
  'multiple-right-counts',
  'same-fact',
  'situational',
  'number-recall',
  'option-giveaways',
  'word-guesser',
  'lesson-mentions',
  'hotline-names',
];

/** Rules that fail the check: every rule (the whole bank passes each since issue 16's rewrite). */
export const DEFAULT_GATING: ItemRuleId[] = [...ITEM_RULE_IDS, 'topic-coverage'];

export interface ItemRuleLimits {
  /** Share of single-choice questions whose right option is strictly the longest. */
  maxLongestRight: number;
  /** Share of single-choice questions whose right option is at least longFactor × the next longest. */
  maxMuchLongestRight: number;
  longFactor: number;
  judgeTrueMin: number;
  judgeTrueMax: number;
  /** Percentage points by which absolute words may be more frequent in false than in true statements. */
  maxAbsoluteGap: number;
  /** Share of judge statements that are near-verbatim quotes of the cited text. */
  maxJudgeVerbatim: number;
  /** Bigram containment of a statement in its quote above which it counts as near-verbatim. */
  verbatimContainment: number;
  /** No single count of right options above this share of multiple-choice questions. */
  maxRightCountShare: number;
  /**
   * Bigram Jaccard similarity of stem + answers at which two questions test the same fact (on the same article,
   * where a right option of one found in the other's stem or answers also counts; on any article).
   */
  sameFactSameArticle: number;
  sameFactAnyArticle: number;
  minSituational: number;
  maxNumberRecall: number;
  /** Percentage points by which give-away words may be more frequent in wrong options than in right ones. */
  maxGiveawayGap: number;
  /** Percentage points by which the wording guesser may beat blind chance, per question type. */
  maxGuesserEdge: number;
}

export const DEFAULT_ITEM_LIMITS: ItemRuleLimits = {
  maxLongestRight: 0.3,
  maxMuchLongestRight: 0.1,
  longFactor: 1.5,
  judgeTrueMin: 0.4,
  judgeTrueMax: 0.6,
  maxAbsoluteGap: 10,
  maxJudgeVerbatim: 1 / 3,
  verbatimContainment: 0.7,
  maxRightCountShare: 0.5,
  sameFactSameArticle: 0.3,
  sameFactAnyArticle: 0.5,
  minSituational: 0.5,
  maxNumberRecall: 0.15,
  maxGiveawayGap: 5,
  maxGuesserEdge: 10,
};

export interface Offender {
  id: string;
  file?: string;
  line?: number;
  detail: string;
}

export interface ItemRuleFigure {
  id: ItemRuleId;
  /** What is measured, in a few words. */
  label: string;
  /** The measured figure, e.g. "165 of 378 (43.7%)". */
  figure: string;
  /** The threshold, e.g. "≤ 30%". */
  threshold: string;
  pass: boolean;
  gating: boolean;
  offenders: Offender[];
}

// ---------------------------------------------------------------------------------------------
// Files the rules read: public facts (hotlines and their names) and same-fact exceptions
// ---------------------------------------------------------------------------------------------

const nonEmpty = z.string().trim().min(1);
const publicFactsSchema = z
  .object({
    facts: z.array(
      z
        .object({
          id: nonEmpty,
          /** The number as dialled (hotlines), or absent for a named fact. */
          number: nonEmpty.optional(),
          /** The official name, e.g. 12348公共法律服务热线. */
          name: nonEmpty,
          /** Names it must not be given (e.g. 法律援助热线 for 12348). */
          wrongNames: z.array(nonEmpty).default([]),
          note: nonEmpty.optional(),
          source: z.object({ title: nonEmpty, url: nonEmpty, says: nonEmpty }).strict(),
        })
        .strict(),
    ),
  })
  .strict();
export type PublicFact = z.infer<typeof publicFactsSchema>['facts'][number];

const exceptionsSchema = z
  .object({
    exceptions: z.array(z.object({ questions: z.tuple([nonEmpty, nonEmpty]), reason: nonEmpty }).strict()).default([]),
  })
  .strict();
export type SameFactException = z.infer<typeof exceptionsSchema>['exceptions'][number];

export const PUBLIC_FACTS_FILE = 'public-facts.yaml';
export const SAME_FACT_EXCEPTIONS_FILE = 'same-fact-exceptions.yaml';

export interface ItemRuleFiles {
  publicFacts: PublicFact[];
  exceptions: SameFactException[];
  issues: Issue[];
}

function readRuleFile<T>(contentDir: string, name: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>, empty: T, issues: Issue[]): T {
  const file = path.join(contentDir, name);
  const rel = `content/${name}`;
  if (!fs.existsSync(file)) return empty;
  try {
    const r = schema.safeParse(YAML.parse(fs.readFileSync(file, 'utf8')));
    if (r.success) return r.data;
    for (const zi of r.error.issues) issues.push({ severity: 'error', code: 'schema', file: rel, field: zi.path.join('.') || undefined, message: zi.message });
  } catch (e) {
    issues.push({ severity: 'error', code: 'yaml', file: rel, message: `YAML syntax: ${(e as Error).message.split('\n')[0]}` });
  }
  return empty;
}

export function loadItemRuleFiles(contentDir: string): ItemRuleFiles {
  const issues: Issue[] = [];
  const publicFacts = readRuleFile(contentDir, PUBLIC_FACTS_FILE, publicFactsSchema, { facts: [] }, issues).facts;
  const exceptions = readRuleFile(contentDir, SAME_FACT_EXCEPTIONS_FILE, exceptionsSchema, { exceptions: [] }, issues).exceptions;
  return { publicFacts, exceptions, issues };
}

// ---------------------------------------------------------------------------------------------
// Text measures
// ---------------------------------------------------------------------------------------------

const len = (s: string): number => [...normalizeStem(s)].length;

function bigrams(s: string): Set<string> {
  const c = [...normalizeStem(s)];
  const out = new Set<string>();
  for (let i = 0; i + 1 < c.length; i++) out.add(c[i] + c[i + 1]);
  return out;
}
function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n / (a.size + b.size - n);
}
function containment(a: Set<string>, b: Set<string>): number {
  if (!a.size) return 0;
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n / a.size;
}

/** The texts of the right options (answer letters beyond the options, already an error, are left out). */
const rightOptions = (q: Question): string[] =>
  (q.type === 'single' ? [q.options[LETTERS.indexOf(q.answer)]] : q.type === 'multiple' ? q.answer.map((l) => q.options[LETTERS.indexOf(l)]) : []).filter((o): o is string => typeof o === 'string');
const wrongOptions = (q: Question): string[] => (q.type === 'judge' ? [] : q.options.filter((o) => !rightOptions(q).includes(o)));

/**
 * The distinctive text of a right option found in the stem: a run of min(4, length) characters of the right option
 * that no wrong option contains and the stem does. Options shorter than 2 characters are skipped.
 */
export function answerInStem(q: Question): string | null {
  const stem = normalizeStem(q.stem);
  const wrong = wrongOptions(q).map(normalizeStem);
  for (const r of rightOptions(q)) {
    const c = [...normalizeStem(r)];
    if (c.length < 2) continue;
    const k = Math.min(4, c.length);
    for (let i = 0; i + k <= c.length; i++) {
      const g = c.slice(i, i + k).join('');
      if (stem.includes(g) && !wrong.some((w) => w.includes(g))) return g;
    }
  }
  return null;
}

/** Absolute words that make a false statement easy to spot when true statements do not use them. */
export const ABSOLUTE_WORDS = ['只要', '随便', '随意', '一概', '不用', '不需要', '只能', '一律', '绝对', '完全', '任何', '所有', '一切', '都可以', '无须', '无需', '不必', '必须', '从不', '永远', '凡是'];
export function absoluteWord(s: string): string | null {
  return ABSOLUTE_WORDS.find((w) => s.includes(w)) ?? null;
}

const LEAD_IN_RE = /^(?:根据|依照|按照|依据)[^，,。]{1,24}?(?:规定)?[，,]/;
/** How much of a judge statement (minus a "根据…，" lead-in) is the cited quote, by character bigrams. */
export function verbatimShare(q: Question): number {
  return containment(bigrams(q.stem.replace(LEAD_IN_RE, '')), bigrams(q.citation.quotes.join('')));
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const PERSON_RE = new RegExp(
  [
    `[${SURNAMES}]某`,
    `[老小阿][${SURNAMES}]`,
    `[${SURNAMES}](?:大爷|大妈|大娘|奶奶|爷爷|阿姨|叔|婶|师傅|大哥|大姐|嫂|老汉|女士|先生|老师|老板|医生)`,
    '小[明红刚华丽芳军强梅兰亮伟敏静娟]',
    '村民|居民|邻居|儿子|女儿|丈夫|妻子|老伴|孙子|孙女|外孙|侄子|父亲|母亲|爸爸|妈妈|公公|婆婆|儿媳|女婿|哥哥|姐姐|弟弟|妹妹|朋友|同学|网友|房东|租户|店主|顾客|买家|卖家|司机|工人|包工头|老板|村干部|村主任|学生|孩子|老人',
    // 他/她/我/你 as a person: not 其他/其她 (other), 他人 (others), 我国 (our country), 吉他.
    '(?<![其吉])[他她](?!人)|我(?!国)|你',
  ].join('|'),
);
/** A situational question names a person (张某, 老王, 李大爷, 村民, 他/她/你 …) facing a situation. */
export function isSituational(q: Question): boolean {
  return PERSON_RE.test(q.stem);
}

/**
 * Give-away words: dismissive or absolute wording that marks an option as wrong to someone who has not read the law
 * (「只能自认倒霉」「村干部说了算」). A wrong option carrying one is implausible unless right options use them as often.
 */
export const GIVEAWAY_WORDS = ['只要', '随便', '随意', '自认倒霉', '认倒霉', '不用', '不需要', '只能', '一概', '一律', '活该', '算了', '没办法', '不管', '私了', '无所谓', '没关系', '都行', '反正', '谁让', '管不着', '说了算', '想怎么', '爱怎么', '认了'];
/** 认了 inside 确认了/承认了/否认了 is no give-away. */
const NOT_GIVEAWAY = /[确承否]认了/g;
export function giveawayWord(s: string): string | null {
  const t = s.replace(NOT_GIVEAWAY, '＿');
  return GIVEAWAY_WORDS.find((w) => t.includes(w)) ?? null;
}
/** Words that make an option or statement sound like a right or a duty, whatever the law says. */
export const LEGAL_SOUNDING_WORDS = ['依法', '应当', '有权', '可以', '申请', '报警', '赔偿', '承担', '请求', '投诉', '起诉', '保护', '协商', '调解', '仲裁', '举报'];
/** How a guesser who knows no law rates a text: legal-sounding words up, give-away words down. */
export function wordingScore(s: string): number {
  return LEGAL_SOUNDING_WORDS.filter((w) => s.includes(w)).length - GIVEAWAY_WORDS.filter((w) => s.includes(w)).length;
}

export interface GuesserOdds {
  /** Expected share of questions the wording guesser gets right. */
  guesser: number;
  /** Expected share a blind guess gets right. */
  chance: number;
  /** Questions the guesser gets right for sure (its single pick is the answer). */
  sure: Question[];
}
/**
 * The wording guesser: single choice, it picks the best-rated option (a tie: one of them at random); judge, it says
 * true when the statement rates above zero, false below, and flips a coin at zero; multiple choice, it marks every
 * option rated at least zero (at least the two best). Blind chance: 1/options, 1/2, and one answer set among all sets
 * of two or more options.
 */
export function wordingGuesser(questions: Question[]): GuesserOdds {
  let guesser = 0;
  let chance = 0;
  const sure: Question[] = [];
  for (const q of questions) {
    if (q.type === 'judge') {
      const s = wordingScore(q.stem);
      const p = s === 0 ? 0.5 : (s > 0) === q.answer ? 1 : 0;
      guesser += p;
      chance += 0.5;
      if (p === 1) sure.push(q);
      continue;
    }
    const scores = q.options.map(wordingScore);
    if (q.type === 'single') {
      const best = Math.max(...scores);
      const tied = scores.flatMap((x, i) => (x === best ? [LETTERS[i]] : []));
      const p = tied.includes(q.answer) ? 1 / tied.length : 0;
      guesser += p;
      chance += 1 / q.options.length;
      if (p === 1) sure.push(q);
      continue;
    }
    const ranked = scores.map((x, i) => ({ x, i })).sort((a, b) => b.x - a.x || a.i - b.i);
    const marked = ranked.filter((r, k) => r.x >= 0 || k < 2).map((r) => LETTERS[r.i]).sort();
    const p = marked.join('') === q.answer.join('') ? 1 : 0;
    guesser += p;
    chance += 1 / (2 ** q.options.length - q.options.length - 1);
    if (p === 1) sure.push(q);
  }
  const n = questions.length || 1;
  return { guesser: guesser / n, chance: chance / n, sure };
}

const NUMERAL_RE = /\d+(?:\.\d+)?|[零〇一二三四五六七八九十百千万两半]+/g;
const NUMERIC_OPTION_RE = /\d|[零〇一二三四五六七八九十百千万两半]+(?:个|日|天|年|月|周|倍|元|岁|小时|分钟|次|名|人|%|％|级|项)/;
/** Number recall: every option carries a number and, numbers removed, the options are (almost) the same words. */
export function isNumberRecall(q: Question): boolean {
  if (q.type === 'judge') return false;
  if (!q.options.every((o) => NUMERIC_OPTION_RE.test(o))) return false;
  return new Set(q.options.map((o) => normalizeStem(o.replace(NUMERAL_RE, '')))).size <= 2;
}

const HOTLINE_RE = /(?<![\d·.．/-])(?:110|119|120|122|12\d{3}|96110)(?![\d])/g;

/** Law names as a body may write them (titles without 中华人民共和国, 民法典 for any book), longest first. */
function lawNames(library: Pick<Library, 'lawIndex' | 'laws'>): { name: string; ids: string[] }[] {
  const byName = new Map<string, Set<string>>();
  const add = (name: string, id: string) => {
    if ([...name].length < 2) return;
    if (!byName.has(name)) byName.set(name, new Set());
    byName.get(name)!.add(id);
  };
  const entries = [...library.lawIndex.map((e) => ({ id: e.id, title: e.title })), ...library.laws.map((l) => ({ id: l.id, title: l.title }))];
  for (const e of entries) {
    const t = e.title.replace(/^中华人民共和国/, '');
    add(t, e.id);
    if (t.startsWith('民法典')) add('民法典', e.id);
  }
  for (const l of library.laws) add(l.shortName, l.id);
  return [...byName].map(([name, ids]) => ({ name, ids: [...ids] })).sort((a, b) => b.name.length - a.name.length);
}

/** What a lesson body names (laws, articles, hotlines) without citing it or listing it as a public fact. */
export function uncitedMentions(
  lesson: Library['lessons'][number],
  names: { name: string; ids: string[] }[],
  publicNumbers: Set<string>,
): string[] {
  const out: string[] = [];
  const citedLaws = new Set(lesson.citations.map((c) => c.law));
  let body = lesson.body;
  for (const { name, ids } of names) {
    if (!body.includes(name)) continue;
    if (!ids.some((id) => citedLaws.has(id))) out.push(`《${name}》`);
    body = body.split(name).join('＿');
  }
  const citedArticles = new Set(lesson.citations.map((c) => c.article));
  for (const a of mentionedArticles(lesson.body)) if (!citedArticles.has(a)) out.push(a);
  for (const n of new Set(lesson.body.match(HOTLINE_RE) ?? [])) if (!publicNumbers.has(n)) out.push(n);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The rules
// ---------------------------------------------------------------------------------------------

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
function share(n: number, d: number): string {
  return `${n} of ${d} (${d ? pct(n / d) : '—'})`;
}
const at = (src: SourceRef) => ({ file: src.file, line: src.line });
const off = (q: { id: string; source: SourceRef }, detail: string): Offender => ({ id: q.id, ...at(q.source), detail });

export type ItemRuleLibrary = Pick<Library, 'questions' | 'lessons' | 'laws' | 'lawIndex'>;

export function measureItemRules(
  library: ItemRuleLibrary,
  files: Pick<ItemRuleFiles, 'publicFacts' | 'exceptions'>,
  limits: ItemRuleLimits = DEFAULT_ITEM_LIMITS,
  gating: readonly ItemRuleId[] = DEFAULT_GATING,
): ItemRuleFigure[] {
  const figures: ItemRuleFigure[] = [];
  const push = (f: Omit<ItemRuleFigure, 'gating'>) => figures.push({ ...f, gating: gating.includes(f.id) });
  const qs = library.questions;
  const singles = qs.filter((q) => q.type === 'single');
  const judges = qs.filter((q) => q.type === 'judge');
  const multiples = qs.filter((q) => q.type === 'multiple');

  // Longest right option.
  const longest: Offender[] = [];
  const much: Offender[] = [];
  for (const q of singles) {
    const right = q.options[LETTERS.indexOf(q.answer)];
    if (right === undefined) continue;
    const r = len(right);
    const next = Math.max(...q.options.filter((_, i) => LETTERS[i] !== q.answer).map(len));
    if (r > next) longest.push(off(q, `right option ${r} chars, next ${next}`));
    if (r > next && r >= limits.longFactor * next) much.push(off(q, `right option ${r} chars ≥ ${limits.longFactor} × next ${next}`));
  }
  push({ id: 'longest-right', label: 'single: right option strictly longest', figure: share(longest.length, singles.length), threshold: `≤ ${pct(limits.maxLongestRight)}`, pass: longest.length <= limits.maxLongestRight * singles.length, offenders: longest });
  push({ id: 'much-longest-right', label: `single: right option ≥ ${limits.longFactor}× the next`, figure: share(much.length, singles.length), threshold: `≤ ${pct(limits.maxMuchLongestRight)}`, pass: much.length <= limits.maxMuchLongestRight * singles.length, offenders: much });

  // Stems containing their answer.
  const inStem: Offender[] = [];
  for (const q of qs) {
    const g = answerInStem(q);
    if (g) inStem.push(off(q, `stem contains "${g}" of a right option`));
  }
  const choice = singles.length + multiples.length;
  push({ id: 'stem-has-answer', label: 'stem contains a right option', figure: share(inStem.length, choice), threshold: '0', pass: inStem.length === 0, offenders: inStem });

  // Judge questions.
  const trues = judges.filter((q) => q.answer === true);
  const trueShare = judges.length ? trues.length / judges.length : 0.5;
  push({
    id: 'judge-balance',
    label: 'judge: statements that are true',
    figure: share(trues.length, judges.length),
    threshold: `${pct(limits.judgeTrueMin)}–${pct(limits.judgeTrueMax)}`,
    pass: trueShare >= limits.judgeTrueMin && trueShare <= limits.judgeTrueMax,
    offenders: [],
  });
  const falses = judges.filter((q) => q.answer === false);
  const absTrue = trues.filter((q) => absoluteWord(q.stem));
  const absFalse = falses.filter((q) => absoluteWord(q.stem));
  const pTrue = trues.length ? (absTrue.length / trues.length) * 100 : 0;
  const pFalse = falses.length ? (absFalse.length / falses.length) * 100 : 0;
  push({
    id: 'judge-absolute-words',
    label: 'judge: absolute words, false minus true',
    figure: `${(pFalse - pTrue).toFixed(1)} points (false ${absFalse.length}/${falses.length} = ${pFalse.toFixed(1)}%, true ${absTrue.length}/${trues.length} = ${pTrue.toFixed(1)}%)`,
    threshold: `≤ ${limits.maxAbsoluteGap} points`,
    pass: pFalse - pTrue <= limits.maxAbsoluteGap,
    offenders: pFalse - pTrue > limits.maxAbsoluteGap ? absFalse.map((q) => off(q, `false statement uses "${absoluteWord(q.stem)}"`)) : [],
  });
  const verbatim = judges.filter((q) => verbatimShare(q) >= limits.verbatimContainment);
  push({
    id: 'judge-verbatim',
    label: 'judge: near-verbatim quotes of the text',
    figure: share(verbatim.length, judges.length),
    threshold: `≤ ${pct(limits.maxJudgeVerbatim)}`,
    pass: verbatim.length <= limits.maxJudgeVerbatim * judges.length,
    offenders: verbatim.map((q) => off(q, `${pct(verbatimShare(q))} of the statement is the quote`)),
  });

  // Multiple choice: number of right options.
  const counts = new Map<number, number>();
  for (const q of multiples) counts.set(q.answer.length, (counts.get(q.answer.length) ?? 0) + 1);
  const top = Math.max(0, ...counts.values());
  const oneWrong = multiples.filter((q) => q.options.length - q.answer.length === 1).length;
  push({
    id: 'multiple-right-counts',
    label: 'multiple: most common count of right options',
    figure: `${share(top, multiples.length)}; counts ${[...counts].sort((a, b) => a[0] - b[0]).map(([k, n]) => `${k} right: ${n}`).join(', ') || 'none'}; exactly one wrong option: ${oneWrong}`,
    threshold: `≤ ${pct(limits.maxRightCountShare)}`,
    pass: top <= limits.maxRightCountShare * multiples.length,
    offenders: [],
  });

  // Same fact twice: two questions on one article whose wordings are alike or where one's answer is in the other.
  const excepted = new Set(files.exceptions.map((e) => [...e.questions].sort().join('|')));
  const facts = qs.map((q) => normalizeStem(`${q.stem}${rightOptions(q).join('')}`));
  const grams = facts.map((f) => bigrams(f));
  const answers = qs.map((q) => rightOptions(q).map(normalizeStem).filter((r) => [...r].length >= 2));
  const pairs: Offender[] = [];
  for (let i = 0; i < qs.length; i++) {
    for (let j = i + 1; j < qs.length; j++) {
      const sameArticle = qs[i].citation.law === qs[j].citation.law && qs[i].citation.article === qs[j].citation.article;
      const s = jaccard(grams[i], grams[j]);
      const shared = sameArticle ? (answers[i].find((r) => facts[j].includes(r)) ?? answers[j].find((r) => facts[i].includes(r))) : undefined;
      if (s < (sameArticle ? limits.sameFactSameArticle : limits.sameFactAnyArticle) && !shared) continue;
      if (excepted.has([qs[i].id, qs[j].id].sort().join('|'))) continue;
      pairs.push(off(qs[j], `tests the same fact as ${qs[i].id} (${shared ? `both turn on "${shared}"` : `similarity ${s.toFixed(2)}`}${sameArticle ? ', same article' : ''})`));
    }
  }
  const known = new Set(qs.map((q) => q.id));
  for (const e of files.exceptions) {
    const missing = e.questions.filter((id) => !known.has(id));
    if (missing.length) pairs.push({ id: missing.join(', '), file: `content/${SAME_FACT_EXCEPTIONS_FILE}`, detail: `exception names ${missing.join(', ')}, which is not a question (remove the stale exception)` });
  }
  push({ id: 'same-fact', label: 'pairs of questions on the same fact', figure: `${pairs.length} pair(s) (${files.exceptions.length} listed exception(s))`, threshold: '0', pass: pairs.length === 0, offenders: pairs });

  // Situational and number recall.
  const situational = qs.filter(isSituational);
  push({
    id: 'situational',
    label: 'situational questions (a person in a situation)',
    figure: share(situational.length, qs.length),
    threshold: `≥ ${pct(limits.minSituational)}`,
    pass: situational.length >= limits.minSituational * qs.length,
    offenders: situational.length >= limits.minSituational * qs.length ? [] : qs.filter((q) => !isSituational(q)).map((q) => off(q, 'names no person in a situation')),
  });
  const recall = qs.filter(isNumberRecall);
  push({
    id: 'number-recall',
    label: 'number-recall questions',
    figure: share(recall.length, qs.length),
    threshold: `≤ ${pct(limits.maxNumberRecall)}`,
    pass: recall.length <= limits.maxNumberRecall * qs.length,
    offenders: recall.length <= limits.maxNumberRecall * qs.length ? [] : recall.map((q) => off(q, 'options differ only in a number')),
  });

  // Every option plausible: give-away words no more frequent in wrong options than in right ones.
  const giveawayOff: Offender[] = [];
  let rightWith = 0;
  let rightAll = 0;
  let wrongAll = 0;
  for (const q of [...singles, ...multiples]) {
    const right = rightOptions(q);
    for (const r of right) if (giveawayWord(r)) rightWith++;
    rightAll += right.length;
    for (const w of wrongOptions(q)) {
      wrongAll++;
      const g = giveawayWord(w);
      if (g) giveawayOff.push(off(q, `wrong option "${w}" gives itself away with "${g}"`));
    }
  }
  const pWrongGive = wrongAll ? (giveawayOff.length / wrongAll) * 100 : 0;
  const pRightGive = rightAll ? (rightWith / rightAll) * 100 : 0;
  const giveawayPass = pWrongGive - pRightGive <= limits.maxGiveawayGap;
  push({
    id: 'option-giveaways',
    label: 'options: give-away words, wrong minus right',
    figure: `${(pWrongGive - pRightGive).toFixed(1)} points (wrong ${giveawayOff.length}/${wrongAll} = ${pWrongGive.toFixed(1)}%, right ${rightWith}/${rightAll} = ${pRightGive.toFixed(1)}%)`,
    threshold: `≤ ${limits.maxGiveawayGap} points`,
    pass: giveawayPass,
    offenders: giveawayOff,
  });

  // A guesser who knows no law and goes by wording alone does not beat blind chance by much.
  const odds = (['single', 'judge', 'multiple'] as const).map((type) => ({ type, ...wordingGuesser(qs.filter((q) => q.type === type)) }));
  const beats = odds.filter((o) => (o.guesser - o.chance) * 100 > limits.maxGuesserEdge);
  push({
    id: 'word-guesser',
    label: 'a guesser going by wording, against chance',
    figure: odds.map((o) => `${o.type} ${pct(o.guesser)} (chance ${pct(o.chance)})`).join(', '),
    threshold: `≤ chance + ${limits.maxGuesserEdge} points`,
    pass: beats.length === 0,
    offenders: beats.flatMap((o) => o.sure.map((q) => off(q, `a guesser going by wording gets it right (${o.type})`))),
  });

  // Lessons cite what they name.
  const names = lawNames(library);
  const numbers = new Set(files.publicFacts.map((f) => f.number).filter((n): n is string => Boolean(n)));
  const lessonOff: Offender[] = [];
  for (const l of library.lessons) {
    const missing = uncitedMentions(l, names, numbers);
    if (missing.length) lessonOff.push(off(l, `body names ${missing.join('、')}, neither cited nor in content/${PUBLIC_FACTS_FILE}`));
  }
  push({ id: 'lesson-mentions', label: 'lessons naming a law/article/hotline they do not cite', figure: share(lessonOff.length, library.lessons.length), threshold: '0', pass: lessonOff.length === 0, offenders: lessonOff });

  // Hotlines called by their official names.
  const nameOff: Offender[] = [];
  const texts: { item: { id: string; source: SourceRef }; text: string }[] = [
    ...library.lessons.map((l) => ({ item: l, text: `${l.title}\n${l.body}` })),
    ...qs.map((q) => ({ item: q, text: [q.stem, ...(q.type === 'judge' ? [] : q.options), q.explanation].join('\n') })),
  ];
  for (const { item, text } of texts) {
    for (const f of files.publicFacts) {
      const wrong = f.wrongNames.find((w) => text.includes(w));
      if (wrong) nameOff.push(off(item, `calls ${f.number ?? f.name} "${wrong}"; its name is ${f.name}`));
    }
  }
  push({ id: 'hotline-names', label: 'items giving a hotline a wrong name', figure: `${nameOff.length} item(s)`, threshold: '0', pass: nameOff.length === 0, offenders: nameOff });

  return figures;
}

/** Errors for the gating rules that fail: one per offender, or one for the rule when it has no single offender. */
export function itemRuleIssues(figures: ItemRuleFigure[]): Issue[] {
  const out: Issue[] = [];
  for (const f of figures) {
    if (f.pass || !f.gating) continue;
    if (!f.offenders.length) out.push({ severity: 'error', code: 'item-rule', id: f.id, message: `${f.label}: ${f.figure}, must be ${f.threshold}` });
    for (const o of f.offenders) out.push({ severity: 'error', code: 'item-rule', file: o.file, line: o.line, id: o.id, field: f.id, message: o.detail });
  }
  return out;
}
