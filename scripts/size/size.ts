/**
 * `npm run size [-- --dir dist/weapp] [--json]`: the size of the production mini-program build per package
 * (main package, each subpackage root of app.json, total) against our budget — main ≤ 500 KB, each
 * subpackage ≤ 400 KB, all together ≤ 1.5 MB — and exits 1 when any is over (2 when there is no build).
 * Run it after `npm run build:weapp`. Prints the H5 build's JavaScript size too, for reference (no budget).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, repoRoot } from '../deploy/env';
import { formatReport, kb, listFiles, measure, type PackIgnore } from './measure';

export function packIgnore(projectConfig = path.join(repoRoot, 'project.config.json')): PackIgnore[] {
  if (!fs.existsSync(projectConfig)) return [];
  const cfg = JSON.parse(fs.readFileSync(projectConfig, 'utf8')) as { packOptions?: { ignore?: PackIgnore[] } };
  return cfg.packOptions?.ignore ?? [];
}

/**
 * JavaScript of the H5 build: what index.html loads first, and that plus every lazily loaded chunk the entry's
 * chunk map names (files left over from an earlier build in the same folder are not counted).
 */
export function h5Js(dir = path.join(repoRoot, 'dist', 'h5')): { initial: { files: number; bytes: number }; all: { files: number; bytes: number } } | null {
  const index = path.join(dir, 'index.html');
  if (!fs.existsSync(index)) return null;
  const html = fs.readFileSync(index, 'utf8');
  const entries = [...html.matchAll(/<script[^>]+src="\/?([^"]+\.js)"/g)].map((m) => m[1]).filter((rel) => fs.existsSync(path.join(dir, rel)));
  const entryText = entries.map((rel) => fs.readFileSync(path.join(dir, rel), 'utf8')).join('\n');
  const js = listFiles(dir).filter((f) => f.rel.endsWith('.js'));
  const size = (files: { bytes: number }[]) => ({ files: files.length, bytes: files.reduce((n, f) => n + f.bytes, 0) });
  const hashOf = (rel: string) => /\.([0-9a-f]{8})\.js$/.exec(rel)?.[1];
  const chunks = js.filter((f) => entries.includes(f.rel) || (hashOf(f.rel) !== undefined && entryText.includes(`"${hashOf(f.rel)}"`)));
  return { initial: size(js.filter((f) => entries.includes(f.rel))), all: size(chunks) };
}

function main() {
  const args = parseArgs(process.argv.slice(2), { values: ['dir'], flags: ['json'] }, 'npm run size -- [--dir <weapp build>] [--json]');
  const dir = path.resolve(args.values.dir ?? path.join(repoRoot, 'dist', 'weapp'));
  let report;
  try {
    report = measure(dir, packIgnore());
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  if (args.flags.has('json')) {
    console.log(JSON.stringify({ ...report, h5: h5Js() }, null, 2));
  } else {
    console.log(`小程序包大小（${path.relative(repoRoot, dir) || dir}；不计 packOptions.ignore 忽略的 ${report.ignored.length} 个文件）\n`);
    console.log(formatReport(report));
    const h5 = h5Js();
    if (h5) console.log(`\nH5（参考，无上限，未压缩）：首屏加载 JavaScript ${h5.initial.files} 个文件 ${h5.initial.bytes} 字节（${kb(h5.initial.bytes)}）；含按需加载的页面共 ${h5.all.files} 个文件 ${h5.all.bytes} 字节（${kb(h5.all.bytes)}）`);
    console.log(report.over.length ? `\n✗ 超出预算：${report.over.join('、')}` : '\n✓ 都在预算内');
  }
  process.exit(report.over.length ? 1 : 0);
}

if (require.main === module) main();
