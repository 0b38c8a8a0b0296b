/**
 * What the harness knows of a built mini-program from its app.json: every page (main package first, then each
 * subpackage), which package a file belongs to, tab pages. Pages are read from app.json, never listed here.
 */
import path from 'node:path';
import { readAppJson, subpackagesOf, type AppJson } from '../size/measure';

export interface PageInfo {
  /** `pages/home/index`, `packages/quiz/pages/take/index` */
  route: string;
  /** '' for the main package, else the subpackage root (`packages/quiz`). */
  root: string;
  tab: boolean;
}

export interface AppModel {
  dir: string;
  json: AppJson & { preloadRule?: Record<string, { network?: string; packages?: string[] }>; window?: Record<string, unknown> };
  roots: string[];
  pages: PageInfo[];
}

export const trimRoot = (r: string) => r.replace(/^\.?\//, '').replace(/\/$/, '');

export function loadAppModel(dir: string): AppModel {
  const json = readAppJson(dir) as AppModel['json'];
  const tabs = new Set((json.tabBar?.list ?? []).map((t) => t.pagePath));
  const subs = subpackagesOf(json);
  const roots = subs.map((s) => trimRoot(s.root));
  const pages: PageInfo[] = [
    ...(json.pages ?? []).map((route) => ({ route, root: '', tab: tabs.has(route) })),
    ...subs.flatMap((s, i) => (s.pages ?? []).map((p) => ({ route: `${roots[i]}/${p}`, root: roots[i]!, tab: false }))),
  ];
  return { dir, json, roots, pages };
}

/** The package ('' = main) a file (relative to the build, forward slashes) belongs to. */
export function packageOf(app: AppModel, rel: string): string {
  return app.roots.find((r) => rel === r || rel.startsWith(`${r}/`)) ?? '';
}

/** A path relative to the build from a page-relative or absolute mini-program path (`/pages/x` or `../x`). */
export function resolveFrom(fromFile: string, target: string): string {
  return target.startsWith('/') ? path.posix.normalize(target.slice(1)) : path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), target));
}
