/** Server data against a scripted network: the stored copy shows first and survives a failed refresh. */
import Taro from '@tarojs/taro';
import { act, render, screen } from '@testing-library/react';
import type { HomeView } from '@contracts/resident';
import { homeQuery, markLessonReadInHome } from './homeQuery';
import { loadServerData, peekServerData, prefetchServerData, resetServerData, useServerData } from './serverData';
import { residentQuery } from './queries';
import { AsyncView } from '../ui/AsyncView';

let respond: () => unknown;
let calls = 0;
beforeEach(() => {
  Taro.clearStorageSync();
  resetServerData();
  calls = 0;
  (globalThis as { fetch: unknown }).fetch = jest.fn(async () => {
    calls++;
    const body = respond();
    if (body instanceof Error) throw body;
    return { ok: true, status: 200, json: async () => body };
  });
});

const home = (title: string) => ({ campaigns: [{ id: 'c1', title }], notices: [], lawGroups: [{ law: 'xianfa', shortName: '宪法', lessons: [{ id: 'l1', title: '课', law: 'xianfa', readingMinutes: 1, read: false }] }], legalHelp: {}, profile: {} });

it('shows the last good home at once on the next visit, and keeps it when the refresh fails', async () => {
  respond = () => ({ ok: true, data: home('第一次') });
  await loadServerData(homeQuery);
  expect(peekServerData(homeQuery.key)).toMatchObject({ fromCache: false, error: null });
  markLessonReadInHome('l1');

  // Next visit (fresh memory), offline.
  resetServerData();
  let seenDuringLoad: unknown = null;
  respond = () => {
    seenDuringLoad = peekServerData<HomeView>(homeQuery.key).data?.campaigns[0].title;
    return new Error('offline');
  };
  await loadServerData(homeQuery);
  expect(seenDuringLoad).toBe('第一次');
  const s = peekServerData<HomeView>(homeQuery.key);
  expect(s.fromCache).toBe(true);
  expect(s.error?.code).toBe('NETWORK');
  expect(s.data?.lawGroups[0].lessons[0].read).toBe(true);

  respond = () => ({ ok: true, data: home('第二次') });
  await loadServerData(homeQuery);
  expect(peekServerData(homeQuery.key)).toMatchObject({ fromCache: false, error: null });
  expect(peekServerData<HomeView>(homeQuery.key).data?.campaigns[0].title).toBe('第二次');
});

it('has nothing to show on a first visit without network', async () => {
  respond = () => new Error('offline');
  await loadServerData(homeQuery);
  expect(peekServerData(homeQuery.key).data).toBeNull();
  expect(peekServerData(homeQuery.key).error?.code).toBe('NETWORK');
});

it('asks the server once when two screens want the same thing at the same time', async () => {
  respond = () => ({ ok: true, data: home('一次') });
  await Promise.all([loadServerData(homeQuery), loadServerData(residentQuery('getHome', {}))]);
  expect(calls).toBe(1);
});

it('drops what was shown when the server refuses (it is no longer true), keeps it when the network fails', async () => {
  const q = residentQuery('getAttempt', { attemptId: 'a'.repeat(24) });
  respond = () => ({ ok: true, data: { attemptId: 'x' } });
  await loadServerData(q);
  respond = () => new Error('offline');
  await loadServerData(q);
  expect(peekServerData(q.key).data).not.toBeNull();
  respond = () => ({ ok: false, code: 'NOT_FOUND', message: '没有这次答题' });
  await loadServerData(q);
  expect(peekServerData(q.key)).toMatchObject({ data: null, error: { code: 'NOT_FOUND' } });
});

describe('a screen mounting on a copy', () => {
  const frames: string[] = [];
  function Standing({ maxAgeMs }: { maxAgeMs?: number }) {
    const s = useServerData(homeQuery, { maxAgeMs });
    frames.push(s.loading ? 'loading' : (s.data?.campaigns[0].title ?? 'none'));
    return null;
  }
  beforeEach(() => {
    frames.length = 0;
  });

  it('that must be asked again counts as loading from its first frame: the old copy is never shown alone', async () => {
    respond = () => ({ ok: true, data: home('旧的') });
    await loadServerData(homeQuery);
    respond = () => ({ ok: true, data: home('新的') });
    await new Promise((r) => setTimeout(r, 5));
    render(<Standing maxAgeMs={0} />);
    await act(async () => new Promise((r) => setTimeout(r, 0)));
    expect(frames[0]).toBe('loading');
    expect(frames).not.toContain('旧的');
    expect(frames[frames.length - 1]).toBe('新的');
    expect(calls).toBe(2);
  });

  it('that is fresh enough shows it at once and does not ask', async () => {
    respond = () => ({ ok: true, data: home('刚拿到') });
    await loadServerData(homeQuery);
    render(<Standing maxAgeMs={60e3} />);
    await act(async () => new Promise((r) => setTimeout(r, 0)));
    expect(frames).toEqual(['刚拿到']);
    expect(calls).toBe(1);
  });

  it('prefetched at launch is taken by the first screen without asking again, however long the page took', async () => {
    respond = () => ({ ok: true, data: home('启动时') });
    await prefetchServerData(homeQuery);
    await new Promise((r) => setTimeout(r, 5));
    render(<Standing maxAgeMs={0} />);
    await act(async () => new Promise((r) => setTimeout(r, 0)));
    expect(frames).toEqual(['启动时']);
    expect(calls).toBe(1);
    // The next screen asks as usual.
    render(<Standing maxAgeMs={0} />);
    await act(async () => new Promise((r) => setTimeout(r, 0)));
    expect(calls).toBe(2);
  });
});

it("a screen's reload after its own write settles on an answer given after it, not on a request from before", async () => {
  let releaseOld = () => undefined as void;
  const bodies = [new Promise((r) => (releaseOld = () => r({ ok: true, data: home('写之前') }))), Promise.resolve({ ok: true, data: home('写之后') })];
  (globalThis as { fetch: unknown }).fetch = jest.fn(async () => {
    const body = await bodies[calls++];
    return { ok: true, status: 200, json: async () => body };
  });
  let reload: () => Promise<unknown> = async () => undefined;
  function Book() {
    reload = useServerData(homeQuery).reload;
    return null;
  }
  render(<Book />); // the screen's first request is on its way
  await act(async () => new Promise((r) => setTimeout(r, 0)));
  const after = reload(); // … the resident changes something, and the screen reloads
  releaseOld();
  await act(async () => void (await after));
  expect(peekServerData<HomeView>(homeQuery.key).data?.campaigns[0].title).toBe('写之后');
  expect(calls).toBe(2);
});

describe('AsyncView', () => {
  function Notices() {
    const state = useServerData(residentQuery('getHome', {}));
    return <AsyncView state={state} empty="还没有通知" isEmpty={(d) => d.notices.length === 0}>{(d) => <p>{d.notices.length} 条通知</p>}</AsyncView>;
  }
  it('goes from loading to an error with 重试, and 重试 brings the content', async () => {
    respond = () => new Error('offline');
    render(<Notices />);
    expect(screen.getByText('正在加载…')).toBeTruthy();
    await screen.findByText('网络不给力，请检查网络后重试');
    respond = () => ({ ok: true, data: { ...home('x'), notices: [{ id: 'n1' }] } });
    await act(async () => screen.getByRole('button', { name: '重试' }).click());
    await screen.findByText('1 条通知');
  });
  it('says so when there is nothing, and offers a way out instead of 重试 when refused', async () => {
    respond = () => ({ ok: true, data: home('x') });
    const { unmount } = render(<Notices />);
    await screen.findByText('还没有通知');
    unmount();
    resetServerData();
    respond = () => ({ ok: false, code: 'FORBIDDEN', message: '没有权限查看' });
    render(<Notices />);
    await screen.findByText('没有权限查看');
    expect(screen.queryByRole('button', { name: '重试' })).toBeNull();
    expect(screen.getByRole('button', { name: /返回/ })).toBeTruthy();
  });
});
