/**
 * stats:verify against a real local environment: clean data verifies; a wrong rollup, a lost counter, a lost
 * unique-people document, a wrong firstDay and a wrong question statistic are each reported, --rebuild
 * repairs all of them, and the export CLI writes a workbook and prints the paragraph.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startLocalEnvironment, type LocalEnvironment } from '../../appserver/localEnvironment';
import { adminApp } from '../shared/adminApp';
import { HttpResident, testId } from '../testing/residentClient';
import { readWorkbook } from '../testing/reportWorkbook';
import { campaignDoc } from '../testing/campaignDoc';
import { verifyStats, describeResult } from './verifyStats';
import { recordParticipation } from '../../cloudfunctions/shared/participation/record';
import { personKey } from '../../cloudfunctions/shared/identity';
import type { Db } from '../../cloudfunctions/shared/handler';

let env: LocalEnvironment;
let db: Db;
const hour = 3600 * 1000;
const year = new Date(Date.now() + 8 * hour).toISOString().slice(0, 4);

beforeAll(async () => {
  env = await startLocalEnvironment({ port: 0, dbFile: ':memory:' });
  db = adminApp('local', env.localCloudUrl).database() as unknown as Db;
  await db.collection('campaigns').add(campaignDoc('v-live', { title: '核对测试活动', quiz: { pool: { laws: ['xianfa', 'minfadian-3-hetong'], tags: [] } } }));
  const villages = ((await db.collection('settings').doc('town').get()).data[0] as { villages: { id: string }[] }).villages;
  for (let i = 0; i < 4; i++) {
    const r = new HttpResident(env.url);
    await r.ok('setVillage', { villageId: villages[i % 2].id });
    const attemptId = testId();
    const quiz = await r.ok('startQuiz', { campaignId: 'v-live', attemptId });
    await r.ok('submitAttempt', { attemptId, answers: quiz.questions.map((q: { id: string; type: string }) => ({ questionId: q.id, answer: q.type === 'judge' ? i % 2 === 0 : ['A'] })) });
  }
  await recordParticipation(db, { eventId: 'read:x:1', kind: 'lesson_read', personKey: personKey('reader'), campaignId: null, villageId: null, laws: ['xianfa'], at: new Date(`${year}-02-10T09:00:00+08:00`) });
}, 60000);

afterAll(async () => {
  await env?.close();
});

it('finds nothing to correct in data written by the functions', async () => {
  const r = await verifyStats(db);
  expect(r.events).toBe(5);
  expect(r.rollupsChecked).toBeGreaterThan(10);
  expect(r.questionsChecked).toBeGreaterThan(0);
  expect(describeResult(r).join('\n')).not.toMatch(/不一致|缺失|多余/);
  expect(r.ok).toBe(true);
});

it('reports each kind of damage, and --rebuild repairs it', async () => {
  const month = `${year}-02`;
  await db.collection('rollups').doc(`m|${month}|none|unknown|lesson_read`).update({ count: 5 });
  await db.collection('rollups').doc(`p|year:${year}`).remove();
  await db.collection('unique_people').doc(`month:${month}|${personKey('reader')}`).remove();
  const [someone] = (await db.collection('unique_people').where({ scope: `campaign:v-live` }).limit(1).get()).data as { _id: string }[];
  await db.collection('unique_people').doc(someone._id).update({ firstDay: `${year}-01-01` });
  const [stat] = (await db.collection('question_stats').limit(1).get()).data as { _id: string; answered: number }[];
  await db.collection('question_stats').doc(stat._id).update({ answered: stat.answered + 1 });

  const broken = await verifyStats(db);
  expect(broken.ok).toBe(false);
  expect(broken.rollupDiffs.map((d) => [d.id, d.problem])).toEqual(
    expect.arrayContaining([
      [`m|${month}|none|unknown|lesson_read`, 'different'],
      [`p|year:${year}`, 'missing'],
    ]),
  );
  expect(broken.peopleDiffs.map((d) => d.scope)).toEqual(expect.arrayContaining([`month:${month}`, 'campaign:v-live']));
  expect(broken.questionDiffs.map((d) => d.questionId)).toEqual([stat._id]);
  expect(describeResult(broken).join('\n')).toContain(`汇总 p|year:${year}：缺失`);

  const rebuilt = await verifyStats(db, { rebuild: true });
  expect(rebuilt.rebuilt).toMatchObject({ questions: 1 });
  const after = await verifyStats(db);
  expect(after.ok).toBe(true);
  expect((await db.collection('rollups').doc(`m|${month}|none|unknown|lesson_read`).get()).data[0].count).toBe(1);
  expect((await db.collection('unique_people').doc(someone._id).get()).data[0].firstDay).not.toBe(`${year}-01-01`);
});

it('npm run export writes the workbook and prints the paragraph', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pufa-export-'));
  const out = path.join(dir, 'report.xlsx');
  const tsx = path.resolve(__dirname, '../../node_modules/.bin/tsx');
  const { stdout } = await promisify(execFile)(tsx, ['scripts/export/export.ts', '--from', `${year}-01-01`, '--to', `${year}-12-31`, '--format', 'xlsx', '--out', out, '--env', 'local', '--url', env.localCloudUrl], {
    cwd: path.resolve(__dirname, '../..'),
    env: { ...process.env, LOCALCLOUD_URL: '' },
  });
  expect(stdout).toContain('✓ 已导出');
  expect(stdout).toContain('年度报告参考段落');
  expect(stdout).toMatch(/参与群众5人、5人次/);
  const sheets = await readWorkbook(fs.readFileSync(out));
  expect(new Map(sheets.get('总览')!.rows.map((r) => [r['指标'], r['数值']])).get('答题人次')).toBe(4);
  fs.rmSync(dir, { recursive: true, force: true });
}, 60000);

it('keeps firstDay the earliest day when an older event is recorded later, so verify stays clean', async () => {
  const key = personKey('late_checkin');
  const base = { kind: 'checkin' as const, personKey: key, campaignId: null, villageId: null, laws: ['xianfa'] };
  await recordParticipation(db, { ...base, eventId: 'checkin:late:2', at: new Date(`${year}-03-20T10:00:00+08:00`) });
  await recordParticipation(db, { ...base, eventId: 'checkin:late:1', at: new Date(`${year}-03-05T10:00:00+08:00`) });
  expect((await db.collection('unique_people').doc(`year:${year}|${key}`).get()).data[0].firstDay).toBe(`${year}-03-05`);
  expect((await db.collection('unique_people').doc(`month:${year}-03|${key}`).get()).data[0].firstDay).toBe(`${year}-03-05`);
  expect((await verifyStats(db)).ok).toBe(true);
});
