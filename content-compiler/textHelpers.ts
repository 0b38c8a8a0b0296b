/** Small text measures and helpers shared by the loaders and the rules (Han counts, normalisation, mentions). */
import { LETTERS } from './model';

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
export const REPEALED_RE = /(婚姻法|继承法|(?<!劳动|劳务|技术)合同法|物权法|侵权责任法|民法通则|民法总则|收养法|担保法)/;

const ARTICLE_MENTION_RE = /第[零〇一二三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?/g;
/** Article labels a text mentions (第三十三条 …), unique, in order. */
export function mentionedArticles(text: string): string[] {
  return [...new Set(text.match(ARTICLE_MENTION_RE) ?? [])];
}

export function letterIndex(l: string): number {
  return (LETTERS as readonly string[]).indexOf(l);
}

export function toArray<T>(v: T | T[]): T[] {
  return Array.isArray(v) ? v : [v];
}
export function clip(s: string, n: number): string {
  const chars = [...s.replace(/\n/g, '⏎')];
  return chars.length > n ? `${chars.slice(0, n).join('')}…` : chars.join('');
}
export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
const FULL_WIDTH: Record<string, string> = { ',': '，', ';': '；', ':': '：', '(': '（', ')': '）', '?': '？', '!': '！' };
export function toFullWidth(s: string): string {
  let out = s.replace(/[,;:()?!]/g, (c) => FULL_WIDTH[c]);
  let quotes = 0;
  out = out.replace(/"/g, () => (quotes++ % 2 === 0 ? '“' : '”'));
  return out.replace(/(\p{Script=Han})\.(?=\p{Script=Han}|$)/gu, '$1。');
}
