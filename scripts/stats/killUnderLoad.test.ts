/**
 * The local cloud killed (kill -9) in the middle of a load of participation writes (issue #13): writers record
 * graded quizzes (attempt stored, then the participation with its question statistics), lesson reads, 每日一练 and
 * check-ins as the functions do, 40 at a time, against the local cloud running as its own process. Mid-load the
 * process is killed; nobody retries. It is restarted on the same database file, the sweep runs once, and
 * stats:verify (its library function) finds no difference, without --rebuild. The crash is shown to have left
 * events pending (and the counters short), so the check is not vacuous.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createApp } from '../../cloudfunctions/shared/cloudbase';
import { recordParticipation } from '../../cloudfunctions/shared/participation/record';
import { PENDING_GRACE_MS, sweepParticipation } from '../../cloudfunctions/shared/participation/sweep';
import type { Db } from '../../cloudfunctions/shared/handler';
import type { ParticipationKind } from '../../cloudfunctions/contracts/reports';
import { killHard, startLocalCloudProcess, tempDir } from '../../localcloud/testkit';
import { describeResult, verifyStats } from './verifyStats';

const LAWS = [
  { _id: 'minfadian-3-hetong', code: '民法典', shortName: '合同编' },
  { _id: 'minfadian-2-wuquan', code: '民法典', shortName: '物权编' },
  { _id: 'xianfa', code: '宪法', shortName: '宪法' },
];
const WRITERS = 40;
const KINDS: ParticipationKind[] = ['quiz_attempt', 'quiz_attempt', 'lesson_read', 'practice', 'checkin'];

/** One function's writes for participation `i` (what submitAttempt, markLessonRead … store). */
async function writeOne(db: Db, i: number): Promise<void> {
  const kind = KINDS[i % KINDS.length]!;
  const at = new Date(Date.now() - (i % 20) * 24 * 3600 * 1000);
  const base = { kind, personKey: `load-person-${i % 97}`, campaignId: i % 3 ? 'c-load' : null, villageId: i % 4 ? `v0${1 + (i % 4)}` : null, laws: i % 2 ? ['minfadian-3-hetong', 'minfadian-2-wuquan'] : ['xianfa'], at };
  if (kind === 'quiz_attempt') {
    const score = [40, 60, 80, 100][i % 4]!;
    const result = { score, items: [{ questionId: `q${i % 7}`, points: i % 2 }, { questionId: `q${7 + (i % 5)}`, points: 1 }] };
    await db.collection('attempts').add({ _id: `load-${i}`, result });
    await recordParticipation(db, { ...base, eventId: `quiz:load-${i}`, score, passed: score >= 60, durationMs: 20_000 }, { questionStats: result });
  } else {
    await recordParticipation(db, { ...base, eventId: `${kind}:load-${i}` });
  }
}

test('kill -9 of the local cloud mid-load, restart on the same file, one sweep: stats:verify is clean without --rebuild', async () => {
  const dir = tempDir('kill-under-load-');
  const dbFile = path.join(dir, 'pufa.sqlite');
  let cloud = await startLocalCloudProcess(dbFile, { ensure: true });
  try {
    const db = createApp(cloud.url).database() as unknown as Db;
    await db.collection('laws').add(LAWS);

    // The load: WRITERS concurrent writers, each taking the next participation until the cloud dies.
    let next = 0;
    let acknowledged = 0;
    const failed: number[] = [];
    const writers = Array.from({ length: WRITERS }, async () => {
      for (;;) {
        const i = next++;
        try {
          await writeOne(db, i);
          acknowledged++;
        } catch {
          failed.push(i); // the cloud is gone: this function invocation fails, nobody retries
          return;
        }
      }
    });
    // Kill once some writes are through (the load is then in full swing), at most 10 s in.
    const t0 = Date.now();
    while (acknowledged < 60 && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 20));
    expect(acknowledged).toBeGreaterThan(0);
    await killHard(cloud.child);
    expect(cloud.child.signalCode).toBe('SIGKILL');
    await Promise.all(writers);
    expect(failed.length).toBe(WRITERS);

    cloud = await startLocalCloudProcess(dbFile, { ensure: true });
    const after = createApp(cloud.url).database() as unknown as Db;
    const pending = (await after.collection('events').where({ state: 'pending' }).count()).total ?? 0;
    expect(pending).toBeGreaterThan(0); // the kill really caught writers between storing an event and counting it
    const beforeSweep = await verifyStats(after);
    expect(beforeSweep.ok).toBe(false);

    // The timer's sweep, once the grace period has passed; no --rebuild.
    const later = new Date(Date.now() + PENDING_GRACE_MS + 60_000);
    const swept = await sweepParticipation(after, later);
    expect(swept.completed).toBe(pending);
    const verified = await verifyStats(after, { now: later });
    expect(describeResult(verified).join('\n')).not.toMatch(/不一致|缺失|多余/);
    expect({ rollups: verified.rollupDiffs, people: verified.peopleDiffs, questions: verified.questionDiffs, ok: verified.ok }).toEqual({ rollups: [], people: [], questions: [], ok: true });
    // every write acknowledged before the kill is there (and counted: verify recounts from these events)
    expect(verified.events).toBeGreaterThanOrEqual(acknowledged);
    expect(verified.rebuilt).toBeUndefined();
  } finally {
    await killHard(cloud.child);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 90_000);
