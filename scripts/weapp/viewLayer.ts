/**
 * WeChat's view layer, headless: every .wxml of the build compiled by WeChat's own template compiler (`wcc`,
 * from miniprogram-compiler) and rendered by WeChat's component framework (miniprogram-exparser, through
 * j-component) into a jsdom document. Events on the rendered nodes go to the page's (or component's) handler
 * methods, which the harness forwards to the logic layer.
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { spawnSync } from 'node:child_process';
import { wechatCompilerBinary } from '../../miniprogram/config/wcsc';
import { resolveFrom } from './appModel';

/* eslint-disable @typescript-eslint/no-require-imports -- j-component and exparser must load after jsdom's globals exist */
type Exparser = any;
type JComponent = { register(def: Record<string, unknown>): string; create(id: string, props?: Record<string, unknown>): RootComponent };
export interface RootComponent {
  dom: HTMLElement;
  instance: Record<string, any>;
  setData(data: Record<string, unknown>): void;
  attach(parent: Element): void;
  detach(): void;
  _exparserNode: any;
}

/** Built-in components of WeChat registered with the properties and events the harness drives. */
const BUILTIN = [
  'cover-image', 'cover-view', 'movable-area', 'movable-view', 'page-container', 'root-portal', 'scroll-view', 'swiper', 'swiper-item', 'view', 'icon', 'progress', 'rich-text', 'text',
  'button', 'checkbox', 'checkbox-group', 'editor', 'form', 'input', 'label', 'picker', 'picker-view', 'picker-view-column', 'radio', 'radio-group', 'slider', 'switch', 'textarea',
  'navigator', 'audio', 'camera', 'image', 'live-player', 'live-pusher', 'video', 'map', 'canvas', 'web-view', 'ad', 'official-account', 'open-data', 'page-meta', 'navigation-bar', 'match-media', 'grid-view', 'list-view', 'sticky-header', 'sticky-section', 'share-element', 'keyboard-accessory', 'voip-room', 'channel-live', 'channel-video', 'functional-page-navigator',
];

let layers = 0;
let globalsReady: { jComponent: JComponent; exparser: Exparser } | null = null;

/** jsdom's window and document as globals of this process (exparser creates its DOM nodes through them). */
function ensureDomGlobals(): { jComponent: JComponent; exparser: Exparser } {
  if (globalsReady) return globalsReady;
  const g = globalThis as Record<string, unknown>;
  if (!g.document) {
    const { JSDOM } = require('jsdom') as typeof import('jsdom');
    const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { pretendToBeVisual: false });
    for (const key of ['window', 'document', 'Node', 'Element', 'HTMLElement', 'Event', 'CustomEvent', 'DocumentFragment', 'Text']) g[key] ??= key === 'window' ? dom.window : (dom.window as unknown as Record<string, unknown>)[key];
  }
  const jComponent = require('j-component') as JComponent;
  const exparser = require('miniprogram-exparser') as Exparser;
  for (const name of BUILTIN) {
    const properties: Record<string, unknown> =
      name === 'input' || name === 'textarea'
        ? { value: { type: String, value: '' }, placeholder: { type: String, value: '' }, type: { type: String, value: 'text' }, maxlength: { type: Number, value: 140 }, disabled: { type: Boolean, value: false } }
        : name === 'button'
          ? { disabled: { type: Boolean, value: false }, openType: { type: String, value: '' } }
          : name === 'picker'
            ? { mode: { type: String, value: 'selector' }, range: { type: Array, value: [] }, value: { type: null, value: 0 }, disabled: { type: Boolean, value: false } }
            : name === 'image'
              ? { src: { type: String, value: '' } }
              : {};
    jComponent.register({ id: name, tagName: `wx-${name}`, template: '<slot/>', properties });
  }
  globalsReady = { jComponent, exparser };
  return globalsReady;
}

export type Handler = (event: Record<string, unknown>) => unknown;

export class ViewLayer {
  readonly exparser: Exparser;
  private readonly jComponent: JComponent;
  private readonly gwx: (file: string) => unknown;
  /** Component path (relative, without extension) → j-component id. */
  private readonly componentIds = new Map<string, string>();
  /** j-component ids are global: each layer registers its own copies (their methods reach its logic layer). */
  private readonly prefix = `weapp${++layers}`;

  constructor(
    readonly dir: string,
    private readonly componentFactory: (base: string) => { properties: Record<string, unknown>; options: Record<string, unknown>; methods: Record<string, Handler>; lifetimes: Record<string, () => void> },
    /** Warnings and errors of the template runtime (a template not found, a WXS error). */
    templateMessage: (level: 'warn' | 'error', text: string) => void,
  ) {
    ({ jComponent: this.jComponent, exparser: this.exparser } = ensureDomGlobals());
    const say = (level: 'warn' | 'error') => (...args: unknown[]) => templateMessage(level, args.map(String).join(' '));
    this.gwx = compiledTemplates(dir, { log: () => undefined, info: () => undefined, warn: say('warn'), error: say('error') });
  }

  /** The j-component id of a custom component (registered on first use, with its own usingComponents). */
  private componentId(base: string): string {
    const known = this.componentIds.get(base);
    if (known) return known;
    const id = `${this.prefix}-${base.replace(/[^A-Za-z0-9]/g, '-')}`;
    this.componentIds.set(base, id);
    const def = this.componentFactory(base);
    this.jComponent.register({
      id,
      tagName: `wx-${path.posix.basename(base)}`,
      template: this.template(base),
      usingComponents: this.usingComponents(base),
      properties: def.properties,
      options: { ...def.options, classPrefix: '' },
      methods: def.methods,
      lifetimes: def.lifetimes,
    });
    return id;
  }

  private template(base: string): unknown {
    const fn = this.gwx(`${base}.wxml`);
    if (typeof fn !== 'function') throw new Error(`wcc produced no render function for ${base}.wxml`);
    return fn;
  }

  private usingComponents(base: string): Record<string, string> {
    const jsonFile = path.join(this.dir, `${base}.json`);
    const json = fs.existsSync(jsonFile) ? (JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as { usingComponents?: Record<string, string> }) : {};
    return Object.fromEntries(Object.entries(json.usingComponents ?? {}).map(([tag, target]) => [tag, this.componentId(resolveFrom(base, target))]));
  }

  /** Renders a page (its methods receive the view's events) into the document; returns the root component. */
  createPage(route: string, methods: Record<string, Handler>, data: Record<string, unknown>): RootComponent {
    const id = this.jComponent.register({
      tagName: 'wx-page',
      template: this.template(route),
      usingComponents: this.usingComponents(route),
      data,
      methods,
    });
    const root = this.jComponent.create(id);
    root.attach(document.body);
    return root;
  }
}

const compiled = new Map<string, { key: string; gwx: (file: string) => unknown; console: { current: Pick<Console, 'log' | 'warn' | 'error' | 'info'> } }>();

/** compileWxml, once per build folder (and app.json's mtime) in this process; messages go to the latest caller. */
function compiledTemplates(dir: string, wccConsole: Pick<Console, 'log' | 'warn' | 'error' | 'info'>): (file: string) => unknown {
  const key = String(fs.statSync(path.join(dir, 'app.json')).mtimeMs);
  let entry = compiled.get(dir);
  if (!entry || entry.key !== key) {
    const ref = { current: wccConsole };
    const forward = Object.fromEntries((['log', 'warn', 'error', 'info'] as const).map((l) => [l, (...a: unknown[]) => ref.current[l](...a)])) as unknown as Pick<Console, 'log' | 'warn' | 'error' | 'info'>;
    entry = { key, gwx: compileWxml(dir, forward), console: ref };
    compiled.set(dir, entry);
  }
  entry.console.current = wccConsole;
  return entry.gwx;
}

/** Runs wcc over every .wxml and .wxs of the build; returns WeChat's `$gwx(path)` (a render function per file). */
export function compileWxml(dir: string, wccConsole: Pick<Console, 'log' | 'warn' | 'error' | 'info'> = console): (file: string) => unknown {
  const rels = (fs.readdirSync(dir, { recursive: true }) as string[]).map((f) => String(f).split(path.sep).join('/'));
  const wxml = rels.filter((f) => f.endsWith('.wxml')).sort();
  const wxs = rels.filter((f) => f.endsWith('.wxs')).sort();
  // Custom components of each file (wcc needs them to tell components from templates).
  const withComponents = wxml
    .map((f) => {
      const json = path.join(dir, f.replace(/\.wxml$/, '.json'));
      const using = fs.existsSync(json) ? Object.keys((JSON.parse(fs.readFileSync(json, 'utf8')) as { usingComponents?: Record<string, string> }).usingComponents ?? {}) : [];
      return using.length ? [f, String(using.length), ...using] : [];
    })
    .filter((a) => a.length);
  const args = ['-d', '-cc', [String(withComponents.length), ...withComponents.flat()].join(' '), ...wxml, ...wxs, '-gn', '$gwx'];
  const r = spawnSync(wechatCompilerBinary('wcc'), args, { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`wcc rejects the templates: ${(r.stderr || r.stdout).slice(0, 2000)}`);
  const sandbox: Record<string, unknown> = { window: {}, console: wccConsole, __wxAppCode__: {}, __vd_version_info__: {} };
  vm.createContext(sandbox, { name: 'weapp view templates' });
  const gwx = vm.runInContext(`(function () {${r.stdout}\n;return $gwx;})()`, sandbox, { filename: 'wcc-output.js' }) as (file: string) => unknown;
  // The render functions test data with their own realm's Object and Array (WXS data conversion): hand them a
  // JSON copy made in that realm, as WeChat hands the view a JSON copy of the data.
  const parse = vm.runInContext('JSON.parse', sandbox) as (s: string) => unknown;
  return (file: string) => {
    const render = gwx(file);
    if (typeof render !== 'function') return render;
    return (data: unknown, ...rest: unknown[]) => (render as (...a: unknown[]) => unknown)(data === undefined ? data : parse(JSON.stringify(data)), ...rest);
  };
}
