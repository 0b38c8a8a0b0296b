/**
 * Library-wide rules of the content library (issue 4): coverage, answer-letter balance, "以上都对" share,
 * duplicate stems and campaign pool sizes, plus the per-law summary the checker prints.
 */
import {
  ALL_OF_ABOVE_RE,
  LETTERS,
  campaignPool,
  normalizeStem,
  type Issue,
  type Letter,
  type Library,
  type Question,
} from './library';
import { DEFAULT_GATING, type ItemRuleId } from './itemRules';

export interface Rules {
  /** Laws (of laws.yaml) that have content. */
  /** Laws and regulations with content, the Civil Code counted once. */
  minLaws: number;
  minLessons: number;
  minQuestions: number;
  /** Minimums for every law in laws.yaml. */
  perLawLessons: number;
  perLawQuestions: number;
  /** Laws that must be covered (listed in laws.yaml and meeting the per-law minimums). */
  requiredLaws: string[];
  /** Civil Code books (ids minfadian-*) that must be covered. */
  minCivilCodeBooks: number;
  /** Campaign files that must exist. */
  requiredCampaigns: string[];
  /** Each campaign's pool must hold at least poolFactor × questionsPerQuiz questions. */
  poolFactor: number;
  /** No single-choice answer letter above this share of all single-choice questions. */
  maxLetterShare: number;
  /** Share of questions with a 以上都对/以上都不对/以上均… option. */
  maxAllOfAboveShare: number;
  /** Warn when one letter exceeds this share within one law having at least perLawLetterMin singles. */
  perLawLetterWarnShare: number;
  perLawLetterMin: number;
  /** Item-writing rules (itemRules.ts) whose failure is an error; the others are printed only. */
  itemGating: ItemRuleId[];
}

export const DEFAULT_RULES: Rules = {
  // Issue 16's floors: 32 of the 34 laws and regulations in ../shared/laws (治安管理处罚法 is absent on purpose).
  minLaws: 32,
  minLessons: 160,
  minQuestions: 1300,
  // Per-law floors are low on purpose: questions are weighted by how often villagers meet a law (issue 16),
  // and the library-wide floors above carry the volume.
  perLawLessons: 1,
  perLawQuestions: 5,
  requiredLaws: [
    'xianfa',
    'falvyuanzhu',
    'jindu',
    'xiaofeizhe',
    'renmintiaojie',
    'fanzhapian',
    'laonianren',
    'weichengnianren',
    'fanjiabao',
    'tudichengbao',
    'waishangtouzi',
    'zhongxiaoqiye',
    'zhengfuxinxigongkai',
  ],
  minCivilCodeBooks: 5,
  requiredCampaigns: ['march-pufa', 'consumer-315', 'security-415', 'civil-code-may', 'antidrug-626', 'constitution-1204', 'legal-aid-antifraud'],
  poolFactor: 3,
  maxLetterShare: 0.35,
  maxAllOfAboveShare: 0.05,
  perLawLetterWarnShare: 0.5,
  perLawLetterMin: 8,
  itemGating: DEFAULT_GATING,
};

export interface LawRow {
  id: string;
  shortName: string;
  code: string;
  /** False for a law id that content uses but laws.yaml does not list. */
  listed: boolean;
  lessons: number;
  single: number;
  multiple: number;
  judge: number;
  questions: number;
  /** Citation entries checked against this law's text (lessons, questions, laws.yaml excluded). */
  citations: number;
  quotes: number;
}

export interface CampaignRow {
  id: string;
  title: string;
  pool: number;
  needed: number;
  questionsPerQuiz: number;
  lessons: number;
  recurrence: { start: string; end: string };
}

export interface Summary {
  laws: LawRow[];
  /** `laws`: law ids with content (each Civil Code book its own); `acts`: laws and regulations, the Civil Code once. */
  totals: Omit<LawRow, 'id' | 'shortName' | 'code' | 'listed'> & { laws: number; acts: number };
  letters: Record<Letter, number>;
  allOfAbove: { count: number; share: number; ids: string[] };
  campaigns: CampaignRow[];
}

function hasAllOfAbove(q: Question): boolean {
  return q.type !== 'judge' && q.options.some((o) => ALL_OF_ABOVE_RE.test(o));
}

function letterCounts(qs: Question[]): Record<Letter, number> {
  const counts = Object.fromEntries(LETTERS.map((l) => [l, 0])) as Record<Letter, number>;
  for (const q of qs) if (q.type === 'single') counts[q.answer]++;
  return counts;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

export function summarize(library: Library): Summary {
  const ids = [...library.laws.map((l) => l.id)];
  for (const x of [...library.lessons, ...library.questions]) if (!ids.includes(x.law)) ids.push(x.law);
  const rows: LawRow[] = ids.map((id) => {
    const law = library.lawById.get(id);
    const qs = library.questions.filter((q) => q.law === id);
    return {
      id,
      shortName: law?.shortName ?? '(not in laws.yaml)',
      code: law?.code ?? '',
      listed: Boolean(law),
      lessons: library.lessons.filter((l) => l.law === id).length,
      single: qs.filter((q) => q.type === 'single').length,
      multiple: qs.filter((q) => q.type === 'multiple').length,
      judge: qs.filter((q) => q.type === 'judge').length,
      questions: qs.length,
      citations: library.stats.citationsChecked[id] ?? 0,
      quotes: library.stats.quotesChecked[id] ?? 0,
    };
  });
  const sum = (k: keyof Omit<LawRow, 'id' | 'shortName' | 'code' | 'listed'>) => rows.reduce((a, r) => a + r[k], 0);
  const aoa = library.questions.filter(hasAllOfAbove);
  return {
    laws: rows,
    totals: {
      laws: rows.filter((r) => r.listed && r.lessons + r.questions > 0).length,
      acts: new Set(rows.filter((r) => r.listed && r.lessons + r.questions > 0).map((r) => r.code || r.id)).size,
      lessons: sum('lessons'),
      single: sum('single'),
      multiple: sum('multiple'),
      judge: sum('judge'),
      questions: sum('questions'),
      citations: sum('citations'),
      quotes: sum('quotes'),
    },
    letters: letterCounts(library.questions),
    allOfAbove: { count: aoa.length, share: library.questions.length ? aoa.length / library.questions.length : 0, ids: aoa.map((q) => q.id) },
    campaigns: library.campaigns.map((c) => ({
      id: c.id,
      title: c.title,
      pool: campaignPool(library, c).length,
      needed: c.quiz.questionsPerQuiz,
      questionsPerQuiz: c.quiz.questionsPerQuiz,
      lessons: c.lessonIds.length,
      recurrence: c.recurrence,
    })),
  };
}

/** Applies the library-wide rules; returns issues (errors and warnings). */
export function applyRules(library: Library, rules: Rules = DEFAULT_RULES): Issue[] {
  const issues: Issue[] = [];
  const err = (code: Issue['code'], message: string, where: Partial<Issue> = {}) => issues.push({ severity: 'error', code, message, ...where });
  const warn = (code: Issue['code'], message: string, where: Partial<Issue> = {}) => issues.push({ severity: 'warning', code, message, ...where });
  const s = summarize(library);

  // Coverage
  if (s.totals.acts < rules.minLaws) err('coverage', `${s.totals.acts} laws and regulations have content (the Civil Code counted once); at least ${rules.minLaws} are required`);
  if (s.totals.lessons < rules.minLessons) err('coverage', `${s.totals.lessons} lessons; at least ${rules.minLessons} are required`);
  if (s.totals.questions < rules.minQuestions) err('coverage', `${s.totals.questions} questions; at least ${rules.minQuestions} are required`);
  for (const r of s.laws) {
    if (!r.listed) continue;
    const law = library.lawById.get(r.id)!;
    if (r.lessons < rules.perLawLessons) err('coverage', `${r.shortName} has ${r.lessons} lesson(s); at least ${rules.perLawLessons} are required`, { file: law.source.file, line: law.source.line, id: r.id, field: 'lessons' });
    if (r.questions < rules.perLawQuestions) err('coverage', `${r.shortName} has ${r.questions} question(s); at least ${rules.perLawQuestions} are required`, { file: law.source.file, line: law.source.line, id: r.id, field: 'questions' });
  }
  for (const id of rules.requiredLaws) {
    if (!library.lawById.has(id)) err('coverage', `required law "${id}" is not in content/laws.yaml`, { id });
  }
  const books = s.laws.filter((r) => r.listed && r.id.startsWith('minfadian-') && r.lessons + r.questions > 0).length;
  if (books < rules.minCivilCodeBooks) err('coverage', `${books} 民法典 book(s) have content; at least ${rules.minCivilCodeBooks} are required`);
  const have = new Set(library.campaigns.map((c) => c.id));
  for (const id of rules.requiredCampaigns) if (!have.has(id)) err('coverage', `campaign file content/campaigns/${id}.yaml is missing`, { id });

  // Campaign pools
  for (const c of library.campaigns) {
    const row = s.campaigns.find((x) => x.id === c.id)!;
    const need = rules.poolFactor * c.quiz.questionsPerQuiz;
    if (row.pool < need) err('pool-size', `pool has ${row.pool} question(s); at least ${rules.poolFactor} × ${c.quiz.questionsPerQuiz} = ${need} are required`, { file: c.source.file, id: c.id, field: 'quiz.pool' });
    if (c.lessonIds.length === 0) warn('campaign', 'campaign has no lessons', { file: c.source.file, id: c.id, field: 'lessonIds' });
  }

  // Letter balance
  const singles = library.questions.filter((q) => q.type === 'single');
  if (singles.length > 0) {
    const dist = LETTERS.map((l) => `${l} ${s.letters[l]}`).join(', ');
    for (const l of LETTERS) {
      const share = s.letters[l] / singles.length;
      if (share > rules.maxLetterShare) err('letter-balance', `single-choice answer ${l} is ${pct(share)} of ${singles.length} single-choice questions (max ${pct(rules.maxLetterShare)}); distribution: ${dist}`);
    }
  }
  for (const r of s.laws) {
    if (r.single < rules.perLawLetterMin) continue;
    const counts = letterCounts(library.questions.filter((q) => q.law === r.id));
    for (const l of LETTERS) {
      const share = counts[l] / r.single;
      if (share > rules.perLawLetterWarnShare) {
        const file = library.questions.find((q) => q.law === r.id)?.source.file;
        warn('letter-balance', `${r.id}: answer ${l} is ${pct(share)} of its ${r.single} single-choice questions (${LETTERS.map((x) => `${x} ${counts[x]}`).join(', ')})`, { file, id: r.id });
      }
    }
  }

  // 以上都对 / 以上都不对
  if (library.questions.length > 0 && s.allOfAbove.share > rules.maxAllOfAboveShare) {
    err('all-of-above', `${s.allOfAbove.count} of ${library.questions.length} questions (${pct(s.allOfAbove.share)}) have a 以上都对/以上都不对-style option (max ${pct(rules.maxAllOfAboveShare)}): ${s.allOfAbove.ids.join(', ')}`);
  }

  // Duplicate stems
  const byStem = new Map<string, Question>();
  for (const q of library.questions) {
    const k = normalizeStem(q.stem);
    const prev = byStem.get(k);
    if (prev) err('duplicate-stem', `same stem as ${prev.id} (${prev.source.file}${prev.source.line ? `:${prev.source.line}` : ''})`, { file: q.source.file, line: q.source.line, id: q.id, field: 'stem' });
    else byStem.set(k, q);
  }
  return issues;
}
