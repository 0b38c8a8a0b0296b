/** Content problems found while loading and checking the library: codes, severity, formatting. */
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
  | 'duplicate-stem'
  | 'item-rule'
  | 'topic-map';

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
