/**
 * Package sizes of a built mini-program (dist/weapp) the way WeChat splits it: the main package is every
 * file outside the subpackage roots listed in app.json; each subpackage is everything under its root.
 * Files that project.config.json's packOptions.ignore leaves out of the upload are not counted.
 */
import fs from 'node:fs';
import path from 'node:path';

export const KB = 1024;
/** Our budget (WeChat's own limits are 2 MB per package and 20 MB in all; rural networks make small matter). */
export const BUDGET = { main: 500 * KB, subpackage: 400 * KB, total: 1536 * KB } as const;

export interface PackageSize {
  /** 'main' or the subpackage root. */
  name: string;
  files: number;
  bytes: number;
  budget: number;
}

export interface SizeReport {
  dir: string;
  packages: PackageSize[];
  total: { files: number; bytes: number; budget: number };
  ignored: string[];
  over: string[];
}

export interface PackIgnore {
  type: 'file' | 'folder' | 'suffix' | 'prefix' | 'regexp' | 'glob';
  value: string;
}

export function isIgnored(rel: string, rules: PackIgnore[]): boolean {
  const base = rel.split('/').pop()!;
  return rules.some((r) => {
    switch (r.type) {
      case 'file':
        return rel === r.value.replace(/^\.?\//, '');
      case 'folder': {
        const f = r.value.replace(/^\.?\//, '').replace(/\/$/, '');
        return rel === f || rel.startsWith(`${f}/`);
      }
      case 'suffix':
        return base.endsWith(r.value);
      case 'prefix':
        return base.startsWith(r.value);
      case 'regexp':
        return new RegExp(r.value).test(rel);
      case 'glob':
        return globToRegExp(r.value).test(rel);
    }
  });
}

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        re += '.*';
        i++;
        if (glob[i + 1] === '/') i++;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export function listFiles(dir: string, base = dir): { rel: string; bytes: number }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return listFiles(p, base);
    return [{ rel: path.relative(base, p).split(path.sep).join('/'), bytes: fs.statSync(p).size }];
  });
}

export interface AppJson {
  pages?: string[];
  subPackages?: { root: string; pages: string[]; independent?: boolean }[];
  subpackages?: { root: string; pages: string[]; independent?: boolean }[];
  tabBar?: { list?: { pagePath: string }[] };
  [key: string]: unknown;
}

export function readAppJson(dir: string): AppJson {
  const p = path.join(dir, 'app.json');
  if (!fs.existsSync(p)) throw new Error(`${p} not found: build the mini-program first (npm run build:weapp)`);
  return JSON.parse(fs.readFileSync(p, 'utf8')) as AppJson;
}

export function subpackagesOf(app: AppJson) {
  return app.subPackages ?? app.subpackages ?? [];
}

export function measure(dir: string, ignore: PackIgnore[] = []): SizeReport {
  const app = readAppJson(dir);
  const roots = subpackagesOf(app).map((s) => s.root.replace(/^\.?\//, '').replace(/\/$/, ''));
  const packages: PackageSize[] = [{ name: 'main', files: 0, bytes: 0, budget: BUDGET.main }, ...roots.map((r) => ({ name: r, files: 0, bytes: 0, budget: BUDGET.subpackage }))];
  const ignored: string[] = [];
  for (const f of listFiles(dir)) {
    if (isIgnored(f.rel, ignore)) {
      ignored.push(f.rel);
      continue;
    }
    const i = roots.findIndex((r) => f.rel.startsWith(`${r}/`));
    const pkg = packages[i + 1];
    pkg.files++;
    pkg.bytes += f.bytes;
  }
  const total = { files: packages.reduce((n, p) => n + p.files, 0), bytes: packages.reduce((n, p) => n + p.bytes, 0), budget: BUDGET.total };
  const over = packages.filter((p) => p.bytes > p.budget).map((p) => p.name);
  if (total.bytes > total.budget) over.push('total');
  return { dir, packages, total, ignored: ignored.sort(), over };
}

export function kb(bytes: number): string {
  return `${(bytes / KB).toFixed(1)} KB`;
}

/** Terminal width (CJK counts 2), for aligned columns. */
function width(s: string): number {
  return [...s].reduce((n, c) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(c) ? 2 : 1), 0);
}
function pad(s: string, n: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, n - width(s)));
  return right ? fill + s : s + fill;
}

export function formatReport(r: SizeReport): string {
  const rows = [
    ['包 package', '文件 files', '字节 bytes', '大小', '上限 budget', ''],
    ...r.packages.map((p) => [p.name === 'main' ? '主包 main' : `分包 ${p.name}`, String(p.files), String(p.bytes), kb(p.bytes), kb(p.budget), p.bytes > p.budget ? '✗ 超出' : '✓']),
    ['合计 total', String(r.total.files), String(r.total.bytes), kb(r.total.bytes), kb(r.total.budget), r.total.bytes > r.total.budget ? '✗ 超出' : '✓'],
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => width(row[i]))));
  const lines = rows.map((row) => row.map((c, i) => pad(c, widths[i], i >= 1 && i <= 4)).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  lines.splice(lines.length - 1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return lines.join('\n');
}
