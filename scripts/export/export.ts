/**
 * npm run export -- --from 2026-01-01 --to 2026-12-31 --format xlsx|csv --out <file> [--env local|<envId>] [--url <localcloud>]
 *
 * Builds the same workbook as the staff page's export button (shared/reporting), from the rollups and
 * counters, writes it to --out and prints the draft paragraph for the annual report.
 * `--env local` (the default) talks to the local cloud `npm start` runs (.data/local.json), or --url / LOCALCLOUD_URL;
 * any other value is a CloudBase environment id (credentials from TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY).
 */
import fs from 'node:fs';
import path from 'node:path';
import { openAdminApp } from '../shared/adminApp';
import { UsageError, parseCommandLine } from '../shared/cliArgs';
import type { Db } from '../../cloudfunctions/shared/handler';
import { MAX_EXPORT_DAYS } from '../../cloudfunctions/contracts/reports';
import { computeReport, rangeProblem } from '../../cloudfunctions/shared/reporting/figures';
import { buildExportFile, exportFileName } from '../../cloudfunctions/shared/reporting/workbook';
import { chinaDay } from '../../cloudfunctions/contracts/time';
import { averageText, percentText } from '../../cloudfunctions/contracts/numbers';

export interface ExportArgs {
  from: string;
  to: string;
  format: 'xlsx' | 'csv';
  out: string | undefined;
  env: string;
  url: string | undefined;
}

export const EXPORT_USAGE = 'npm run export -- [--from 2026-01-01] [--to 2026-12-31] [--format xlsx|csv] [--out <file>] [--env local|<envId>] [--url <local cloud URL>]';

export function parseExportArgs(args: string[]): ExportArgs {
  const { values: v } = parseCommandLine(
    args,
    { from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, env: { type: 'string' }, url: { type: 'string' } },
    EXPORT_USAGE,
  );
  const year = chinaDay(new Date()).slice(0, 4);
  const from = v.from ?? `${year}-01-01`;
  const to = v.to ?? `${year}-12-31`;
  const format = v.format ?? 'xlsx';
  if (format !== 'xlsx' && format !== 'csv') throw new UsageError('--format 只能是 xlsx 或 csv / --format must be xlsx or csv', EXPORT_USAGE);
  const problem = rangeProblem(from, to, MAX_EXPORT_DAYS);
  if (problem) throw new Error(problem);
  return { from, to, format, out: v.out, env: v.env ?? 'local', url: v.url };
}

export async function runExport(db: Db, a: ExportArgs, now = new Date()) {
  const started = Date.now();
  const report = await computeReport(db, a.from, a.to, now);
  const file = await buildExportFile(report, a.format);
  const out = path.resolve(a.out ?? exportFileName(report, a.format));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, file);
  return { report, out, bytes: file.length, ms: Date.now() - started };
}

async function main() {
  const a = parseExportArgs(process.argv.slice(2));
  const db = (await openAdminApp(a.env, a.url)).database() as unknown as Db;
  const { report, out, bytes, ms } = await runExport(db, a);
  const t = report.totals;
  console.log(`✓ 已导出 ${out}（${(bytes / 1024).toFixed(1)} KB，${ms} ms）`);
  console.log(`  参与人数 ${t.people}  参与人次 ${t.times}  答题人次 ${t.quiz}  平均分 ${averageText(t.avgScore)}  合格率 ${percentText(t.passRate)}`);
  console.log(`  阅读人次 ${t.read}  线下活动 ${t.offlineEvents} 场  线下参与 ${t.offlineTimes} 人次  宣传单 ${t.leaflets}  标语 ${t.banners}`);
  console.log('');
  console.log('年度报告参考段落：');
  console.log(report.paragraph);
  if (report.peopleBasis !== 'exact') console.log(`\n注：${report.notes.find((n) => n.includes('参与人数按自然年') || n.includes('跨年')) ?? ''}`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`✗ ${(error as Error).message}`);
    process.exitCode = 1;
  });
}
