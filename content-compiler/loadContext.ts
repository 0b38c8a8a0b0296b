/** State shared by the loaders: the issues found so far, the official texts read, and file helpers. */
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { Issue, IssueCode, Severity } from './issues';
import type { LawIndexEntry, LawText } from './lawText';
import type { LibraryStats, LoadOptions } from './model';
import { lineAt, parseYamlFile, walkFiles, type ParsedYaml } from './yamlFiles';

export type Where = Omit<Issue, 'severity' | 'code' | 'message'>;

export class LoadContext {
  readonly issues: Issue[] = [];
  /** The folder holding content/ (repository root): issue paths are relative to it. */
  readonly base: string;
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

  add(severity: Severity, code: IssueCode, where: Where, message: string): void {
    this.issues.push({ severity, code, ...where, message });
  }
  error(code: IssueCode, where: Where, message: string): void {
    this.add('error', code, where, message);
  }
  warn(code: IssueCode, where: Where, message: string): void {
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

  /**
   * The files of a content folder (content/<folder>/**) that end with `ext`, with their repository-relative
   * names; any other file (except dot files) is warned about with `hint` and skipped. Empty when the folder is absent.
   */
  contentFiles(folder: string, ext: string, hint: string): { dir: string; files: { file: string; rf: string }[] } {
    const dir = path.join(this.opts.contentDir, folder);
    const files: { file: string; rf: string }[] = [];
    if (!fs.existsSync(dir)) return { dir, files };
    for (const file of walkFiles(dir, '')) {
      const rf = this.rel(file);
      if (file.endsWith(ext)) files.push({ file, rf });
      else if (!path.basename(file).startsWith('.')) this.warn('file', { file: rf }, hint);
    }
    return { dir, files };
  }
}
