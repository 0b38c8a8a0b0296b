/**
 * Checks of a built mini-program that need no running: app.json as WeChat reads it (each page has its files,
 * subpackage roots exist, tabBar and preloadRule entries are valid), every `usingComponents` entry resolves,
 * and every .wxss compiles with WeChat's own stylesheet compiler (wcsc).
 */
import fs from 'node:fs';
import path from 'node:path';
import { wxssProblems } from '../../miniprogram/config/wcsc';
import { appJsonProblems } from '../size/appRules';
import { loadAppModel, packageOf, resolveFrom, type AppModel } from './appModel';

export interface StaticProblem {
  kind: 'app.json' | 'page' | 'subpackage' | 'tabBar' | 'preloadRule' | 'usingComponents' | 'wxss';
  message: string;
}

const exists = (app: AppModel, rel: string) => fs.existsSync(path.join(app.dir, rel));

function appJsonChecks(app: AppModel): StaticProblem[] {
  const problems: StaticProblem[] = appJsonProblems(app.json).map((message) => ({ kind: 'app.json' as const, message }));
  for (const p of app.pages) {
    for (const ext of ['.js', '.json', '.wxml']) if (!exists(app, p.route + ext)) problems.push({ kind: 'page', message: `page ${p.route}: ${p.route}${ext} is missing` });
  }
  for (const root of app.roots) {
    if (!fs.existsSync(path.join(app.dir, root)) || !fs.statSync(path.join(app.dir, root)).isDirectory()) problems.push({ kind: 'subpackage', message: `subpackage root ${root} does not exist` });
  }
  const routes = new Set(app.pages.map((p) => p.route));
  for (const t of app.json.tabBar?.list ?? []) {
    if (!routes.has(t.pagePath)) problems.push({ kind: 'tabBar', message: `tabBar page ${t.pagePath} is not a page of app.json` });
    else if (packageOf(app, t.pagePath)) problems.push({ kind: 'tabBar', message: `tabBar page ${t.pagePath} is in a subpackage` });
  }
  const tabCount = app.json.tabBar?.list?.length ?? 0;
  if (app.json.tabBar && (tabCount < 2 || tabCount > 5)) problems.push({ kind: 'tabBar', message: `tabBar has ${tabCount} entries (WeChat allows 2 to 5)` });
  const names = new Map<string, string>();
  for (const s of app.json.subPackages ?? app.json.subpackages ?? []) {
    names.set(path.posix.normalize(s.root).replace(/\/$/, ''), s.root);
    const name = (s as { name?: string }).name;
    if (name) names.set(name, s.root);
  }
  for (const [page, rule] of Object.entries(app.json.preloadRule ?? {})) {
    if (!routes.has(page)) problems.push({ kind: 'preloadRule', message: `preloadRule key ${page} is not a page of app.json` });
    if (rule.network && !['all', 'wifi'].includes(rule.network)) problems.push({ kind: 'preloadRule', message: `preloadRule ${page}: network must be all or wifi, not ${rule.network}` });
    for (const pkg of rule.packages ?? []) {
      const key = pkg === '__APP__' ? '' : path.posix.normalize(pkg).replace(/\/$/, '');
      if (key && !names.has(key)) problems.push({ kind: 'preloadRule', message: `preloadRule ${page}: package ${pkg} is not a subpackage root or name` });
    }
  }
  return problems;
}

/** Every component json reachable from the pages (and app.json's own usingComponents); each entry must resolve. */
function componentChecks(app: AppModel): StaticProblem[] {
  const problems: StaticProblem[] = [];
  const seen = new Set<string>();
  const visit = (base: string) => {
    if (seen.has(base)) return;
    seen.add(base);
    const jsonFile = path.join(app.dir, `${base}.json`);
    if (!fs.existsSync(jsonFile)) return;
    const json = JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as { usingComponents?: Record<string, string> };
    for (const [tag, target] of Object.entries(json.usingComponents ?? {})) {
      if (target.startsWith('plugin://')) continue;
      const rel = resolveFrom(base, target);
      const missing = ['.js', '.json', '.wxml'].filter((ext) => !exists(app, rel + ext));
      if (missing.length) {
        problems.push({ kind: 'usingComponents', message: `${base}.json: <${tag}> → ${target} does not resolve (${missing.map((e) => rel + e).join(', ')} missing)` });
        continue;
      }
      const own = packageOf(app, base);
      const theirs = packageOf(app, rel);
      if (theirs && theirs !== own) problems.push({ kind: 'usingComponents', message: `${base}.json: <${tag}> → ${target} is in subpackage ${theirs}, which ${own ? `subpackage ${own}` : 'the main package'} cannot use` });
      visit(rel);
    }
  };
  const appJson = app.json as { usingComponents?: Record<string, string> };
  if (appJson.usingComponents) visit('app');
  for (const p of app.pages) visit(p.route);
  return problems;
}

/** All static problems of the build in `dir` (an empty list = WeChat would accept it as far as these go). */
export function staticProblems(dir: string): StaticProblem[] {
  const app = loadAppModel(dir);
  return [
    ...appJsonChecks(app),
    ...componentChecks(app),
    ...wxssProblems(dir).map((p) => ({ kind: 'wxss' as const, message: `${p.file}: wcsc: ${p.message}` })),
  ];
}
