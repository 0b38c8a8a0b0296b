/**
 * For the harness's jest files: one production weapp build (built when stale) and one in-memory local
 * environment (app server + local cloud, content synced, demo admin, dev sign-in) per test file.
 */
import { startLocalEnvironment, type LocalEnvironment } from '../../appserver/localEnvironment';
import { ensureWeappBuild, weappDir } from '../shared/appBuild';
import { MiniProgram, type LaunchOptions } from './miniProgram';

export function useWeappEnvironment(): { env: () => LocalEnvironment; launch: (o?: Partial<LaunchOptions>) => Promise<MiniProgram> } {
  let env: LocalEnvironment | undefined;
  const open: MiniProgram[] = [];
  beforeAll(async () => {
    ensureWeappBuild(() => {});
    env = await startLocalEnvironment({ port: 0, dbFile: ':memory:', allowDevSignIn: true });
  }, 600_000);
  afterEach(() => {
    for (const mp of open.splice(0)) mp.close();
  });
  afterAll(async () => {
    await env?.close();
  });
  const current = () => {
    if (!env) throw new Error('the local environment did not start');
    return env;
  };
  return {
    env: current,
    launch: async (o = {}) => {
      const mp = await MiniProgram.launch({ dir: weappDir, serverUrl: current().url, ...o });
      open.push(mp);
      await mp.idle();
      return mp;
    },
  };
}

/** A flow ends clean: no problem reported by the harness, every cloud call answered ok. */
export function expectClean(mp: MiniProgram): void {
  expect(mp.problems).toEqual([]);
  expect(mp.notOk()).toEqual([]);
}
