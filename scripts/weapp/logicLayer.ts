/**
 * WeChat's logic layer (AppService) for the built JavaScript: its own Node `vm` context with no DOM and none of
 * window, document, localStorage, XMLHttpRequest, fetch, URL, process, Buffer, setImmediate or MessageChannel;
 * `eval` and `new Function` disabled; each file wrapped the way WeChat wraps it (browser globals shadowed by
 * undefined parameters); `require` relative to the file and never across a subpackage boundary; the globals
 * App, Page, Component, Behavior, getApp, getCurrentPages, __wxConfig, wx.
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { packageOf, type AppModel } from './appModel';

/** The parameters WeChat's module wrapper passes as undefined, hiding the browser globals from app code. */
const SHADOWED = ['window', 'document', 'frames', 'self', 'location', 'navigator', 'localStorage', 'history', 'Caches', 'screen', 'alert', 'confirm', 'prompt', 'XMLHttpRequest', 'WebSocket', 'Reporter', 'webkit', 'WeixinJSCore'];

export type Definition = Record<string, any>;

export interface LogicHooks {
  /** An error thrown by app code (module evaluation, lifecycle, callback, timer). */
  scriptError(where: string, error: unknown): void;
  console(level: 'log' | 'info' | 'warn' | 'error' | 'debug', args: unknown[]): void;
  getCurrentPages(): unknown[];
}

export class LogicLayer {
  readonly context: vm.Context;
  appDefinition: Definition | null = null;
  readonly pageDefinitions = new Map<string, Definition>();
  readonly componentDefinitions = new Map<string, Definition>();
  /** Timers the app set that have not fired or been cleared. */
  readonly pendingTimers = new Set<NodeJS.Timeout>();
  private readonly modules = new Map<string, { exports: unknown }>();
  /** Files being evaluated (innermost last): Page() and Component() register for the file that called them. */
  private readonly evaluating: string[] = [];
  private appInstance: Record<string, unknown> | null = null;
  private readonly parse: (s: string) => unknown;

  constructor(
    readonly app: AppModel,
    wx: Record<string, unknown>,
    hooks: LogicHooks,
  ) {
    const consoleObject = Object.fromEntries((['log', 'info', 'warn', 'error', 'debug'] as const).map((level) => [level, (...args: unknown[]) => hooks.console(level, args)]));
    const timer = (kind: 'timeout' | 'interval') => (fn: unknown, ms?: number, ...args: unknown[]) => {
      if (typeof fn !== 'function') throw new TypeError(`set${kind === 'timeout' ? 'Timeout' : 'Interval'} expects a function`);
      const run = () => {
        if (kind === 'timeout') this.pendingTimers.delete(handle);
        try {
          fn(...args);
        } catch (e) {
          hooks.scriptError(`set${kind === 'timeout' ? 'Timeout' : 'Interval'} callback`, e);
        }
      };
      const handle = kind === 'timeout' ? setTimeout(run, ms) : setInterval(run, ms);
      this.pendingTimers.add(handle);
      return handle;
    };
    const clear = (h: NodeJS.Timeout) => {
      this.pendingTimers.delete(h);
      clearTimeout(h);
    };
    const sandbox: Record<string, unknown> = {
      console: consoleObject,
      setTimeout: timer('timeout'),
      setInterval: timer('interval'),
      clearTimeout: clear,
      clearInterval: clear,
      wx,
      __wxConfig: { ...app.json, envVersion: 'develop', platform: 'devtools', accountInfo: { appId: 'touristappid' } },
      App: (def: Definition) => {
        this.appDefinition = def;
      },
      Page: (def: Definition) => this.register('Page', def),
      Component: (def: Definition) => this.register('Component', def),
      Behavior: (def: Definition) => def,
      getApp: () => this.appInstance,
      getCurrentPages: () => hooks.getCurrentPages(),
      requirePlugin: (name: string) => {
        throw new Error(`requirePlugin('${name}'): plugins are not available in the harness`);
      },
    };
    this.context = vm.createContext(sandbox, { name: 'weapp logic layer', codeGeneration: { strings: false, wasm: false } });
    this.parse = vm.runInContext('JSON.parse', this.context) as (s: string) => unknown;
  }

  /** A JSON copy of a host value made in the logic layer's realm (what crosses WeChat's bridge). */
  toLogic<T>(value: T): T {
    return value === undefined ? value : (this.parse(JSON.stringify(value)) as T);
  }

  private register(kind: 'Page' | 'Component', def: Definition) {
    const file = this.evaluating[this.evaluating.length - 1];
    if (!file) throw new Error(`${kind}() called outside a module`);
    const base = file.replace(/\.js$/, '');
    (kind === 'Page' ? this.pageDefinitions : this.componentDefinitions).set(base, def);
  }

  /** Loads app.js and creates the App instance (onLaunch is the harness's to call). */
  loadApp(): Record<string, unknown> {
    this.require('app.js', null);
    if (!this.appDefinition) throw new Error('app.js did not call App()');
    // Taro defines the App's methods as non-enumerable properties: the definition itself is the instance.
    this.appInstance = this.appDefinition;
    return this.appInstance;
  }

  /**
   * Evaluates a file the way WeChat does when a page or component is first used; returns its exports. `from` is
   * the requiring file (null for the framework loading a page), used for the subpackage boundary.
   */
  require(rel: string, from: string | null, spec = rel): unknown {
    const file = rel.endsWith('.js') ? rel : `${rel}.js`;
    const cached = this.modules.get(file);
    if (cached) return cached.exports;
    if (from !== null) {
      const own = packageOf(this.app, from);
      const theirs = packageOf(this.app, file);
      if (theirs && theirs !== own) {
        throw new Error(`module "${file}" is not defined, require args is "${spec}" (${from} is in ${own ? `subpackage ${own}` : 'the main package'} and cannot require a file of subpackage ${theirs})`);
      }
    }
    const abs = path.join(this.app.dir, file);
    if (!fs.existsSync(abs)) throw new Error(`module "${file}" is not defined, require args is "${spec}"${from ? ` (required by ${from})` : ''}`);
    const module = { exports: {} as unknown };
    this.modules.set(file, module);
    const wrapped = `(function (require, module, exports, ${SHADOWED.join(', ')}) {${fs.readFileSync(abs, 'utf8')}\n})`;
    const fn = new vm.Script(wrapped, { filename: file }).runInContext(this.context) as (...args: unknown[]) => void;
    const localRequire = (spec2: string) => {
      if (typeof spec2 !== 'string') throw new Error('require args must be a string');
      const target = spec2.startsWith('/') ? spec2.slice(1) : path.posix.normalize(path.posix.join(path.posix.dirname(file), spec2));
      return this.require(target, file, spec2);
    };
    this.evaluating.push(file);
    try {
      fn.call(module.exports, localRequire, module, module.exports);
    } catch (e) {
      this.modules.delete(file);
      throw e;
    } finally {
      this.evaluating.pop();
    }
    return module.exports;
  }

  /** Stops every timer the app left running. */
  dispose(): void {
    for (const t of this.pendingTimers) clearTimeout(t);
    this.pendingTimers.clear();
  }
}
