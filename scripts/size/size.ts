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

export function h5Js(dir = path.join(repoRoot, 'dist', 'h5')): { files: number; bytes: number } | null {
  if (!fs.existsSync(dir)) return null;
  const js = listFiles(dir).filter((f) => f.rel.endsWith('.js'));
  return { files: js.length, bytes: js.reduce((n, f) => n + f.bytes, 0) };
}

function main() {
  const args = parseArgs(process.argv.slice(2), { values: ['dir'], flags: ['json'] });
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
    if (h5) console.log(`\nH5（参考，无上限）：JavaScript ${h5.files} 个文件，${h5.bytes} 字节（${kb(h5.bytes)}），未压缩`);
    console.log(report.over.length ? `\n✗ 超出预算：${report.over.join('、')}` : '\n✓ 都在预算内');
  }
  process.exit(report.over.length ? 1 : 0);
}

if (require.main === module) main();
