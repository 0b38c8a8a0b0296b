/**
 * The `wx` object of the harness: exactly the members WechatMiniprogram.Wx declares in miniprogram-api-typings
 * (so an API WeChat lacks is `undefined`, as on a phone). Storage, navigation, system info and
 * wx.cloud.callFunction are emulated; modal, toast, subscribe-message, scan, phone-call, share and clipboard calls
 * are recorded and answered; an offscreen 2D canvas is a stand-in that records what is drawn (canvasToTempFilePath
 * answers a temporary path; the album and file downloads are recorded); every other call is reported as not
 * emulated (and fails), never silently answered.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as TS from 'typescript';

type Options = Record<string, unknown> & { success?: (r: unknown) => void; fail?: (r: unknown) => void; complete?: (r: unknown) => void };
type Fn = (...args: any[]) => any;

/** Members of one interface (all its declarations) in the WechatMiniprogram typings. */
function interfaceMembers(name: string): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when the cached list is missing
  const ts = require('typescript') as typeof TS;
  const dir = path.join(path.dirname(require.resolve('miniprogram-api-typings/package.json')), 'types/wx');
  const names = new Set<string>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.d.ts'))) {
    const src = ts.createSourceFile(file, fs.readFileSync(path.join(dir, file), 'utf8'), ts.ScriptTarget.Latest, false);
    const visit = (node: TS.Node) => {
      if (ts.isInterfaceDeclaration(node) && node.name.text === name) {
        for (const m of node.members) if (m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name))) names.add(m.name.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(src);
  }
  return [...names].sort();
}

let cachedMembers: { wx: string[]; cloud: string[] } | null = null;
/**
 * The member names of WechatMiniprogram.Wx and of WxCloud (wx.cloud), read from the typings (parsing them takes
 * seconds, so the list is kept in the system's temp folder per typings version).
 */
export function wxMembers(): { wx: string[]; cloud: string[] } {
  if (cachedMembers) return cachedMembers;
  const { version } = JSON.parse(fs.readFileSync(require.resolve('miniprogram-api-typings/package.json'), 'utf8')) as { version: string };
  const cache = path.join(os.tmpdir(), `pufa-wx-members-${version}.json`);
  try {
    cachedMembers = JSON.parse(fs.readFileSync(cache, 'utf8')) as { wx: string[]; cloud: string[] };
    if (cachedMembers.wx.length > 100) return cachedMembers;
  } catch {
    /* not cached yet */
  }
  cachedMembers = { wx: interfaceMembers('Wx'), cloud: interfaceMembers('WxCloud') };
  fs.writeFileSync(`${cache}.${process.pid}`, JSON.stringify(cachedMembers));
  fs.renameSync(`${cache}.${process.pid}`, cache);
  return cachedMembers;
}

/** Storage limits of WeChat: 1 MB per key, 10 MB per mini-program and user. */
export const STORAGE_LIMITS = { perKey: 1024 * 1024, total: 10 * 1024 * 1024 };

export interface RecordedCall {
  api: string;
  args: unknown;
  page: string | null;
}

/** What the `wx` object needs from the harness. */
export interface WxHost {
  /** A problem the harness must report (unemulated call, bad navigation, storage limit, …). */
  problem(kind: 'unemulated' | 'navigation' | 'storage' | 'cloud', message: string): void;
  record(api: string, args: unknown): void;
  /** Performs a navigation; resolves to an error message (WeChat's errMsg) or null. */
  navigate(api: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch' | 'navigateBack', options: Options): Promise<string | null>;
  callFunction(name: string, data: unknown): Promise<unknown>;
  /** Copies a host value into the logic layer's realm (as WeChat's bridge does, through JSON). */
  toLogic<T>(value: T): T;
  /** Runs a logic-layer callback later, reporting what it throws. */
  later(fn: () => void): void;
  answers: { modalConfirm: boolean; scanResult: string | null; subscribe: 'accept' | 'reject' };
  launchOptions(): { path: string; query: Record<string, string>; scene: number };
  /** Tells the harness a page stopped pull-down refresh, etc. (records only). */
}

export interface StorageArea {
  items: Map<string, string>;
  bytes(): number;
}

export function createStorage(): StorageArea {
  const items = new Map<string, string>();
  return { items, bytes: () => [...items].reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0) };
}

const SYSTEM = {
  brand: 'harness',
  model: 'headless',
  pixelRatio: 3,
  screenWidth: 390,
  screenHeight: 844,
  windowWidth: 390,
  windowHeight: 844,
  statusBarHeight: 47,
  language: 'zh_CN',
  version: '8.0.50',
  system: 'Linux',
  platform: 'devtools',
  fontSizeSetting: 16,
  fontSizeScaleFactor: 1,
  SDKVersion: '3.7.0',
  benchmarkLevel: 1,
  theme: 'light',
  enableDebug: false,
  safeArea: { left: 0, right: 390, top: 47, bottom: 810, width: 390, height: 763 },
};

export function createWx(host: WxHost, storage: StorageArea): Record<string, unknown> {
  const { wx: members, cloud: cloudMembers } = wxMembers();
  const ok = (api: string, extra: Record<string, unknown> = {}) => ({ errMsg: `${api}:ok`, ...extra });

  /** Answers an async API the WeChat way: callbacks later; a promise when no callback is given. */
  const answer = (api: string, options: Options | undefined, run: () => Promise<Record<string, unknown>> | Record<string, unknown>): unknown => {
    const o = options ?? {};
    const usesCallbacks = typeof o.success === 'function' || typeof o.fail === 'function' || typeof o.complete === 'function';
    const settle = Promise.resolve()
      .then(run)
      .then(
        (res) => ({ ok: true, res: host.toLogic(res) }),
        (e: unknown) => ({ ok: false, res: host.toLogic({ errMsg: e instanceof Error ? e.message : String(e) }) }),
      );
    if (usesCallbacks) {
      void settle.then((r) =>
        host.later(() => {
          if (r.ok) o.success?.(r.res);
          else o.fail?.(r.res);
          o.complete?.(r.res);
        }),
      );
      return undefined;
    }
    return settle.then((r) => (r.ok ? r.res : Promise.reject(r.res)));
  };
  const fail = (api: string, why: string) => {
    throw new Error(`${api}:fail ${why}`);
  };

  const storageValue = (api: string, key: unknown, data: unknown): [string, string] => {
    if (typeof key !== 'string' || !key) fail(api, 'parameter error: key should be a non-empty String');
    if (data === undefined) fail(api, 'parameter error: data is undefined');
    const json = JSON.stringify({ v: data });
    if (Buffer.byteLength(json) + Buffer.byteLength(key as string) > STORAGE_LIMITS.perKey) {
      host.problem('storage', `${api}(${String(key)}): one key may hold at most 1 MB`);
      fail(api, 'entry size limit reached');
    }
    const old = storage.items.get(key as string);
    const total = storage.bytes() - (old ? Buffer.byteLength(key as string) + Buffer.byteLength(old) : 0) + Buffer.byteLength(key as string) + Buffer.byteLength(json);
    if (total > STORAGE_LIMITS.total) {
      host.problem('storage', `${api}(${String(key)}): storage over WeChat's 10 MB limit`);
      fail(api, 'exceed storage max size 10MB');
    }
    return [key as string, json];
  };
  const readValue = (key: string) => {
    const raw = storage.items.get(key);
    return raw === undefined ? undefined : host.toLogic((JSON.parse(raw) as { v: unknown }).v);
  };
  const storageInfo = () => ({ keys: [...storage.items.keys()], currentSize: Math.ceil(storage.bytes() / 1024), limitSize: STORAGE_LIMITS.total / 1024 });

  const recorded = (api: string, result: (o: Options) => Record<string, unknown> = () => ({})) => (o?: Options) => {
    host.record(api, o ? Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v !== 'function')) : undefined);
    return answer(api, o, () => ok(api, result(o ?? {})));
  };
  const navigation = (api: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch' | 'navigateBack') => (o?: Options) =>
    answer(api, o, async () => {
      const error = await host.navigate(api, o ?? {});
      if (error) throw new Error(`${api}:fail ${error}`);
      return ok(api);
    });
  const sync = (value: () => unknown) => () => host.toLogic(value());

  // Canvas: a stand-in 2D canvas that keeps what is drawn (texts, images) but no pixels; exporting it answers a
  // temporary path and records what was drawn, so a test asserts the calls (a phone draws the real picture).
  let tempFiles = 0;
  const tempPath = (kind: string) => `http://tmp/${kind}_${++tempFiles}.png`;
  const drawnOf = new WeakMap<object, { texts: string[]; images: string[] }>();
  const createOffscreenCanvas = (o?: Options) => {
    const drawn = { texts: [] as string[], images: [] as string[] };
    host.record('createOffscreenCanvas', { type: o?.type, width: o?.width, height: o?.height });
    const noop = () => undefined;
    const ctx: Record<string, unknown> = {
      fillStyle: '#000000', strokeStyle: '#000000', lineWidth: 1, font: '10px sans-serif', textAlign: 'start', textBaseline: 'alphabetic', globalAlpha: 1,
      fillText: (text: unknown) => void drawn.texts.push(String(text)),
      strokeText: (text: unknown) => void drawn.texts.push(String(text)),
      // every character as wide as the font size (CJK text is)
      measureText: (text: unknown) => ({ width: [...String(text)].length * Number(/(\d+(?:\.\d+)?)px/.exec(String(ctx.font))?.[1] ?? 10) }),
      drawImage: (image: { src?: unknown }) => void drawn.images.push(String(image?.src ?? '')),
      ...Object.fromEntries(['fillRect', 'strokeRect', 'clearRect', 'beginPath', 'closePath', 'moveTo', 'lineTo', 'arc', 'rect', 'fill', 'stroke', 'save', 'restore', 'translate', 'scale', 'rotate', 'setLineDash'].map((m) => [m, noop])),
    };
    const canvas = {
      width: o?.width ?? 300,
      height: o?.height ?? 150,
      getContext: () => ctx,
      createImage: () => {
        const image: { onload: (() => void) | null; onerror: (() => void) | null; src: string } = { onload: null, onerror: null, src: '' };
        let src = '';
        Object.defineProperty(image, 'src', { get: () => src, set: (v: string) => ((src = v), host.later(() => (v ? image.onload?.() : image.onerror?.()))) });
        return image;
      },
    };
    drawnOf.set(canvas, drawn);
    return canvas;
  };

  const emulated: Record<string, Fn | unknown> = {
    createOffscreenCanvas,
    canvasToTempFilePath: (o: Options) => {
      const drawn = o.canvas && typeof o.canvas === 'object' ? drawnOf.get(o.canvas) : undefined;
      host.record('canvasToTempFilePath', { fileType: o.fileType, destWidth: o.destWidth, destHeight: o.destHeight, texts: drawn?.texts ?? null, images: drawn?.images ?? null });
      return answer('canvasToTempFilePath', o, () => (drawn ? ok('canvasToTempFilePath', { tempFilePath: tempPath('canvas') }) : fail('canvasToTempFilePath', 'canvas is not an offscreen canvas of this page')));
    },
    saveImageToPhotosAlbum: recorded('saveImageToPhotosAlbum'),
    downloadFile: recorded('downloadFile', () => ({ tempFilePath: tempPath('download'), statusCode: 200 })),
    // storage
    setStorageSync: (key: unknown, data: unknown) => {
      const [k, v] = storageValue('setStorageSync', key, data);
      storage.items.set(k, v);
    },
    getStorageSync: (key: unknown) => {
      if (typeof key !== 'string') fail('getStorageSync', 'parameter error: key should be String');
      return readValue(key as string) ?? '';
    },
    removeStorageSync: (key: string) => void storage.items.delete(key),
    clearStorageSync: () => storage.items.clear(),
    getStorageInfoSync: sync(storageInfo),
    setStorage: (o: Options) =>
      answer('setStorage', o, () => {
        const [k, v] = storageValue('setStorage', o.key, o.data);
        storage.items.set(k, v);
        return ok('setStorage');
      }),
    getStorage: (o: Options) =>
      answer('getStorage', o, () => {
        const v = readValue(String(o.key));
        if (v === undefined) fail('getStorage', 'data not found');
        return ok('getStorage', { data: v });
      }),
    removeStorage: (o: Options) => answer('removeStorage', o, () => (storage.items.delete(String(o.key)), ok('removeStorage'))),
    clearStorage: (o?: Options) => answer('clearStorage', o, () => (storage.items.clear(), ok('clearStorage'))),
    getStorageInfo: (o: Options) => answer('getStorageInfo', o, () => ok('getStorageInfo', storageInfo())),
    // navigation
    navigateTo: navigation('navigateTo'),
    redirectTo: navigation('redirectTo'),
    switchTab: navigation('switchTab'),
    reLaunch: navigation('reLaunch'),
    navigateBack: navigation('navigateBack'),
    // system
    getSystemInfoSync: sync(() => SYSTEM),
    getSystemInfo: (o: Options) => answer('getSystemInfo', o, () => ok('getSystemInfo', SYSTEM)),
    getAppBaseInfo: sync(() => ({ SDKVersion: SYSTEM.SDKVersion, enableDebug: false, language: 'zh_CN', version: SYSTEM.version, theme: 'light', fontSizeSetting: 16, fontSizeScaleFactor: SYSTEM.fontSizeScaleFactor })),
    getWindowInfo: sync(() => ({ pixelRatio: 3, screenWidth: 390, screenHeight: 844, windowWidth: 390, windowHeight: 844, statusBarHeight: 47, safeArea: SYSTEM.safeArea, screenTop: 0 })),
    getDeviceInfo: sync(() => ({ brand: 'harness', model: 'headless', system: 'Linux', platform: 'devtools', benchmarkLevel: 1, abi: 'x86_64' })),
    getSystemSetting: sync(() => ({ bluetoothEnabled: false, locationEnabled: false, wifiEnabled: true, deviceOrientation: 'portrait' })),
    getAccountInfoSync: sync(() => ({ miniProgram: { appId: 'touristappid', envVersion: 'develop', version: '' } })),
    getLaunchOptionsSync: sync(() => ({ ...host.launchOptions(), referrerInfo: {} })),
    getEnterOptionsSync: sync(() => ({ ...host.launchOptions(), referrerInfo: {} })),
    getMenuButtonBoundingClientRect: sync(() => ({ width: 87, height: 32, top: 51, right: 383, bottom: 83, left: 296 })),
    canIUse: (schema: string) => members.includes(String(schema).split('.')[0]!),
    getNetworkType: (o: Options) => answer('getNetworkType', o, () => ok('getNetworkType', { networkType: 'wifi' })),
    nextTick: (fn: () => void) => host.later(fn),
    env: { USER_DATA_PATH: 'http://usr' },
    // app-level event subscriptions: accepted and kept (nothing fires them in the harness)
    ...Object.fromEntries(['onAppShow', 'onAppHide', 'offAppShow', 'offAppHide', 'onError', 'offError', 'onUnhandledRejection', 'offUnhandledRejection', 'onPageNotFound', 'offPageNotFound', 'onNetworkStatusChange', 'offNetworkStatusChange', 'onThemeChange', 'offThemeChange', 'onMemoryWarning', 'offMemoryWarning', 'onWindowResize', 'offWindowResize', 'onAppRoute', 'onAppRouteDone', 'offAppRoute', 'offAppRouteDone', 'onLazyLoadError', 'offLazyLoadError'].map((n) => [n, () => undefined])),
    // view-side only: page appearance, recorded
    setNavigationBarTitle: recorded('setNavigationBarTitle'),
    setNavigationBarColor: recorded('setNavigationBarColor'),
    stopPullDownRefresh: recorded('stopPullDownRefresh'),
    startPullDownRefresh: recorded('startPullDownRefresh'),
    pageScrollTo: recorded('pageScrollTo'),
    setBackgroundColor: recorded('setBackgroundColor'),
    setBackgroundTextStyle: recorded('setBackgroundTextStyle'),
    hideHomeButton: recorded('hideHomeButton'),
    // recorded and answered
    showToast: recorded('showToast'),
    hideToast: recorded('hideToast'),
    showLoading: recorded('showLoading'),
    hideLoading: recorded('hideLoading'),
    showModal: recorded('showModal', () => ({ confirm: host.answers.modalConfirm, cancel: !host.answers.modalConfirm })),
    requestSubscribeMessage: recorded('requestSubscribeMessage', (o) => Object.fromEntries(((o.tmplIds as string[]) ?? []).map((id) => [id, host.answers.subscribe]))),
    scanCode: (o: Options) => {
      host.record('scanCode', {});
      return answer('scanCode', o, () => {
        if (host.answers.scanResult === null) fail('scanCode', 'cancel');
        return ok('scanCode', { result: host.answers.scanResult, scanType: 'WX_CODE', charSet: 'utf-8', path: host.answers.scanResult });
      });
    },
    makePhoneCall: recorded('makePhoneCall'),
    showShareMenu: recorded('showShareMenu'),
    hideShareMenu: recorded('hideShareMenu'),
    updateShareMenu: recorded('updateShareMenu'),
    shareFileMessage: recorded('shareFileMessage'),
    setClipboardData: recorded('setClipboardData'),
    vibrateShort: recorded('vibrateShort'),
  };

  const unemulated = (api: string) => (o?: Options) => {
    host.problem('unemulated', `wx.${api} is not emulated by the harness (called with ${JSON.stringify(o && typeof o === 'object' ? Object.keys(o) : o)})`);
    return answer(api, o, () => fail(api, 'not emulated by the headless harness'));
  };

  const cloud: Record<string, unknown> = {};
  for (const m of cloudMembers) cloud[m] = unemulated(`cloud.${m}`);
  cloud.downloadFile = (o: Options) => {
    host.record('cloud.downloadFile', { fileID: o.fileID });
    return answer('cloud.downloadFile', o, () => ok('cloud.downloadFile', { tempFilePath: tempPath('cloudfile'), statusCode: 200 }));
  };
  let initialised = false;
  cloud.init = () => {
    initialised = true;
  };
  cloud.callFunction = (o: Options) =>
    answer('cloud.callFunction', o, async () => {
      if (!initialised) host.problem('cloud', 'wx.cloud.callFunction before wx.cloud.init');
      const result = await host.callFunction(String(o.name), o.data ?? {});
      return { errMsg: 'cloud.callFunction:ok', result, requestID: 'harness' };
    });

  const wx: Record<string, unknown> = {};
  for (const m of members) {
    if (m === 'cloud') wx.cloud = cloud;
    else if (m in emulated) wx[m] = emulated[m];
    else wx[m] = unemulated(m);
  }
  return wx;
}
