/**
 * What WeChat (and this project) require of app.json and of the mini-program's source, checked on the built
 * dist/weapp/app.json, on miniprogram/src/app.config.ts and on the source files. Used by the tests and by
 * `npm run upload` before anything is sent.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { subpackagesOf, type AppJson } from './measure';

/** Problems with an app.json (an empty list = fine). `builtDir`: also check that every page was built. */
export function appJsonProblems(app: AppJson, builtDir?: string): string[] {
  const problems: string[] = [];
  const main = app.pages ?? [];
  const tabs = (app.tabBar?.list ?? []).map((t) => t.pagePath);
  const subs = subpackagesOf(app);
  if (!main.length) problems.push('app.json has no pages');
  for (const t of tabs) if (!main.includes(t)) problems.push(`tab page ${t} must be in the main package (pages)`);
  for (const p of main) if (!tabs.includes(p)) problems.push(`main-package page ${p} is not a tab page: put it in a subpackage (subPackages)`);
  const roots = subs.map((s) => s.root.replace(/^\.?\//, '').replace(/\/$/, ''));
  roots.forEach((r, i) => {
    if (!r) problems.push(`subpackage #${i + 1} has no root`);
    for (const other of roots.slice(i + 1)) if (other === r || other.startsWith(`${r}/`) || r.startsWith(`${other}/`)) problems.push(`subpackage roots ${r} and ${other} overlap`);
    for (const p of main) if (p.startsWith(`${r}/`)) problems.push(`main-package page ${p} lies inside subpackage root ${r}`);
  });
  subs.forEach((s, i) => {
    if (!s.pages?.length) problems.push(`subpackage ${roots[i]} has no pages`);
    for (const p of s.pages ?? []) if (p.startsWith(`${roots[i]}/`) || p.startsWith('/')) problems.push(`subpackage ${roots[i]}: page ${p} must be relative to its root`);
  });
  if (app.__usePrivacyCheck__ !== true) problems.push('app.json must set __usePrivacyCheck__: true (用户隐私保护指引)');
  if (app.lazyCodeLoading !== 'requiredComponents') problems.push("app.json should set lazyCodeLoading: 'requiredComponents'");
  if (builtDir) {
    const all = [...main, ...subs.flatMap((s, i) => (s.pages ?? []).map((p) => `${roots[i]}/${p}`))];
    for (const p of all) {
      for (const ext of ['.js', '.json', '.wxml']) {
        if (!fs.existsSync(path.join(builtDir, p + ext))) problems.push(`page ${p}: ${p}${ext} missing in ${builtDir}`);
      }
    }
  }
  return problems;
}

/** Evaluates miniprogram/src/app.config.ts (Taro's `defineAppConfig` is the identity) for one TARO_ENV. */
export function sourceAppConfig(file: string, taroEnv = 'weapp'): AppJson {
  const js = ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
  const mod = { exports: {} as { default?: AppJson } };
  const env = { ...process.env, TARO_ENV: taroEnv };
  new Function('module', 'exports', 'process', 'defineAppConfig', js)(mod, mod.exports, { env }, (c: AppJson) => c);
  if (!mod.exports.default) throw new Error(`${file} has no default export`);
  return mod.exports.default;
}

// ---------------------------------------------------------------------------------------------
// Source rules: deprecated APIs and privacy interfaces
// ---------------------------------------------------------------------------------------------

/** Withdrawn by WeChat: avatar and nickname only through chooseAvatar / <input type="nickname">. */
export const DEPRECATED_APIS = [
  { pattern: /\bgetUserProfile\b/, name: 'getUserProfile' },
  { pattern: /\bgetUserInfo\b/, name: 'getUserInfo' },
  { pattern: /open-?type\s*=\s*["'{]*\s*["']?(getUserInfo|userInfo)\b/i, name: 'open-type="getUserInfo"' },
];

/**
 * WeChat's privacy interfaces (小程序用户隐私保护指引内容介绍): using one requires declaring its information
 * type in the admin console's 用户隐私保护指引 (docs/privacy.md lists what to declare).
 */
export const PRIVACY_APIS: { info: string; pattern: RegExp; apis: string }[] = [
  { info: '昵称、头像', pattern: /chooseAvatar|type\s*=\s*["']nickname["']/, apis: 'button open-type="chooseAvatar"、input type="nickname"' },
  { info: '位置信息', pattern: /\b(getLocation|getFuzzyLocation|startLocationUpdate|startLocationUpdateBackground|scope\.userLocation|scope\.userFuzzyLocation)\b/, apis: 'getLocation、getFuzzyLocation、startLocationUpdate' },
  { info: '选择的位置信息', pattern: /\b(chooseLocation|choosePoi)\b/, apis: 'chooseLocation、choosePoi' },
  { info: '地址', pattern: /\bchooseAddress\b/, apis: 'chooseAddress' },
  { info: '手机号', pattern: /getPhoneNumber|getRealtimePhoneNumber/, apis: 'open-type="getPhoneNumber"' },
  { info: '选中的照片或视频', pattern: /\b(chooseImage|chooseMedia|chooseVideo)\b/, apis: 'chooseImage、chooseMedia、chooseVideo' },
  { info: '选中的文件', pattern: /\bchooseMessageFile\b/, apis: 'chooseMessageFile' },
  { info: '相册（仅写入）', pattern: /\b(saveImageToPhotosAlbum|saveVideoToPhotosAlbum|scope\.writePhotosAlbum)\b/, apis: 'saveImageToPhotosAlbum、saveVideoToPhotosAlbum' },
  { info: '剪切板', pattern: /\b(setClipboardData|getClipboardData)\b/, apis: 'setClipboardData、getClipboardData' },
  { info: '麦克风', pattern: /\b(startRecord|getRecorderManager|scope\.record|joinVoIPChat)\b/, apis: 'getRecorderManager、startRecord' },
  { info: '摄像头', pattern: /<Camera\b|scope\.camera|createVKSession/, apis: '<camera>、createVKSession' },
  { info: '蓝牙', pattern: /\b(openBluetoothAdapter|createBLEPeripheralServer)\b/, apis: 'openBluetoothAdapter' },
  { info: '通讯录（仅写入）', pattern: /\baddPhoneContact\b/, apis: 'addPhoneContact' },
  { info: '日历（仅写入）', pattern: /\b(addPhoneCalendar|addPhoneRepeatCalendar)\b/, apis: 'addPhoneCalendar' },
  { info: '微信运动步数', pattern: /\bgetWeRunData\b/, apis: 'getWeRunData' },
  { info: '发票', pattern: /\b(chooseInvoice|chooseInvoiceTitle)\b/, apis: 'chooseInvoice' },
];

/** Location APIs that app.json must also list in `requiredPrivateInfos`. */
export const REQUIRED_PRIVATE_INFOS = ['getLocation', 'getFuzzyLocation', 'onLocationChange', 'startLocationUpdate', 'startLocationUpdateBackground', 'chooseLocation', 'choosePoi', 'chooseAddress'];

export interface SourceFile {
  rel: string;
  text: string;
}

export function readSources(dir: string, base = dir): SourceFile[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return readSources(p, base);
    if (!/\.(tsx?|jsx?|scss|wxml|json)$/.test(e.name) || /\.test\.tsx?$/.test(e.name)) return [];
    return [{ rel: path.relative(base, p).split(path.sep).join('/'), text: fs.readFileSync(p, 'utf8') }];
  });
}

/** Source text without comments, so that a comment naming an API does not count as using it. */
export function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:"'`\\])\/\/.*$/gm, '$1');
}

export function deprecatedApiUses(files: SourceFile[]): string[] {
  return files.flatMap((f) => DEPRECATED_APIS.filter((d) => d.pattern.test(stripComments(f.text))).map((d) => `${f.rel}: ${d.name}`));
}

/** Privacy information types the source uses, with the files that use them. */
export function privacyUses(files: SourceFile[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of files) {
    const text = stripComments(f.text);
    for (const p of PRIVACY_APIS) if (p.pattern.test(text)) out.set(p.info, [...(out.get(p.info) ?? []), f.rel]);
  }
  return out;
}

export function locationApiUses(files: SourceFile[]): string[] {
  const used = new Set<string>();
  for (const f of files) for (const api of REQUIRED_PRIVATE_INFOS) if (new RegExp(`\\b${api}\\b`).test(stripComments(f.text))) used.add(api);
  return [...used];
}
