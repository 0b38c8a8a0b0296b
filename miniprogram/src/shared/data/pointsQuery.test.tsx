/** The points refresh after a write against a scripted network: a request that left before the write is not its answer. */
import Taro from '@tarojs/taro';
import type { PointsSummary } from '@contracts/points';
import { scriptedNetwork, type ScriptedCall, type ScriptStep } from '../api/scriptedNetwork';
import { callResident } from '../api/clients';
import { loadServerData, peekServerData, resetServerData } from './serverData';
import { pointsQuery, refreshPoints } from './pointsQuery';

let calls: ScriptedCall[] = [];
let script: ScriptStep[] = [];
beforeEach(() => {
  Taro.clearStorageSync();
  resetServerData();
  ({ calls, script } = scriptedNetwork());
});

const summary = (total: number) => ({ ok: true, data: { today: '2026-12-06', total, todayPoints: total, cap: 20, streak: 1, learnedToday: total > 0 } });
/** A server answer that arrives only when `release` is called. */
function held(body: unknown) {
  let release = () => undefined as void;
  const answer = new Promise((resolve) => (release = () => resolve(body)));
  return { step: () => answer, release };
}
const total = () => peekServerData<PointsSummary>(pointsQuery.key).data?.total;

it('asks again when a getPoints that left before the write is still on its way, and keeps the new total', async () => {
  const old = held(summary(10));
  script.push(old.step);
  const cardLoad = loadServerData(pointsQuery); // the points card asked when the page opened

  script.push(() => ({ ok: true, data: { lessonId: 'l1', firstRead: true } }));
  expect((await callResident('markLessonRead', { lessonId: 'l1' })).ok).toBe(true);
  script.push(() => summary(11));
  const refresh = refreshPoints();

  old.release(); // the request from before the read answers only now, with the old total
  await cardLoad;
  const refreshed = await refresh;
  expect(refreshed.data?.total).toBe(11);
  expect(total()).toBe(11);
  expect(calls.map((c) => c.action)).toEqual(['getPoints', 'markLessonRead', 'getPoints']);
});

it('asks once when nothing is on its way', async () => {
  script.push(() => summary(3));
  expect((await refreshPoints()).data?.total).toBe(3);
  expect(calls.map((c) => c.action)).toEqual(['getPoints']);
});

it('lets refreshes after the same write share the one new request', async () => {
  const old = held(summary(10));
  script.push(old.step);
  void loadServerData(pointsQuery);
  script.push(() => summary(12));
  const both = Promise.all([refreshPoints(), refreshPoints()]);
  old.release();
  expect((await both).map((r) => r.data?.total)).toEqual([12, 12]);
  expect(calls.map((c) => c.action)).toEqual(['getPoints', 'getPoints']);
});
