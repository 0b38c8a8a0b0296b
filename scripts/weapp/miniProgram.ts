/**
 * A built mini-program (dist/weapp) running headless close to WeChat's runtime: the logic layer in its own vm
 * context (logicLayer.ts) with `wx` (wxApi.ts), the view rendered from wcc's output by exparser into jsdom
 * (viewLayer.ts), pages opened and closed on a page stack with their lifecycles, setData copied through JSON
 * and measured, wx.cloud.callFunction sent to the local app server. Everything that goes wrong is a Problem.
 */
import vm from 'node:vm';
import { loadAppModel, resolveFrom, type AppModel, type PageInfo } from './appModel';
import { LogicLayer, type Definition } from './logicLayer';
import { ViewLayer, type RootComponent } from './viewLayer';
import { createStorage, createWx, type RecordedCall, type StorageArea, type WxHost } from './wxApi';

export const SETDATA_WARN_BYTES = 256 * 1024;
export const SETDATA_FAIL_BYTES = 1024 * 1024;
const MAX_STACK = 10;

export type ProblemKind = 'template' | 'script' | 'console.error' | 'unhandled-rejection' | 'setData' | 'unemulated' | 'navigation' | 'storage' | 'cloud' | 'load';
export interface Problem {
  kind: ProblemKind;
  /** The page on top of the stack when it happened (null before the first page). */
  page: string | null;
  message: string;
}

export interface CloudCall {
  name: string;
  action: string | null;
  ok: boolean;
  code: string | null;
  message: string | null;
  page: string | null;
}

export interface PageStats {
  route: string;
  query: Record<string, string>;
  /** ms from opening the page to its first setData reaching the view. */
  firstRenderMs: number | null;
  setDataCalls: number;
  /** Bytes of the largest setData payload (JSON). */
  largestPayload: number;
  /** Bytes of each setData payload in order. */
  payloads: number[];
  /** setData calls after onUnload (WeChat ignores them). */
  setDataAfterUnload: number;
  /** Bytes of the first setData after the page's first cloud answer (its first meaningful screen). */
  firstMeaningfulPayload: number | null;
}

export interface OpenPage {
  info: PageInfo;
  query: Record<string, string>;
  instance: Record<string, any>;
  view: RootComponent;
  stats: PageStats;
  openedAt: number;
  alive: boolean;
  /** A cloud call made while this page was on top has answered. */
  cloudAnswered: boolean;
}

export interface Identity {
  /** Local only: the app server's /dev/sign-in identity (e.g. the demo admin); otherwise an anonymous resident. */
  signInAs?: string;
  /** The run's /dev/sign-in token (LocalEnvironment.signInToken); the app server refuses sign-in without it. */
  signInToken?: string | null;
  /** The identity cookie of an earlier run (the same person opening the mini-program again). */
  cookie?: string;
}

export interface LaunchOptions {
  dir: string;
  /** The local app server (appserver/), which runs the cloud functions at POST /api/fn/<name>. */
  serverUrl: string;
  identity?: Identity;
  /** The page to open first (app.json's first page by default), its query and WeChat scene number. */
  path?: string;
  query?: Record<string, string>;
  scene?: number;
  /** Answers of recorded dialogs. */
  answers?: Partial<WxHost['answers']>;
}

let realProcess: NodeJS.Process | null = null;
/** The process object of Node's main context (jest hands tests a copy that never hears unhandled rejections). */
const mainProcess = () => (realProcess ??= vm.runInThisContext('process') as NodeJS.Process);

/** The identity cookie the local app server gives whoever opens /dev/sign-in?as=<openId>&token=<run token> (e.g. the demo admin). */
export async function signInCookie(serverUrl: string, openId: string, token: string | null | undefined): Promise<string> {
  const res = await fetch(`${serverUrl}/dev/sign-in?as=${encodeURIComponent(openId)}&token=${encodeURIComponent(token ?? '')}`, { redirect: 'manual' });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error(`could not sign in as ${openId}: is the app server started with allowDevSignIn, and the run's token given?`);
  return cookie;
}

export function parseUrl(url: string): { path: string; query: Record<string, string> } {
  const [p, q = ''] = url.split('?');
  const query: Record<string, string> = {};
  for (const pair of q.split('&').filter(Boolean)) {
    const i = pair.indexOf('=');
    query[i < 0 ? pair : pair.slice(0, i)] = i < 0 ? '' : pair.slice(i + 1);
  }
  return { path: p!, query };
}

/** `root.cn.[0].v` and `a.b[1].c` → ['root', 'cn', 0, 'v'] … (WeChat's setData path syntax, as Taro writes it). */
export function parseDataPath(key: string): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const segment of key.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(segment);
    if (!m) throw new Error(`setData: invalid data path "${key}"`);
    if (m[1]) parts.push(m[1]);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) parts.push(Number(idx[1]));
  }
  return parts;
}

function setPath(target: Record<string, any>, parts: (string | number)[], value: unknown): void {
  let cur: any = target;
  for (let i = 0; i < parts.length - 1; i++) {
    const k = parts[i]!;
    if (cur[k] === null || typeof cur[k] !== 'object') cur[k] = typeof parts[i + 1] === 'number' ? [] : {};
    cur = cur[k];
  }
  cur[parts[parts.length - 1]!] = value;
}

/** Paths inside a setData payload whose values JSON would drop or change (undefined, functions, NaN…). */
function lossyValues(value: unknown, where: string, out: string[]): void {
  if (out.length > 5) return;
  if (value === undefined) out.push(`${where} is undefined`);
  else if (typeof value === 'function') out.push(`${where} is a function`);
  else if (typeof value === 'number' && !Number.isFinite(value)) out.push(`${where} is ${value}`);
  else if (typeof value === 'symbol' || typeof value === 'bigint') out.push(`${where} is a ${typeof value}`);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) lossyValues(v, `${where}.${k}`, out);
}

export class MiniProgram {
  readonly app: AppModel;
  readonly problems: Problem[] = [];
  readonly calls: RecordedCall[] = [];
  readonly cloudCalls: CloudCall[] = [];
  readonly consoleLines: string[] = [];
  readonly storage: StorageArea = createStorage();
  /** The page stack, top last; tab pages stay alive (hidden) in `tabs` when another tab is shown. */
  readonly stack: OpenPage[] = [];
  readonly closed: OpenPage[] = [];
  private readonly tabs = new Map<string, OpenPage>();
  private readonly logic: LogicLayer;
  private readonly view: ViewLayer;
  private readonly answers: WxHost['answers'];
  private cookie = '';
  private pendingCloud = 0;
  private pendingLater = 0;
  private navigating: Promise<unknown> = Promise.resolve();
  private readonly onRejection = (reason: unknown) => this.problem('unhandled-rejection', describeError(reason));
  private launch: { path: string; query: Record<string, string>; scene: number };
  private webviewIds = 0;

  private constructor(private readonly options: LaunchOptions) {
    this.app = loadAppModel(options.dir);
    this.answers = { modalConfirm: true, scanResult: null, subscribe: 'accept', ...options.answers };
    this.launch = { path: options.path ?? this.app.pages[0]!.route, query: options.query ?? {}, scene: options.scene ?? 1001 };
    const host: WxHost = {
      problem: (kind, message) => this.problem(kind, message),
      record: (api, args) => this.calls.push({ api, args, page: this.current?.info.route ?? null }),
      navigate: (api, o) => this.navigateFromApp(api, o),
      callFunction: (name, data) => this.callFunction(name, data),
      toLogic: (v) => this.logic.toLogic(v),
      later: (fn) => this.later(fn, 'callback'),
      answers: this.answers,
      launchOptions: () => this.launch,
    };
    this.logic = new LogicLayer(this.app, createWx(host, this.storage), {
      scriptError: (where, e) => this.problem('script', `${where}: ${describeError(e)}`),
      console: (level, args) => {
        const line = args.map((a) => (typeof a === 'string' ? a : describeError(a))).join(' ');
        this.consoleLines.push(`[${level}] ${line}`);
        if (level === 'error') this.problem('console.error', line.slice(0, 500));
      },
      getCurrentPages: () => this.stack.map((p) => p.instance),
    });
    this.view = new ViewLayer(options.dir, (base) => this.componentBridge(base), (level, text) => this.problem('template', `${level}: ${text}`));
    mainProcess().on('unhandledRejection', this.onRejection);
  }

  /** Starts the mini-program: app.js, App.onLaunch/onShow, then the launch page. */
  static async launch(options: LaunchOptions): Promise<MiniProgram> {
    const mp = new MiniProgram(options);
    if (options.identity?.cookie) mp.cookie = options.identity.cookie;
    else if (options.identity?.signInAs) mp.cookie = await signInCookie(options.serverUrl, options.identity.signInAs, options.identity.signInToken);
    try {
      const app = mp.logic.loadApp();
      const launchArgs = mp.logic.toLogic({ ...mp.launch, referrerInfo: {} });
      mp.guard('App.onLaunch', () => (app.onLaunch as ((o: unknown) => void) | undefined)?.call(app, launchArgs));
      mp.guard('App.onShow', () => (app.onShow as ((o: unknown) => void) | undefined)?.call(app, launchArgs));
    } catch (e) {
      mp.problem('load', `app.js: ${describeError(e)}`);
      return mp;
    }
    await mp.reLaunch(`/${mp.launch.path}${Object.keys(mp.launch.query).length ? `?${Object.entries(mp.launch.query).map(([k, v]) => `${k}=${v}`).join('&')}` : ''}`);
    return mp;
  }

  /** The identity cookie the app server gave this mini-program (its one identity for the run). */
  get identityCookie(): string {
    return this.cookie;
  }

  get current(): OpenPage | undefined {
    return this.stack[this.stack.length - 1];
  }

  problem(kind: ProblemKind, message: string): void {
    this.problems.push({ kind, page: this.current?.info.route ?? null, message });
  }

  private guard<T>(where: string, fn: () => T): T | undefined {
    try {
      return fn();
    } catch (e) {
      this.problem('script', `${where}: ${describeError(e)}`);
      return undefined;
    }
  }

  private later(fn: () => void, where: string): void {
    this.pendingLater++;
    setTimeout(() => {
      this.pendingLater--;
      this.guard(where, fn);
    }, 0);
  }

  // ---------------------------------------------------------------------------------------------------------
  // cloud
  // ---------------------------------------------------------------------------------------------------------

  private async callFunction(name: string, data: unknown): Promise<unknown> {
    this.pendingCloud++;
    const top = this.current;
    const page = top?.info.route ?? null;
    try {
      const res = await fetch(`${this.options.serverUrl}/api/fn/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) },
        body: JSON.stringify(data ?? {}),
      });
      const set = res.headers.get('set-cookie');
      if (set && !this.cookie) this.cookie = set.split(';')[0]!;
      const json = (await res.json()) as { ok?: boolean; code?: string; message?: string };
      const action = (data as { action?: string } | null)?.action ?? null;
      if (top) top.cloudAnswered = true;
      this.cloudCalls.push({ name, action, ok: json.ok === true, code: json.ok ? null : (json.code ?? null), message: json.ok ? null : (json.message ?? null), page });
      return json;
    } catch (e) {
      this.problem('cloud', `callFunction ${name}: ${describeError(e)}`);
      throw new Error(`cloud.callFunction:fail ${describeError(e)}`);
    } finally {
      this.pendingCloud--;
    }
  }

  /** Cloud calls answered `ok: false` (minus the codes a caller expects). */
  notOk(expected: string[] = []): CloudCall[] {
    return this.cloudCalls.filter((c) => !c.ok && !expected.includes(c.code ?? ''));
  }

  // ---------------------------------------------------------------------------------------------------------
  // components and pages
  // ---------------------------------------------------------------------------------------------------------

  /** View-side definition of a custom component (Taro's recursive `comp`): events go to its logic methods. */
  private componentBridge(base: string) {
    let def = this.logic.componentDefinitions.get(base);
    if (!def) {
      this.guard(`loading component ${base}`, () => this.logic.require(`${base}.js`, null));
      def = this.logic.componentDefinitions.get(base);
    }
    if (!def) this.problem('load', `component ${base}.js did not call Component()`);
    const d: Definition = def ?? {};
    const typeOf = (t: unknown) => ({ String, Number, Boolean, Object, Array } as Record<string, unknown>)[(t as { name?: string } | null)?.name ?? ''] ?? null;
    const properties = Object.fromEntries(
      Object.entries((d.properties ?? {}) as Record<string, any>).map(([k, p]) => [k, typeof p === 'function' ? { type: typeOf(p) } : { type: typeOf(p?.type), value: p?.value === undefined ? undefined : JSON.parse(JSON.stringify(p.value)) }]),
    );
    const logicMethods = (d.methods ?? {}) as Record<string, (...a: unknown[]) => unknown>;
    const methods = Object.fromEntries(Object.keys(logicMethods).map((name) => [name, (event: Record<string, unknown>) => this.guard(`${base} ${name}`, () => logicMethods[name]!.call({ data: {} }, this.logic.toLogic(event)))]));
    const lifetimes = Object.fromEntries(
      ['created', 'attached', 'detached'].flatMap((l) => {
        const fn = (d.lifetimes?.[l] ?? d[l]) as (() => void) | undefined;
        return fn ? [[l, () => this.guard(`${base} ${l}`, () => fn.call({ data: {} }))]] : [];
      }),
    );
    return { properties, options: { virtualHost: Boolean(d.options?.virtualHost), addGlobalClass: true, multipleSlots: Boolean(d.options?.multipleSlots) }, methods, lifetimes };
  }

  private pageInfo(route: string): PageInfo | undefined {
    return this.app.pages.find((p) => p.route === route);
  }

  /** Loads the page's JavaScript (and, through require, its subpackage chunks); null when it fails. */
  private pageDefinition(info: PageInfo): Definition | null {
    const known = this.logic.pageDefinitions.get(info.route);
    if (known) return known;
    try {
      this.logic.require(`${info.route}.js`, null);
    } catch (e) {
      this.problem('load', `${info.route}.js: ${describeError(e)}`);
      return null;
    }
    const def = this.logic.pageDefinitions.get(info.route);
    if (!def) this.problem('load', `${info.route}.js did not call Page() (a chunk it waits for never loaded?)`);
    return def ?? null;
  }

  private createPage(info: PageInfo, query: Record<string, string>): OpenPage | null {
    const def = this.pageDefinition(info);
    if (!def) return null;
    const stats: PageStats = { route: info.route, query, firstRenderMs: null, setDataCalls: 0, largestPayload: 0, payloads: [], setDataAfterUnload: 0, firstMeaningfulPayload: null };
    const instance = Object.create(def) as Record<string, any>;
    const page: OpenPage = { info, query, instance, view: null as unknown as RootComponent, stats, openedAt: performance.now(), alive: true, cloudAnswered: false };
    instance.data = this.logic.toLogic(def.data ?? {});
    instance.route = info.route;
    instance.__route__ = info.route;
    instance.is = info.route;
    instance.options = this.logic.toLogic(query);
    instance.__wxWebviewId__ = ++this.webviewIds;
    instance.__wxExparserNodeId__ = `harness-${this.webviewIds}`;
    instance.setData = (data: Record<string, unknown>, cb?: () => void) => this.setData(page, data, cb);
    instance.selectComponent = () => null;
    instance.selectAllComponents = () => [];
    instance.getOpenerEventChannel = () => this.logic.toLogic({});
    const methods: Record<string, (e: Record<string, unknown>) => unknown> = {};
    for (const key of new Set([...Object.keys(def), ...Object.getOwnPropertyNames(def)])) {
      if (typeof def[key] === 'function' && !/^on[A-Z]/.test(key)) methods[key] = (event) => this.guard(`${info.route} ${key}`, () => instance[key](this.logic.toLogic(event)));
    }
    page.view = this.view.createPage(info.route, methods, JSON.parse(JSON.stringify(instance.data)));
    return page;
  }

  private setData(page: OpenPage, data: Record<string, unknown>, cb?: () => void): void {
    if (!page.alive) {
      // WeChat drops it too (Taro's unmount updates the page it is leaving); counted, not a problem.
      page.stats.setDataAfterUnload++;
      return;
    }
    if (data === null || typeof data !== 'object') {
      this.problem('setData', `${page.info.route}: setData needs an object`);
      return;
    }
    const lossy: string[] = [];
    for (const [k, v] of Object.entries(data)) lossyValues(v, k, lossy);
    if (lossy.length) this.problem('setData', `${page.info.route}: setData values JSON drops or changes: ${lossy.join('; ')}`);
    const json = JSON.stringify(data);
    const bytes = Buffer.byteLength(json);
    page.stats.setDataCalls++;
    page.stats.payloads.push(bytes);
    page.stats.largestPayload = Math.max(page.stats.largestPayload, bytes);
    if (page.cloudAnswered && page.stats.firstMeaningfulPayload === null) page.stats.firstMeaningfulPayload = bytes;
    if (bytes > SETDATA_FAIL_BYTES) {
      this.problem('setData', `${page.info.route}: setData of ${bytes} bytes is over WeChat's 1 MB limit (not applied)`);
      return;
    }
    if (bytes > SETDATA_WARN_BYTES) this.problem('setData', `${page.info.route}: setData of ${bytes} bytes is over 256 KB (WeChat warns: slow on phones)`);
    const forView = JSON.parse(json) as Record<string, unknown>;
    const forLogic = this.logic.toLogic(forView);
    const viewData: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(forView)) {
      const parts = parseDataPath(key);
      setPath(page.instance.data, parts, forLogic[key]);
      viewData[parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('')] = value;
    }
    this.guard(`${page.info.route} view update`, () => page.view.setData(viewData));
    if (page.stats.firstRenderMs === null) page.stats.firstRenderMs = performance.now() - page.openedAt;
    if (typeof cb === 'function') this.later(cb, `${page.info.route} setData callback`);
  }

  private lifecycle(page: OpenPage, name: 'onLoad' | 'onShow' | 'onReady' | 'onHide' | 'onUnload', arg?: unknown): void {
    const fn = page.instance[name] as ((a?: unknown) => void) | undefined;
    if (typeof fn === 'function') this.guard(`${page.info.route} ${name}`, () => fn.call(page.instance, arg));
  }

  private open(info: PageInfo, query: Record<string, string>): OpenPage | null {
    const page = this.createPage(info, query);
    if (!page) return null;
    this.stack.push(page);
    if (info.tab) this.tabs.set(info.route, page);
    this.lifecycle(page, 'onLoad', this.logic.toLogic(query));
    this.lifecycle(page, 'onShow');
    this.later(() => page.alive && this.lifecycle(page, 'onReady'), `${info.route} onReady`);
    return page;
  }

  private unload(page: OpenPage): void {
    if (!page.alive) return;
    this.lifecycle(page, 'onUnload');
    page.alive = false;
    page.view.detach();
    if (this.tabs.get(page.info.route) === page) this.tabs.delete(page.info.route);
    this.closed.push(page);
  }

  // ---------------------------------------------------------------------------------------------------------
  // navigation (checked against app.json as WeChat does)
  // ---------------------------------------------------------------------------------------------------------

  private async navigateFromApp(api: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch' | 'navigateBack', o: Record<string, unknown>): Promise<string | null> {
    const run = async () => {
      const error = this.navigateNow(api, o);
      if (error) this.problem('navigation', `wx.${api}(${JSON.stringify(o.url ?? o.delta ?? '')}): ${error}`);
      return error;
    };
    const next = this.navigating.then(run, run);
    this.navigating = next;
    return next;
  }

  private navigateNow(api: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch' | 'navigateBack', o: Record<string, unknown>): string | null {
    if (api === 'navigateBack') {
      const delta = Math.max(1, Number(o.delta ?? 1) || 1);
      if (this.stack.length <= 1) return 'cannot navigate back at first page.';
      for (let i = 0; i < delta && this.stack.length > 1; i++) this.unload(this.stack.pop()!);
      this.lifecycle(this.current!, 'onShow');
      return null;
    }
    if (typeof o.url !== 'string' || !o.url) return 'parameter error: url should be String';
    const from = this.current ? this.current.info.route : '';
    const { path: p, query } = parseUrl(o.url);
    const route = resolveFrom(from || 'x', p).replace(/^\//, '');
    const info = this.pageInfo(route);
    if (!info) return `page "${route}" is not found`;
    if (api === 'navigateTo' || api === 'redirectTo') {
      if (info.tab) return `can not ${api} a tabbar page`;
      if (api === 'navigateTo' && this.stack.length >= MAX_STACK) return 'webview count limit exceed';
      const previous = this.current;
      if (api === 'redirectTo' && previous) {
        this.stack.pop();
        this.unload(previous);
      } else if (previous) this.lifecycle(previous, 'onHide');
      if (!this.open(info, query)) {
        if (api === 'navigateTo' && previous) this.lifecycle(previous, 'onShow');
        return `page "${route}" failed to load`;
      }
      return null;
    }
    if (api === 'switchTab') {
      if (!info.tab) return 'can not switch to no-tabBar page';
      if (Object.keys(query).length) this.problem('navigation', `wx.switchTab(${o.url}): WeChat drops the query string of switchTab`);
      while (this.stack.length && !this.stack[this.stack.length - 1]!.info.tab) this.unload(this.stack.pop()!);
      const shown = this.stack.pop();
      if (shown && shown.info.route !== route) this.lifecycle(shown, 'onHide');
      const kept = this.tabs.get(route);
      if (kept) {
        this.stack.push(kept);
        if (shown !== kept) this.lifecycle(kept, 'onShow');
        return null;
      }
      return this.open(info, {}) ? null : `page "${route}" failed to load`;
    }
    // reLaunch
    while (this.stack.length) this.unload(this.stack.pop()!);
    for (const t of [...this.tabs.values()]) this.unload(t);
    return this.open(info, query) ? null : `page "${route}" failed to load`;
  }

  /** Navigations the test (not the app) starts, as a user would by a share card or a code. */
  reLaunch(url: string): Promise<string | null> {
    return this.navigateFromApp('reLaunch', { url });
  }
  navigateTo(url: string): Promise<string | null> {
    return this.navigateFromApp('navigateTo', { url });
  }
  switchTab(url: string): Promise<string | null> {
    return this.navigateFromApp('switchTab', { url });
  }
  navigateBack(): Promise<string | null> {
    return this.navigateFromApp('navigateBack', {});
  }

  // ---------------------------------------------------------------------------------------------------------
  // waiting and looking
  // ---------------------------------------------------------------------------------------------------------

  /** Resolves when no cloud call, callback or short timer is pending and nothing changed for a few turns. */
  async idle(timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let quiet = 0;
    let lastCalls = -1;
    while (Date.now() < deadline) {
      await this.navigating;
      await new Promise((r) => setTimeout(r, 5));
      const calls = this.stack.reduce((n, p) => n + p.stats.setDataCalls, 0) + this.cloudCalls.length;
      const busy = this.pendingCloud > 0 || this.pendingLater > 0 || calls !== lastCalls;
      lastCalls = calls;
      quiet = busy ? 0 : quiet + 1;
      if (quiet >= 3) return;
    }
    throw new Error(`the mini-program did not settle within ${timeoutMs} ms (${this.pendingCloud} cloud calls pending)`);
  }

  /** The rendered text of the page on top (what the view shows). */
  text(page: OpenPage | undefined = this.current): string {
    return page ? (page.view.dom.textContent ?? '').replace(/[ \t\r\n]+/g, ' ').trim() : '';
  }

  async waitForText(text: string | RegExp, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const has = () => (typeof text === 'string' ? this.text().includes(text) : text.test(this.text()));
    while (!has()) {
      if (Date.now() > deadline) throw new Error(`"${String(text)}" did not appear on ${this.current?.info.route ?? 'no page'} within ${timeoutMs} ms; the page shows: ${this.text().slice(0, 400)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Every rendered element (exparser nodes that have a DOM node) of the page on top, in document order. */
  elements(page: OpenPage | undefined = this.current): ViewNode[] {
    const out: ViewNode[] = [];
    const visit = (node: any) => {
      if (!node) return;
      if (node.$$ && node.is && !node.__virtual) out.push(new ViewNode(node, this.view.exparser));
      for (const c of node.childNodes ?? []) visit(c);
      if (node.shadowRoot && node.shadowRoot !== node) for (const c of node.shadowRoot.childNodes ?? []) visit(c);
    };
    if (page) visit(page.view._exparserNode.shadowRoot);
    return out;
  }

  /** The deepest element whose text contains `text` (optionally of one component, e.g. 'button'). */
  find(text: string | RegExp, tag?: string): ViewNode | null {
    const matches = this.elements().filter((n) => (!tag || n.tag === tag) && (typeof text === 'string' ? n.text.includes(text) : text.test(n.text)));
    return matches.filter((n) => !matches.some((m) => m !== n && n.contains(m))).at(0) ?? null;
  }

  /** Taps the element showing `text` (the event bubbles to Taro's handlers as in WeChat), then waits for idle. */
  async tap(text: string | RegExp, tag?: string): Promise<void> {
    const node = this.find(text, tag);
    if (!node) throw new Error(`nothing showing "${String(text)}" to tap on ${this.current?.info.route}; the page shows: ${this.text().slice(0, 400)}`);
    await this.tapNode(node);
  }

  /** Taps one element; like WeChat, a disabled button (or a node inside one) does not fire. */
  async tapNode(node: ViewNode): Promise<void> {
    const button = node.tag === 'button' ? node : this.elements().find((n) => n.tag === 'button' && n.contains(node));
    if (button?.node.disabled === true) throw new Error(`the button "${button.text}" is disabled on ${this.current?.info.route}`);
    node.trigger('tap', { x: 1, y: 1 });
    await this.idle();
  }

  /** The n-th input or textarea of the form field labelled `label` (the `.field` whose text holds the label). */
  field(label: string, tag: 'input' | 'textarea' | 'picker' = 'input'): ViewNode {
    const fields = this.elements().filter((n) => n.classes.includes('field') && n.text.includes(label));
    const field = fields.filter((f) => !fields.some((g) => g !== f && f.contains(g)))[0];
    const control = field ? this.elements().find((n) => n.tag === tag && field.contains(n)) : undefined;
    if (!control) throw new Error(`no ${tag} labelled "${label}" on ${this.current?.info.route}`);
    return control;
  }

  /** Types into an input or textarea (WeChat's `input` event with detail.value), then waits for idle. */
  async type(node: ViewNode, value: string): Promise<void> {
    node.trigger('focus', { value: '', height: 0 });
    node.trigger('input', { value, cursor: value.length, keyCode: 0 });
    node.trigger('blur', { value });
    await this.idle();
  }

  /** Problems other than the kinds listed. */
  problemsExcept(...kinds: ProblemKind[]): Problem[] {
    return this.problems.filter((p) => !kinds.includes(p.kind));
  }

  /** Stats of every page opened so far (open and closed). */
  pageStats(): PageStats[] {
    return [...this.closed, ...this.stack, ...[...this.tabs.values()].filter((t) => !this.stack.includes(t))].map((p) => p.stats);
  }

  close(): void {
    for (const p of [...this.stack].reverse()) this.unload(p);
    for (const t of [...this.tabs.values()]) this.unload(t);
    this.stack.length = 0;
    this.logic.dispose();
    mainProcess().off('unhandledRejection', this.onRejection);
  }
}

/** One rendered element: an exparser node and its jsdom node. */
export class ViewNode {
  constructor(
    readonly node: any,
    private readonly exparser: any,
  ) {}
  get tag(): string {
    return String(this.node.is);
  }
  get text(): string {
    return (this.node.$$.textContent ?? '').replace(/[ \t\r\n]+/g, ' ').trim();
  }
  get classes(): string[] {
    return String(this.node.$$.getAttribute?.('class') ?? this.node.class ?? '').split(/\s+/).filter(Boolean);
  }
  get dataset(): Record<string, unknown> {
    return this.node.dataset ?? {};
  }
  contains(other: ViewNode): boolean {
    return this.node.$$ !== other.node.$$ && this.node.$$.contains(other.node.$$);
  }
  trigger(type: string, detail: Record<string, unknown>): void {
    this.exparser.Event.dispatchEvent(this.node, this.exparser.Event.create(type, detail, { originalEvent: undefined, bubbles: true, composed: true, capturePhase: true }));
  }
}

export function describeError(e: unknown): string {
  if (e instanceof Error || (e && typeof e === 'object' && 'message' in e && 'stack' in e)) {
    const err = e as Error;
    const frame = (err.stack ?? '').split('\n').find((l) => /at .*\.js:\d+/.test(l));
    return `${err.name ?? 'Error'}: ${err.message}${frame ? ` (${frame.trim()})` : ''}`;
  }
  if (e && typeof e === 'object') {
    try {
      return JSON.stringify(e).slice(0, 300);
    } catch {
      return String(e);
    }
  }
  return String(e);
}
