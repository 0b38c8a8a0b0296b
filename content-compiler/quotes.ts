/** The official law texts: reading them, and verifying that citations quote them verbatim. */
import { LawsDirMissingError, findArticle, parseArticleLabel, readLawIndex, readLawText, type LawArticle, type LawText } from './lawText';
import type { LoadContext, Where } from './loadContext';
import { LIMITS, type Citation } from './model';
import { clip, countHan, toFullWidth } from './textHelpers';

/** Reads index.json and every law text of the laws folder into the context. */
export function loadLawTexts(ctx: LoadContext): void {
  try {
    ctx.lawIndex = readLawIndex(ctx.opts.lawsDir);
  } catch (e) {
    if (e instanceof LawsDirMissingError) {
      ctx.error('laws-dir-missing', {}, e.message);
    } else {
      ctx.error('law-text', {}, (e as Error).message);
    }
    return;
  }
  ctx.lawTextsAvailable = true;
  for (const entry of ctx.lawIndex) {
    try {
      const text = readLawText(ctx.opts.lawsDir, entry);
      if (entry.articles >= 0 && text.articles.length !== entry.articles) {
        ctx.error('law-text', { id: entry.id }, `${entry.file}: parsed ${text.articles.length} articles, index.json says ${entry.articles}`);
      }
      ctx.lawTexts.set(entry.id, text);
    } catch (e) {
      ctx.error('law-text', { id: entry.id }, (e as Error).message);
    }
  }
}

/** Verifies that each quote is a verbatim substring of the article. Returns false on any mismatch. */
export function checkQuote(ctx: LoadContext, lawId: string, article: string, quotes: string[], where: Where, count = true): boolean {
  if (!ctx.lawTextsAvailable) return false;
  const text = ctx.lawTexts.get(lawId);
  if (!text) return false; // reported as unknown law by the caller
  if (count) ctx.stats.citationsChecked[lawId] = (ctx.stats.citationsChecked[lawId] ?? 0) + 1;
  const art = findArticle(text, article);
  if (!art) {
    const parsed = parseArticleLabel(article);
    const range = text.articles.length ? `${text.articles[0].label}–${text.articles[text.articles.length - 1].label}` : 'none';
    ctx.error(
      'missing-article',
      { ...where, field: `${where.field ?? 'citation'}.article` },
      `${lawId} has no ${article}${parsed ? ` (article ${parsed.number}${parsed.sub ? `之${parsed.sub}` : ''})` : ''}; its articles run ${range}`,
    );
    return false;
  }
  let ok = true;
  const han = quotes.reduce((n, q) => n + countHan(q), 0);
  if (han < LIMITS.quoteMinChars) {
    ctx.warn('quote-short', { ...where, field: `${where.field ?? 'citation'}.quote` }, `quote "${quotes.join(' … ')}" is very short; quote the sentence that carries the rule`);
  }
  quotes.forEach((rawQuote, qi) => {
    if (count) ctx.stats.quotesChecked[lawId] = (ctx.stats.quotesChecked[lawId] ?? 0) + 1;
    const quote = rawQuote.trim();
    const field = `${where.field ?? 'citation'}.quote${quotes.length > 1 ? `.${qi}` : ''}`;
    if (art.text.includes(quote)) return;
    ok = false;
    ctx.error('quote-mismatch', { ...where, field }, `not verbatim in ${lawId} ${article}: ${explainMismatch(ctx, text, art, quote, lawId)}`);
  });
  return ok;
}

function explainMismatch(ctx: LoadContext, law: LawText, art: LawArticle, quote: string, lawId: string): string {
  const elsewhere = law.articles.find((a) => a.text.includes(quote));
  if (elsewhere) return `"${clip(quote, 30)}" is in ${elsewhere.label} instead`;
  for (const [otherId, other] of ctx.lawTexts) {
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

export function checkCitation(ctx: LoadContext, c: Citation, knownLaws: Set<string>, where: Where): void {
  if (!knownLaws.has(c.law)) {
    const inIndex = ctx.lawIndex.some((e) => e.id === c.law);
    ctx.error('unknown-law', { ...where, field: `${where.field}.law` }, inIndex ? `law "${c.law}" is not listed in content/laws.yaml` : `law "${c.law}" is neither in content/laws.yaml nor an official text id`);
    return;
  }
  checkQuote(ctx, c.law, c.article, c.quotes, where);
}
