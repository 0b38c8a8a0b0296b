/**
 * `npm run bench:export [-- --sizes 100000,1000000] [--year 2025] [--people 20000]`
 *
 * For each size: a fresh local cloud on a SQLite file, the content library synced in, 10 campaigns spanning
 * the year, and N participation events spread over 365 days × 10 campaigns × the town's villages (quiz
 * attempts, lesson reads, check-ins, shares; residents drawn from a fixed pool per village). Events are
 * built with the same code the functions use (participation.toEvent), and their rollups, unique-people
 * documents and counters with the stats:verify recount (shared/reporting/recount.ts, the same rules as
 * recordParticipation). All of it is written straight into the local cloud's store in bulk transactions
 * (LocalStore.insert, the local cloud's own write path, skipping HTTP), because a million SDK round trips
 * would only benchmark the generator.
 *
 * Then, in the same run:
 *   - the full-year xlsx export exactly as the reports function builds it (computeReport over the SDK/HTTP
 *     + exceljs), cold and warm (median of 3);
 *   - a partial range (15 March – 20 November), which adds daily rollups and firstDay counts;
 *   - direct SQL over the events table computing the same figures (totals, per campaign, village and month,
 *     distinct people), which scans every event;
 * and checks that the export's figures equal the SQL's.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { startLocalCloud } from '../../localcloud/server';
import { ensureCollections } from '../../localcloud/ensureCollections';
import { adminApp } from '../shared/adminApp';
import { averageOf, rateOf } from '../../cloudfunctions/contracts/numbers';
import { parseCommandLine, positiveInt } from '../shared/cliArgs';
import { defaultPaths, loadLibrary } from '../../content-compiler/library';
import { toDocuments } from '../../content-compiler/toDocuments';
import { syncContent } from '../../content-compiler/sync';
import type { Db } from '../../cloudfunctions/shared/handler';
import { toEvent, type ParticipationKind } from '../../cloudfunctions/shared/participation/events';
import { lawGroupsOf } from '../../cloudfunctions/shared/laws';
import { Recount } from '../../cloudfunctions/shared/participation/recount';
import { computeReport } from '../../cloudfunctions/shared/reporting/figures';
import { buildXlsx } from '../../cloudfunctions/shared/reporting/workbook';
import { addDays, chinaDayStart, daysBetween } from '../../cloudfunctions/contracts/time';
import type { ReportView } from '../../cloudfunctions/contracts/reports';

const USAGE = 'npm run bench:export -- [--sizes 100000,1000000] [--year 2025] [--people 20000]';
const { values: args } = parseCommandLine(process.argv.slice(2), { sizes: { type: 'string' }, year: { type: 'string' }, people: { type: 'string' } }, USAGE);
const SIZES = (args.sizes ?? '100000,1000000').split(',').map(Number).filter((n) => n > 0);
const YEAR = args.year ?? '2025';
const PEOPLE = positiveInt(args.people, 20000, 'people', USAGE);
const CAMPAIGNS = 10;
const BATCH = 5000;

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (t: number) => `${Math.round(t)} ms`;

interface SqlFigures {
  times: number;
  quiz: number;
  scoreSum: number;
  passed: number;
  people: number;
  byCampaign: Map<string, number>;
  byVillage: Map<string, number>;
  byMonth: Map<string, number>;
  campaignPeople: Map<string, number>;
  villagePeople: Map<string, number>;
}

function sqlFigures(sqlite: import('better-sqlite3').Database, from: string, to: string): SqlFigures {
  const f = `WHERE json_extract(doc,'$.day') BETWEEN ? AND ?`;
  const t = sqlite
    .prepare(
      `SELECT count(*) n, sum(json_extract(doc,'$.kind')='quiz_attempt') quiz,
              sum(CASE WHEN json_extract(doc,'$.kind')='quiz_attempt' THEN json_extract(doc,'$.score') ELSE 0 END) scoreSum,
              sum(CASE WHEN json_extract(doc,'$.passed') THEN 1 ELSE 0 END) passed,
              count(DISTINCT json_extract(doc,'$.personKey')) people
       FROM c_events ${f}`,
    )
    .get(from, to) as { n: number; quiz: number; scoreSum: number; passed: number; people: number };
  const group = (expr: string) =>
    new Map((sqlite.prepare(`SELECT ${expr} k, count(*) n FROM c_events ${f} GROUP BY k`).all(from, to) as { k: string; n: number }[]).map((r) => [r.k, r.n]));
  const people = (field: string) =>
    new Map(
      (sqlite.prepare(`SELECT json_extract(doc,'$.${field}') k, count(DISTINCT json_extract(doc,'$.personKey')) n FROM c_events WHERE json_extract(doc,'$.day') <= ? AND json_extract(doc,'$.year') = ? GROUP BY k`).all(to, from.slice(0, 4)) as {
        k: string;
        n: number;
      }[]).map((r) => [r.k, r.n]),
    );
  return {
    times: t.n,
    quiz: t.quiz,
    scoreSum: t.scoreSum,
    passed: t.passed,
    people: t.people,
    byCampaign: group(`json_extract(doc,'$.campaignId')`),
    byVillage: group(`json_extract(doc,'$.villageId')`),
    byMonth: group(`json_extract(doc,'$.month')`),
    campaignPeople: people('campaignId'),
    villagePeople: people('villageId'),
  };
}

/** Every figure both sides have: the export must equal the SQL (when the range starts on 1 January). */
function compare(report: ReportView, sql: SqlFigures): string[] {
  const problems: string[] = [];
  const eq = (what: string, a: unknown, b: unknown) => {
    if (a !== b) problems.push(`${what}: export ${a} ≠ SQL ${b}`);
  };
  const t = report.totals;
  eq('参与人次', t.times - t.unscanned, sql.times);
  eq('答题人次', t.quiz, sql.quiz);
  // The same single rounding as every report figure (contracts/numbers.ts), from the SQL's exact counts.
  eq('平均分', t.avgScore, averageOf(sql.scoreSum, sql.quiz));
  eq('合格率', t.passRate, rateOf(sql.passed, sql.quiz));
  eq('参与人数', t.people, sql.people);
  for (const c of report.campaigns) if (sql.byCampaign.has(c.id)) eq(`活动 ${c.id} 人次`, c.times - c.unscanned, sql.byCampaign.get(c.id));
  for (const c of report.campaigns) if (sql.campaignPeople.has(c.id)) eq(`活动 ${c.id} 人数`, c.people, sql.campaignPeople.get(c.id));
  for (const v of report.villages) if (sql.byVillage.has(v.id)) eq(`村 ${v.id} 人次`, v.times - v.unscanned, sql.byVillage.get(v.id));
  for (const v of report.villages) if (sql.villagePeople.has(v.id)) eq(`村 ${v.id} 人数`, v.people, sql.villagePeople.get(v.id));
  for (const m of report.months) eq(`${m.month} 人次`, m.times - m.unscanned, sql.byMonth.get(m.month) ?? 0);
  return problems;
}

async function runSize(total: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pufa-bench-export-'));
  const dbFile = path.join(dir, 'bench.sqlite');
  const cloud = await startLocalCloud({ port: 0, dbFile });
  process.env.LOCALCLOUD_URL = cloud.url;
  process.env.TENCENTCLOUD ??= 'true'; // no cloud-metadata probe against the local cloud
  try {
    await ensureCollections(cloud.store);
    const db = adminApp('local', cloud.url).database() as unknown as Db;
    const { library } = loadLibrary(defaultPaths());
    await syncContent(db as never, toDocuments(library));
    const town = cloud.store.findById('settings', 'town')[0] as { villages: { id: string }[] };
    const villages = town.villages.map((v) => v.id);
    const laws = cloud.store.find('laws', {}, { limit: 1000 }) as { _id: string; code: string }[];
    const groups = lawGroupsOf(laws);
    const questions = cloud.store.find('questions', {}, { limit: 1000 }) as { _id: string }[];

    const from = `${YEAR}-01-01`;
    const to = `${YEAR}-12-31`;
    const days = daysBetween(from, to) + 1;
    const campaigns = Array.from({ length: CAMPAIGNS }, (_, i) => ({
      _id: `bench-${String(i + 1).padStart(2, '0')}`,
      title: `基准活动 ${i + 1}`,
      bannerText: '学法',
      summary: '基准',
      start: `${from}T00:00:00+08:00`,
      end: `${to}T23:59:59+08:00`,
      themeLaws: [laws[(2 * i) % laws.length]._id, laws[(2 * i + 1) % laws.length]._id],
      lessonIds: [],
      quiz: { questionsPerQuiz: 5, passMark: 60, attemptsPerDay: 3, pool: { laws: [], tags: [] } },
      status: 'published',
      pinned: false,
      source: 'staff',
      version: 1,
      updatedAt: new Date().toISOString(),
    }));
    cloud.store.insert('campaigns', campaigns);

    // Events: every (day, campaign, village) cell gets ⌊N / cells⌋ events, the first N mod cells one more.
    const t0 = Date.now();
    const random = rng(total);
    const cells = days * CAMPAIGNS * villages.length;
    const per = Math.floor(total / cells);
    const extra = total % cells;
    const perVillage = Math.ceil(PEOPLE / villages.length);
    const keys = villages.map((v) => Array.from({ length: perVillage }, (_, i) => createHash('sha256').update(`bench:${v}:${i}`).digest('hex').slice(0, 24)));
    const recount = new Recount();
    let batch: unknown[] = [];
    let cell = 0;
    let n = 0;
    const kinds: [ParticipationKind, number][] = [
      ['quiz_attempt', 0.62],
      ['lesson_read', 0.3],
      ['checkin', 0.04],
      ['share', 0.04],
    ];
    const pickKind = () => {
      let r = random();
      for (const [k, p] of kinds) if ((r -= p) < 0) return k;
      return 'share' as ParticipationKind;
    };
    for (let d = 0; d < days; d++) {
      const day = addDays(from, d);
      const dayStart = chinaDayStart(day).getTime();
      for (const c of campaigns) {
        for (let v = 0; v < villages.length; v++, cell++) {
          const count = per + (cell < extra ? 1 : 0);
          for (let k = 0; k < count; k++, n++) {
            const kind = pickKind();
            const score = kind === 'quiz_attempt' ? 40 + 10 * Math.floor(random() * 7) : undefined;
            const person = keys[v][Math.floor(random() * perVillage)];
            const lawsOf = kind === 'quiz_attempt' ? (random() < 0.5 ? c.themeLaws : [c.themeLaws[0]]) : kind === 'share' ? [] : [c.themeLaws[Math.floor(random() * 2)]];
            const event = toEvent(
              {
                eventId: `${kind}:bench-${n}`,
                kind,
                personKey: person,
                campaignId: kind === 'share' && random() < 0.5 ? null : c._id,
                villageId: villages[v],
                laws: lawsOf,
                at: new Date(dayStart + Math.floor(random() * 86_400_000)),
                ...(kind === 'quiz_attempt' ? { score, passed: score! >= 60, durationMs: 60_000 + Math.floor(random() * 240_000) } : {}),
              },
              groups,
            );
            recount.add(event);
            batch.push(event);
            if (batch.length >= BATCH) {
              cloud.store.insert('events', batch);
              batch = [];
            }
          }
        }
      }
    }
    if (batch.length) cloud.store.insert('events', batch);
    const tEvents = Date.now() - t0;

    const t1 = Date.now();
    const insertAll = (coll: string, docs: unknown[]) => {
      for (let i = 0; i < docs.length; i += BATCH) cloud.store.insert(coll, docs.slice(i, i + BATCH));
    };
    const rollupDocs = [...recount.allRollups().values()];
    insertAll('rollups', rollupDocs);
    const peopleDocs = [...recount.people.values()];
    insertAll('unique_people', peopleDocs);
    insertAll(
      'question_stats',
      questions.map((q, i) => {
        const answered = 200 + i;
        return { _id: q._id, questionId: q._id, answered, points: Math.round(answered * (0.25 + (i % 8) / 10)), topAnswered: 80, topPoints: 60 + (i % 20), middleAnswered: 60, middlePoints: 40, bottomAnswered: 60 + i, bottomPoints: 30 };
      }),
    );
    const offline: unknown[] = [];
    for (let m = 1; m <= 12; m++) {
      for (const [v, village] of villages.entries()) {
        for (const k of [0, 1]) {
          const id = `bench-oe-${m}-${v}-${k}`;
          offline.push({ _id: id, code: id.slice(-8), type: k ? '院坝会' : '法治讲座', title: `${m}月普法${k ? '院坝会' : '讲座'}`, date: `${YEAR}-${String(m).padStart(2, '0')}-${String(5 + v).padStart(2, '0')}`, villageId: village, place: '村委会', themeLaws: [campaigns[m % CAMPAIGNS].themeLaws[0]], campaignId: null, lessonId: null, attendees: 30 + v, leaflets: 100, banners: 2, notes: '', checkIns: 0, createdBy: 'bench', createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(), archived: false });
        }
      }
    }
    insertAll('offline_events', offline);
    const tRollups = Date.now() - t1;
    const sizeMb = fs.statSync(dbFile).size / 1e6;

    // The bulk writes above held the event loop for a long time; let the overdue keep-alive timers of the SDK's
    // idle sockets (and the server's) run before the first request, or it may pick a socket being closed.
    await new Promise((resolve) => setTimeout(resolve, 500));

    // The export, as the function builds it (SDK over HTTP to the local cloud, then exceljs).
    const now = new Date();
    const timeExport = async (a: string, b: string) => {
      const s = Date.now();
      const report = await computeReport(db, a, b, now);
      const sFigures = Date.now() - s;
      const file = await buildXlsx(report);
      return { report, figuresMs: sFigures, totalMs: Date.now() - s, bytes: file.length };
    };
    const cold = await timeExport(from, to);
    const warm = [await timeExport(from, to), await timeExport(from, to), await timeExport(from, to)];
    const partial = await timeExport(`${YEAR}-03-15`, `${YEAR}-11-20`);

    const s = Date.now();
    const sql = sqlFigures(cloud.store.db, from, to);
    const sqlMs = Date.now() - s;
    const problems = compare(cold.report, sql);

    return {
      total,
      events: n,
      rollups: rollupDocs.length,
      people: peopleDocs.length,
      tEvents,
      tRollups,
      sizeMb,
      cold,
      warm: { totalMs: median(warm.map((w) => w.totalMs)), figuresMs: median(warm.map((w) => w.figuresMs)) },
      partial,
      sqlMs,
      problems,
      sample: cold.report.totals,
    };
  } finally {
    await cloud.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  console.log(`bench:export — ${YEAR}, ${CAMPAIGNS} 个活动, 居民 ${PEOPLE} 人；机器 ${os.cpus().length} 核 ${os.cpus()[0]?.model ?? ''}`);
  const rows = [];
  for (const size of SIZES) {
    console.log(`\n生成 ${size.toLocaleString('en')} 条参与记录…`);
    const r = await runSize(size);
    rows.push(r);
    console.log(`  写入参与记录 ${ms(r.tEvents)}；汇总 ${r.rollups} 个、去重记录 ${r.people} 条、题目统计与线下活动 ${ms(r.tRollups)}；数据库 ${r.sizeMb.toFixed(0)} MB`);
    console.log(`  全年 xlsx 导出：首次 ${ms(r.cold.totalMs)}（其中取数 ${ms(r.cold.figuresMs)}，文件 ${(r.cold.bytes / 1024).toFixed(0)} KB），再次（3 次中位数）${ms(r.warm.totalMs)}（取数 ${ms(r.warm.figuresMs)}）`);
    console.log(`  区间 3月15日–11月20日 导出：${ms(r.partial.totalMs)}（取数 ${ms(r.partial.figuresMs)}）`);
    console.log(`  直接 SQL 扫描参与记录算同样的数：${ms(r.sqlMs)}`);
    console.log(`  参与人数 ${r.sample.people}、参与人次 ${r.sample.times}、答题人次 ${r.sample.quiz}、平均分 ${r.sample.avgScore}、合格率 ${r.sample.passRate}`);
    console.log(r.problems.length ? `  ✗ 导出与 SQL 不一致：\n    ${r.problems.slice(0, 20).join('\n    ')}` : '  ✓ 导出的各项数字与 SQL 一致（总数、各活动、各村、各月的人次与人数）');
  }
  console.log('\n| 参与记录 | 全年导出（首次） | 全年导出（再次） | 区间导出 | 直接 SQL | 一致 |');
  console.log('|---:|---:|---:|---:|---:|:-:|');
  for (const r of rows) console.log(`| ${r.events.toLocaleString('en')} | ${ms(r.cold.totalMs)} | ${ms(r.warm.totalMs)} | ${ms(r.partial.totalMs)} | ${ms(r.sqlMs)} | ${r.problems.length ? '✗' : '✓'} |`);
  if (rows.some((r) => r.problems.length)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
