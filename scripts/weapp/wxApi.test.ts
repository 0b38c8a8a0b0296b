/** The harness's `wx`: members exactly as the typings declare them, storage limits, unemulated calls reported. */
import { createStorage, createWx, STORAGE_LIMITS, wxMembers, type WxHost } from './wxApi';

function fakeHost() {
  const problems: string[] = [];
  const recorded: string[] = [];
  const host: WxHost = {
    problem: (kind, message) => problems.push(`${kind}: ${message}`),
    record: (api) => recorded.push(api),
    navigate: async () => null,
    callFunction: async () => ({ ok: true, data: null }),
    toLogic: (v) => (v === undefined ? v : JSON.parse(JSON.stringify(v))),
    later: (fn) => setTimeout(fn, 0),
    answers: { modalConfirm: true, scanResult: null, subscribe: 'accept' },
    launchOptions: () => ({ path: 'pages/home/index', query: {}, scene: 1001 }),
  };
  return { host, problems, recorded };
}

test('wx has exactly the members of WechatMiniprogram.Wx: real APIs present, invented ones undefined', () => {
  const { host } = fakeHost();
  const wx = createWx(host, createStorage());
  expect(Object.keys(wx).sort()).toEqual(wxMembers().wx);
  for (const name of ['getStorageSync', 'navigateTo', 'requestSubscribeMessage', 'getLocation', 'cloud']) expect(wx[name]).toBeDefined();
  for (const name of ['getUserProfileSilently', 'localStorage', 'fetch']) expect(wx[name]).toBeUndefined();
  expect(Object.keys(wx.cloud as object)).toEqual(expect.arrayContaining(['init', 'callFunction', 'uploadFile']));
});

test('storage keeps values as WeChat does and refuses a key over 1 MB and a total over 10 MB', () => {
  const { host, problems } = fakeHost();
  const storage = createStorage();
  const wx = createWx(host, storage) as Record<string, (...a: unknown[]) => unknown>;
  wx.setStorageSync('answers', { a: [1, 2], b: '第一题' });
  expect(wx.getStorageSync('answers')).toEqual({ a: [1, 2], b: '第一题' });
  expect(wx.getStorageSync('missing')).toBe('');
  expect(() => wx.setStorageSync('big', 'x'.repeat(STORAGE_LIMITS.perKey))).toThrow(/entry size limit reached/);
  for (let i = 0; i < 10; i++) wx.setStorageSync(`k${i}`, 'y'.repeat(STORAGE_LIMITS.perKey - 1000));
  expect(() => wx.setStorageSync('k10', 'y'.repeat(STORAGE_LIMITS.perKey - 1000))).toThrow(/exceed storage max size 10MB/);
  expect(problems).toEqual([expect.stringMatching(/^storage: setStorageSync\(big\)/), expect.stringMatching(/^storage: setStorageSync\(k10\)/)]);
  wx.removeStorageSync('k0');
  expect(wx.getStorageSync('k0')).toBe('');
});

test('an API the harness does not emulate is reported and fails; recorded APIs are answered', async () => {
  const { host, problems, recorded } = fakeHost();
  const wx = createWx(host, createStorage()) as Record<string, (o: Record<string, unknown>) => unknown>;
  const failed = await new Promise((resolve) => wx.chooseLocation({ success: () => resolve('success'), fail: (r: unknown) => resolve(r) }));
  expect(failed).toEqual({ errMsg: 'chooseLocation:fail not emulated by the headless harness' });
  expect(problems).toEqual([expect.stringMatching(/^unemulated: wx\.chooseLocation is not emulated/)]);
  const modal = await new Promise((resolve) => wx.showModal({ title: '还有题没答', success: resolve }));
  expect(modal).toEqual({ errMsg: 'showModal:ok', confirm: true, cancel: false });
  expect(recorded).toEqual(['showModal']);
});
