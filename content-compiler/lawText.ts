/**
 * Official law texts (../shared/laws/*.md): Chinese numerals, article headings and an article index per law.
 *
 * File format (see ../shared/laws/README.md): a header block with adoption / amendment dates ended by
 * `<!-- INFO END -->`; `#`..`###` lines for 编/章/节 headings; each article starts a line with
 * `第<中文数字>条` (optionally `之一`, `之二` …) followed by a space and its first paragraph, further
 * paragraphs follow as their own lines until the next article heading. An article's text is its
 * paragraphs joined by "\n".
 */
import fs from 'node:fs';
import path from 'node:path';

// ---------------------------------------------------------------------------------------------
// Chinese numerals
// ---------------------------------------------------------------------------------------------

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, '○': 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const NUMERAL_CHARS = '零〇○一二两三四五六七八九十百千万';

/**
 * Parses a Chinese numeral as used in article numbers and dates: 一千零七十九 → 1079, 十二 → 12,
 * 一百一十 → 110, 一百十 → 110, 零 → 0. Throws on anything that is not a well-formed numeral
 * (digit strings like 一八四○ are not numerals in this sense).
 */
export function parseChineseNumeral(input: string): number {
  const s = input.trim();
  if (s.length === 0) throw new Error('empty Chinese numeral');
  for (const ch of s) {
    if (!NUMERAL_CHARS.includes(ch)) throw new Error(`not a Chinese numeral: "${input}" (bad character "${ch}")`);
  }
  let total = 0; // completed 万 groups
  let section = 0; // value below 万
  let digit: number | null = null; // pending digit
  let lastUnit = Infinity; // units inside a section must decrease
  let sawWan = false;
  let prevWasZero = false;
  for (const ch of s) {
    if (ch in DIGITS) {
      const d = DIGITS[ch];
      if (digit !== null) throw new Error(`not a Chinese numeral: "${input}" (two digits in a row)`);
      if (d === 0) {
        if (prevWasZero) throw new Error(`not a Chinese numeral: "${input}" (double zero)`);
        if (s.length > 1 && section === 0 && total === 0) throw new Error(`not a Chinese numeral: "${input}" (leading zero)`);
        prevWasZero = true;
        digit = null;
        continue;
      }
      digit = d;
      prevWasZero = false;
    } else if (ch in UNITS) {
      const u = UNITS[ch];
      if (u >= lastUnit) throw new Error(`not a Chinese numeral: "${input}" (unit "${ch}" out of order)`);
      if (prevWasZero) throw new Error(`not a Chinese numeral: "${input}" (zero before a unit)`);
      // A bare 十 (十二, 一百十) counts as 一十; other bare units are malformed.
      if (digit === null && u !== 10) throw new Error(`not a Chinese numeral: "${input}" (unit "${ch}" without a digit)`);
      section += (digit ?? 1) * u;
      digit = null;
      lastUnit = u;
    } else {
      // 万
      if (sawWan) throw new Error(`not a Chinese numeral: "${input}" (more than one 万)`);
      if (prevWasZero) throw new Error(`not a Chinese numeral: "${input}" (zero before 万)`);
      section += digit ?? 0;
      if (section === 0) throw new Error(`not a Chinese numeral: "${input}" (万 without a value)`);
      total = section * 10000;
      section = 0;
      digit = null;
      lastUnit = Infinity;
      sawWan = true;
    }
  }
  if (prevWasZero && s.length > 1) throw new Error(`not a Chinese numeral: "${input}" (trailing zero)`);
  return total + section + (digit ?? 0);
}

/** Formats 1 … 99 999 the way law texts write article numbers: 10 → 十, 110 → 一百一十, 1079 → 一千零七十九. */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99999) throw new Error(`cannot format ${n} as a Chinese numeral`);
  if (n === 0) return '零';
  const digits = '零一二三四五六七八九';
  const units = ['', '十', '百', '千', '万'];
  const ds = String(n).split('').map(Number);
  let out = '';
  let pendingZero = false;
  ds.forEach((d, i) => {
    const unit = units[ds.length - 1 - i];
    if (d === 0) {
      pendingZero = out.length > 0;
      return;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    out += digits[d] + unit;
  });
  // 一十二 → 十二 only when 十 is the leading unit.
  if (n >= 10 && n < 20) out = out.slice(1);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Article labels
// ---------------------------------------------------------------------------------------------

export const PREAMBLE_LABEL = '序言';

const NUM = `[${NUMERAL_CHARS}]+`;
const LABEL_RE = new RegExp(`^第(${NUM})条(?:之(${NUM}))?$`);
/** An article heading at the start of a line: the label, then whitespace and the first paragraph (or nothing). */
const HEADING_RE = new RegExp(`^(第${NUM}条(?:之${NUM})?)(?:[\\s\\u3000\\u2002\\u2003]+(.*))?$`);

export interface ArticleLabel {
  /** As written: 第一百二十条之一 */
  label: string;
  /** The article number: 120 */
  number: number;
  /** The 之 suffix: 之一 → 1, none → 0 */
  sub: number;
  /** Sort key: number * 100 + sub (第一百二十条之一 → 12001) */
  sortKey: number;
}

/** Parses `第<numeral>条` with optional `之<numeral>`; returns null if the string is not such a label. */
export function parseArticleLabel(label: string): ArticleLabel | null {
  const m = LABEL_RE.exec(label);
  if (!m) return null;
  try {
    const number = parseChineseNumeral(m[1]);
    const sub = m[2] ? parseChineseNumeral(m[2]) : 0;
    if (number < 1 || (m[2] !== undefined && sub < 1)) return null;
    return { label, number, sub, sortKey: number * 100 + sub };
  } catch {
    return null;
  }
}

/** The canonical label for an article number: (1079) → 第一千零七十九条, (120, 1) → 第一百二十条之一. */
export function formatArticleLabel(number: number, sub = 0): string {
  return `第${toChineseNumeral(number)}条${sub > 0 ? `之${toChineseNumeral(sub)}` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// Law text
// ---------------------------------------------------------------------------------------------

export interface LawArticle extends ArticleLabel {
  /** 1-based position of the article in its file (the ordinal among the file's articles). */
  ordinal: number;
  /** Paragraphs as printed (trimmed); the first paragraph is the one on the heading line. */
  paragraphs: string[];
  /** paragraphs.join("\n") — quotes are checked against this. */
  text: string;
  /** 编/章/节 headings in force at the article, outermost first (without the leading #). */
  headings: string[];
  /** 1-based line number of the heading in the file. */
  line: number;
}

export type HeaderDateKind = 'adopted' | 'amended' | 'revised' | 'promulgated' | 'effective' | 'other';

export interface HeaderDate {
  /** ISO date, e.g. 2018-03-11 */
  date: string;
  kind: HeaderDateKind;
  /** The header line as printed. */
  line: string;
}

export interface LawHeader {
  /** Non-empty lines of the header block (after the # title lines, before `<!-- INFO END -->`). */
  lines: string[];
  dates: HeaderDate[];
  /** Latest date of adoption, amendment or revision printed in the header (not the 施行 date). */
  versionDate: string | null;
  /** Date of a header line that says only `<date> 施行`; null when the header does not state it. */
  effectiveDate: string | null;
}

export interface LawText {
  /** The `# ` title lines, e.g. ['中华人民共和国民法典', '婚姻家庭编']. */
  titles: string[];
  header: LawHeader;
  articles: LawArticle[];
  /** Paragraphs under a `序言` heading before the first article (宪法), else empty. */
  preamble: string[];
  /** Label → article (e.g. 第三十三条). */
  byLabel: Map<string, LawArticle>;
}

export class LawTextError extends Error {}

const DATE_LINE_RE = /^(\d{4})年(\d{1,2})月(\d{1,2})日\s*(.*)$/;
const TRIM_RE = /^[\s\u3000\u2002\u2003\u200b\ufeff]+|[\s\u3000\u2002\u2003\u200b\ufeff]+$/g;

function clean(line: string): string {
  return line.replace(TRIM_RE, '');
}

function classifyHeaderLine(rest: string): HeaderDateKind {
  const r = rest.replace(/[\s\u3000）)]/g, '');
  if (r === '施行') return 'effective';
  if (/修正/.test(r)) return 'amended';
  if (/修订|修改/.test(r)) return 'revised';
  if (/通过/.test(r)) return 'adopted';
  if (/公布/.test(r)) return 'promulgated';
  return 'other';
}

/** Parses one law file. Throws LawTextError when the structure is not the documented one. */
export function parseLawText(source: string, fileLabel = 'law text'): LawText {
  const src = source.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  const marker = '<!-- INFO END -->';
  const at = src.indexOf(marker);
  if (at < 0) throw new LawTextError(`${fileLabel}: no "${marker}" line ending the header block`);
  const headPart = src.slice(0, at).split('\n');
  const bodyStartLine = headPart.length; // 1-based line number of the marker line
  const titles: string[] = [];
  const headerLines: string[] = [];
  for (const raw of headPart) {
    const line = clean(raw);
    if (!line) continue;
    if (line.startsWith('#')) titles.push(clean(line.replace(/^#+/, '')));
    else headerLines.push(line);
  }
  const dates: HeaderDate[] = [];
  for (const line of headerLines) {
    const m = DATE_LINE_RE.exec(line);
    if (!m) continue;
    const date = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
    dates.push({ date, kind: classifyHeaderLine(m[4]), line });
  }
  const versionCandidates = dates.filter((d) => d.kind !== 'effective').map((d) => d.date).sort();
  const effective = dates.filter((d) => d.kind === 'effective').map((d) => d.date).sort();
  const header: LawHeader = {
    lines: headerLines,
    dates,
    versionDate: versionCandidates.length ? versionCandidates[versionCandidates.length - 1] : null,
    effectiveDate: effective.length ? effective[effective.length - 1] : null,
  };

  const bodyLines = src.slice(at + marker.length).split('\n');
  const articles: LawArticle[] = [];
  const byLabel = new Map<string, LawArticle>();
  const preamble: string[] = [];
  const headings: string[] = []; // index = level - 2 (## → 0)
  let current: LawArticle | null = null;
  let inPreamble = false;
  bodyLines.forEach((raw, i) => {
    const lineNo = bodyStartLine + i; // marker line's tail is body line 0
    const line = clean(raw);
    if (!line) return;
    if (line.startsWith('#')) {
      const level = /^#+/.exec(line)![0].length;
      const text = clean(line.slice(level));
      const depth = Math.max(0, level - 2);
      headings.length = depth;
      if (text) headings[depth] = text;
      current = null;
      inPreamble = articles.length === 0 && text.replace(/\s/g, '') === PREAMBLE_LABEL;
      return;
    }
    const h = HEADING_RE.exec(line);
    const parsed = h ? parseArticleLabel(h[1]) : null;
    if (h && parsed) {
      if (byLabel.has(parsed.label)) throw new LawTextError(`${fileLabel}:${lineNo}: duplicate article heading ${parsed.label}`);
      const first = h[2] !== undefined ? clean(h[2]) : '';
      const art: LawArticle = {
        ...parsed,
        ordinal: articles.length + 1,
        paragraphs: first ? [first] : [],
        text: '',
        headings: headings.filter(Boolean),
        line: lineNo,
      };
      articles.push(art);
      byLabel.set(art.label, art);
      current = art;
      inPreamble = false;
      return;
    }
    if (current) current.paragraphs.push(line);
    else if (inPreamble) preamble.push(line);
    // Other stray lines before the first article (broken header tails) are ignored.
  });
  for (const a of articles) a.text = a.paragraphs.join('\n');
  return { titles, header, articles, preamble, byLabel };
}

/**
 * Finds an article by its label as written in content (`第三十三条`, `第一百二十条之一`); `序言` returns the
 * preamble as a pseudo-article (number 0) when the law has one.
 */
export function findArticle(law: LawText, label: string): LawArticle | undefined {
  if (label === PREAMBLE_LABEL) {
    if (law.preamble.length === 0) return undefined;
    return {
      label, number: 0, sub: 0, sortKey: 0, ordinal: 0,
      paragraphs: law.preamble, text: law.preamble.join('\n'), headings: [PREAMBLE_LABEL], line: 0,
    };
  }
  return law.byLabel.get(label);
}

// ---------------------------------------------------------------------------------------------
// The laws folder
// ---------------------------------------------------------------------------------------------

export interface LawIndexEntry {
  id: string;
  title: string;
  heading: string;
  version: string;
  file: string;
  articles: number;
}

export class LawsDirMissingError extends Error {
  constructor(public readonly lawsDir: string, detail: string) {
    super(
      `找不到法律法规官方文本目录：${lawsDir}（${detail}）。请提供 ../shared/laws 或设置环境变量 LAWS_DIR。` +
        ` / Official law texts folder not found: ${lawsDir} (${detail}). Provide ../shared/laws or set LAWS_DIR.`,
    );
  }
}

/** Reads index.json of a laws folder. Throws LawsDirMissingError when the folder or its index is absent. */
export function readLawIndex(lawsDir: string): LawIndexEntry[] {
  if (!fs.existsSync(lawsDir) || !fs.statSync(lawsDir).isDirectory()) {
    throw new LawsDirMissingError(lawsDir, '目录不存在 / folder does not exist');
  }
  const indexPath = path.join(lawsDir, 'index.json');
  if (!fs.existsSync(indexPath)) throw new LawsDirMissingError(lawsDir, '缺少 index.json / index.json is missing');
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(indexPath, 'utf8'));
  } catch (e) {
    throw new LawTextError(`${indexPath}: not valid JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(raw)) throw new LawTextError(`${indexPath}: expected a JSON array`);
  return raw.map((e, i) => {
    const o = e as Record<string, unknown>;
    for (const k of ['id', 'title', 'version', 'file'] as const) {
      if (typeof o[k] !== 'string') throw new LawTextError(`${indexPath}: entry ${i} has no string "${k}"`);
    }
    return {
      id: o.id as string,
      title: o.title as string,
      heading: typeof o.heading === 'string' ? o.heading : (o.title as string),
      version: o.version as string,
      file: o.file as string,
      articles: typeof o.articles === 'number' ? o.articles : -1,
    };
  });
}

/** Reads and parses one law of the folder's index. */
export function readLawText(lawsDir: string, entry: LawIndexEntry): LawText {
  const file = path.join(lawsDir, entry.file);
  if (!fs.existsSync(file)) throw new LawTextError(`${file}: file listed in index.json for "${entry.id}" is missing`);
  return parseLawText(fs.readFileSync(file, 'utf8'), file);
}
