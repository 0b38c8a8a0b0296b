/** The home store against a scripted network: the stored copy shows first and survives a failed refresh. */
import Taro from '@tarojs/taro';
import { useHomeStore } from './homeStore';

let respond: () => unknown;
beforeEach(() => {
  Taro.clearStorageSync();
  useHomeStore.setState({ home: null, fromCache: false, loading: false, error: null });
  (globalThis as { fetch: unknown }).fetch = jest.fn(async () => {
    const body = respond();
    if (body instanceof Error) throw body;
    return { ok: true, status: 200, json: async () => body };
  });
});

const home = (title: string) => ({ campaigns: [{ id: 'c1', title }], notices: [], lawGroups: [{ law: 'xianfa', shortName: '宪法', lessons: [{ id: 'l1', title: '课', law: 'xianfa', readingMinutes: 1, read: false }] }], legalHelp: {}, profile: {} });

it('shows the last good home at once on the next visit, and keeps it when the refresh fails', async () => {
  respond = () => ({ ok: true, data: home('第一次') });
  await useHomeStore.getState().load();
  expect(useHomeStore.getState()).toMatchObject({ fromCache: false, error: null });
  useHomeStore.getState().markRead('l1');

  // Next visit (fresh memory), offline.
  useHomeStore.setState({ home: null, fromCache: false, loading: false, error: null });
  let seenDuringLoad: unknown = null;
  respond = () => {
    seenDuringLoad = useHomeStore.getState().home?.campaigns[0].title;
    return new Error('offline');
  };
  await useHomeStore.getState().load();
  expect(seenDuringLoad).toBe('第一次');
  const s = useHomeStore.getState();
  expect(s.fromCache).toBe(true);
  expect(s.error?.code).toBe('NETWORK');
  expect(s.home?.lawGroups[0].lessons[0].read).toBe(true);

  respond = () => ({ ok: true, data: home('第二次') });
  await useHomeStore.getState().load();
  expect(useHomeStore.getState()).toMatchObject({ fromCache: false, error: null });
  expect(useHomeStore.getState().home?.campaigns[0].title).toBe('第二次');
});

it('has nothing to show on a first visit without network', async () => {
  respond = () => new Error('offline');
  await useHomeStore.getState().load();
  expect(useHomeStore.getState().home).toBeNull();
  expect(useHomeStore.getState().error?.code).toBe('NETWORK');
});
