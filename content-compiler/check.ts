/**
 * npm run content:check — validates content/ against the official law texts and the library rules.
 *
 *   tsx content-compiler/check.ts [--json] [--content-dir DIR] [--laws-dir DIR] [--context-dir DIR] [--no-warnings]
 *
 * Law texts come from --laws-dir, else $LAWS_DIR, else ../shared/laws beside the repository. When they are
 * missing the check fails (exit 1); it never passes silently. Exit code 1 on any error, else 0.
 */
import path from 'node:path';
import { defaultPaths, formatIssue, loadLibrary, type Issue, type Library } from './library';
import { itemRuleIssues, loadItemRuleFiles, measureItemRules, type ItemRuleFigure } from './itemRules';
import { checkTopicMap, topicFigure, type TopicReport } from './topicMap';
import { DEFAULT_RULES, applyRules, summarize, type Rules, type Summary } from './rules';
import { parseCommandLine } from '../scripts/shared/cliArgs';

export interface CheckOptions {
  contentDir: string;
  lawsDir: string;
  contextDir?: string;
  rules?: Partial<Rules>;
}

export interface CheckReport {
  ok: boolean;
  contentDir: string;
  lawsDir: string;
  lawTextsAvailable: boolean;
  summary: Summary;
  /** Item-writing rules: figure, threshold, pass, gating, offenders. */
  itemRules: ItemRuleFigure[];
  /** content/topics.yaml: lessons and questions per topic. */
  topics: TopicReport;
  errors: Issue[];
  warnings: Issue[];
  library: Library;
}

function issueOrder(a: Issue, b: Issue): number {
  return (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || a.code.localeCompare(b.code);
}

export function runCheck(opts: CheckOptions): CheckReport {
  const { library, issues } = loadLibrary(opts);
  const rules: Rules = { ...DEFAULT_RULES, ...opts.rules };
  const files = loadItemRuleFiles(library.contentDir);
  const topics = checkTopicMap(library.contentDir, library);
  const itemRules = [...measureItemRules(library, files, undefined, rules.itemGating), topicFigure(topics, rules.itemGating.includes('topic-coverage'))];
  const all = [...issues, ...files.issues, ...topics.issues, ...applyRules(library, rules), ...itemRuleIssues(itemRules)];
  const errors = all.filter((i) => i.severity === 'error').sort(issueOrder);
  const warnings = all.filter((i) => i.severity === 'warning').sort(issueOrder);
  // The library-level problems first (laws folder missing, coverage) read better at the top.
  errors.sort((a, b) => Number(Boolean(a.file)) - Number(Boolean(b.file)));
  return {
    ok: errors.length === 0 && library.lawTextsAvailable,
    contentDir: library.contentDir,
    lawsDir: library.lawsDir,
    lawTextsAvailable: library.lawTextsAvailable,
    summary: summarize(library),
    itemRules,
    topics,
    errors,
    warnings,
    library,
  };
}

// ---------------------------------------------------------------------------------------------
// Text output
// ---------------------------------------------------------------------------------------------

/** Terminal width of a string: CJK and full-width characters count 2. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) ? 2 : 1;
  }
  return w;
}

function pad(s: string, w: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, w - displayWidth(s)));
  return right ? fill + s : s + fill;
}

export function renderTable(head: string[], rows: string[][], rightFrom = 1): string {
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (r: string[]) => r.map((c, i) => pad(c, widths[i], i >= rightFrom)).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function renderReport(r: CheckReport, showWarnings = true): string {
  const out: string[] = [];
  const s = r.summary;
  out.push(`Content library: ${r.contentDir}`);
  out.push(`Official law texts: ${r.lawsDir}${r.lawTextsAvailable ? '' : '  (MISSING — nothing was checked against the texts)'}`);
  out.push('');
  const lawRows = s.laws.map((l) => [l.id, l.shortName, String(l.lessons), String(l.single), String(l.multiple), String(l.judge), String(l.questions), String(l.citations), String(l.quotes)]);
  lawRows.push(['TOTAL', `${s.totals.laws} ids, ${s.totals.acts} laws`, String(s.totals.lessons), String(s.totals.single), String(s.totals.multiple), String(s.totals.judge), String(s.totals.questions), String(s.totals.citations), String(s.totals.quotes)]);
  out.push(renderTable(['law', 'short name', 'lessons', 'single', 'multiple', 'judge', 'questions', 'citations', 'quotes'], lawRows, 2));
  out.push('');
  if (s.campaigns.length) {
    out.push(renderTable(['campaign', 'title', 'every year', 'lessons', 'pool', 'per quiz'], s.campaigns.map((c) => [c.id, c.title, `${c.recurrence.start}..${c.recurrence.end}`, String(c.lessons), String(c.pool), String(c.questionsPerQuiz)]), 3));
    out.push('');
  }
  const singles = s.totals.single;
  const letters = Object.entries(s.letters).map(([l, n]) => `${l} ${n}${singles ? ` (${((n / singles) * 100).toFixed(0)}%)` : ''}`).join('  ');
  out.push(`Single-choice answers: ${letters}`);
  out.push(`以上都对/都不对-style options: ${s.allOfAbove.count} of ${s.totals.questions} questions`);
  out.push('');
  if (r.topics.rows.length) {
    out.push(renderTable(['topic', 'title', 'lessons', 'questions', 'status'], r.topics.rows.map((t) => [t.id, t.title, String(t.lessons), String(t.questions), t.ok ? 'ok' : 'SHORT']), 2));
    out.push('');
  }
  if (r.itemRules.length) {
    out.push('Item-writing rules:');
    out.push(renderItemRules(r.itemRules));
    out.push('');
  }
  if (showWarnings && r.warnings.length) {
    out.push(`Warnings (${r.warnings.length}):`);
    for (const w of r.warnings) out.push(`  ${formatIssue(w)}`);
    out.push('');
  }
  if (r.errors.length) {
    out.push(`Errors (${r.errors.length}):`);
    for (const e of r.errors) out.push(`  ${formatIssue(e)}`);
    out.push('');
  }
  out.push(r.ok ? `content:check passed (${r.warnings.length} warning(s))` : `content:check FAILED: ${r.errors.length} error(s), ${r.warnings.length} warning(s)`);
  return out.join('\n');
}

/** One line a rule: what, figure, threshold, and whether it passes and gates. Failing rules name a few offenders. */
export function renderItemRules(figures: ItemRuleFigure[]): string {
  const rows = figures.map((f) => [
    f.id,
    f.label,
    f.figure,
    f.threshold,
    `${f.pass ? 'pass' : 'FAIL'} ${f.gating ? '(gating)' : '(reported only)'}`,
  ]);
  const lines = renderTable(['rule', 'measure', 'figure', 'threshold', 'status'], rows, 99).split('\n').map((l) => `  ${l}`);
  for (const f of figures) {
    if (f.pass || !f.offenders.length) continue;
    lines.push(`  ${f.id}: e.g. ${f.offenders.slice(0, 5).map((o) => `${o.id} (${o.detail})`).join('; ')}${f.offenders.length > 5 ? `; … ${f.offenders.length} in all (--json lists them)` : ''}`);
  }
  return lines.join('\n');
}

export function reportJson(r: CheckReport): unknown {
  return {
    ok: r.ok,
    contentDir: r.contentDir,
    lawsDir: r.lawsDir,
    lawTextsAvailable: r.lawTextsAvailable,
    summary: r.summary,
    itemRules: r.itemRules,
    topics: r.topics,
    errors: r.errors,
    warnings: r.warnings,
  };
}

// ---------------------------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------------------------

const CHECK_USAGE = 'npm run content:check -- [--json] [--no-warnings] [--content-dir DIR] [--laws-dir DIR] [--context-dir DIR]';

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): { json: boolean; warnings: boolean; opts: CheckOptions } {
  const { values: v } = parseCommandLine(
    argv,
    { json: { type: 'boolean' }, 'no-warnings': { type: 'boolean' }, 'content-dir': { type: 'string' }, 'laws-dir': { type: 'string' }, 'context-dir': { type: 'string' } },
    CHECK_USAGE,
  );
  const d = defaultPaths(env);
  const dir = (given: string | undefined, fallback: string) => (given === undefined ? fallback : path.resolve(given));
  const opts: CheckOptions = { contentDir: dir(v['content-dir'], d.contentDir), lawsDir: dir(v['laws-dir'], d.lawsDir), contextDir: v['context-dir'] === undefined ? d.contextDir : path.resolve(v['context-dir']) };
  return { json: v.json ?? false, warnings: !v['no-warnings'], opts };
}

export function main(argv: string[] = process.argv.slice(2)): number {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  const report = runCheck(parsed.opts);
  if (parsed.json) process.stdout.write(`${JSON.stringify(reportJson(report), null, 2)}\n`);
  else process.stdout.write(`${renderReport(report, parsed.warnings)}\n`);
  return report.ok ? 0 : 1;
}

if (require.main === module) {
  process.exitCode = main();
}
