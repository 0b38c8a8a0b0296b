/**
 * The size measurement, the app.json rules and the source rules on small fixtures (so each check is seen
 * failing), plus the source-level rules on the real source: no deprecated user-info APIs, every privacy
 * interface declared in docs/privacy.md, project.config.json valid for DevTools with cloud development.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { BUDGET, formatReport, isIgnored, measure } from './measure';
import { appJsonProblems, deprecatedApiUses, locationApiUses, privacyUses, PRIVACY_APIS, readSources, sourceAppConfig, stripComments } from './appRules';
import { contentInBuild, decodeEscapes } from './contentLeak';
import { h5Js } from './size';

const root = path.resolve(__dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pufa-size-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const goodApp = {
  pages: ['pages/home/index', 'pages/me/index'],
  subPackages: [
    { root: 'packages/quiz', pages: ['pages/take/index'] },
    { root: 'packages/lesson/', pages: ['pages/reader/index'] },
  ],
  tabBar: { list: [{ pagePath: 'pages/home/index' }, { pagePath: 'pages/me/index' }] },
  lazyCodeLoading: 'requiredComponents',
  __usePrivacyCheck__: true,
};

function fixture(name: string, files: Record<string, number | string>, app: object = goodApp): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'app.json'), JSON.stringify(app));
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), typeof content === 'number' ? Buffer.alloc(content, 97) : content);
  }
  return dir;
}

describe('measure', () => {
  test('main package = everything outside the subpackage roots; each root counted on its own', () => {
    const dir = fixture('split', { 'app.js': 1000, 'pages/home/index.js': 200, 'packages/quiz/pages/take/index.js': 300, 'packages/quiz/sub-vendors.js': 50, 'packages/lesson/pages/reader/index.js': 70, 'packages/quizzes/x.js': 5, 'app.js.map': 9999 });
    const r = measure(dir, [{ type: 'suffix', value: '.map' }]);
    const appJsonBytes = fs.statSync(path.join(dir, 'app.json')).size;
    expect(r.packages).toEqual([
      { name: 'main', files: 4, bytes: 1000 + 200 + 5 + appJsonBytes, budget: BUDGET.main },
      { name: 'packages/quiz', files: 2, bytes: 350, budget: BUDGET.subpackage },
      { name: 'packages/lesson', files: 1, bytes: 70, budget: BUDGET.subpackage },
    ]);
    expect(r.ignored).toEqual(['app.js.map']);
    expect(r.total.bytes).toBe(1000 + 200 + 5 + appJsonBytes + 350 + 70);
    expect(r.over).toEqual([]);
    const table = formatReport(r);
    expect(table).toMatch(/主包 main\s+4\s+\d+/);
    expect(table).toMatch(/分包 packages\/quiz\s+2\s+350/);
    expect(table).toMatch(/合计 total/);
  });

  test('over budget: main, a subpackage, the total', () => {
    const big = fixture('big', { 'app.js': BUDGET.main + 1, 'packages/quiz/a.js': BUDGET.subpackage + 1, 'packages/lesson/a.js': 400 * 1024, 'packages/lesson/b.js': 300 * 1024 });
    expect(measure(big).over).toEqual(['main', 'packages/quiz', 'packages/lesson', 'total']);
  });

  test('the budget is 500 KB main, 400 KB per subpackage, 1.5 MB in all', () => {
    expect(BUDGET).toEqual({ main: 500 * 1024, subpackage: 400 * 1024, total: 1.5 * 1024 * 1024 });
  });

  test('packOptions.ignore rules', () => {
    expect(isIgnored('a/b.map', [{ type: 'suffix', value: '.map' }])).toBe(true);
    expect(isIgnored('docs/x.md', [{ type: 'folder', value: 'docs' }])).toBe(true);
    expect(isIgnored('docsx/x.md', [{ type: 'folder', value: 'docs/' }])).toBe(false);
    expect(isIgnored('a/b/c.txt', [{ type: 'glob', value: '**/*.txt' }])).toBe(true);
    expect(isIgnored('a/b/c.js', [{ type: 'glob', value: '**/*.txt' }])).toBe(false);
    expect(isIgnored('x/readme.md', [{ type: 'prefix', value: 'readme' }])).toBe(true);
  });

  test('npm run size exits 1 over budget, 0 within, 2 without a build', () => {
    const run = (dir: string) => spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/size/size.ts', '--dir', dir], { cwd: root, encoding: 'utf8' });
    const over = run(fixture('cli-over', { 'app.js': BUDGET.main + 10 }));
    expect(over.status).toBe(1);
    expect(over.stdout).toContain('✗ 超出预算：main');
    const ok = run(fixture('cli-ok', { 'app.js': 100 }));
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/包 package\s+文件 files\s+字节 bytes/);
    expect(run(path.join(tmp, 'nothing')).status).toBe(2);
  });
});

test('H5 JavaScript: the entry files and the chunks its map names, not leftovers of an older build', () => {
  const dir = path.join(tmp, 'h5');
  fs.mkdirSync(path.join(dir, 'js'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), '<script defer="defer" src="/js/app.aaaaaaaa.js"></script>');
  fs.writeFileSync(path.join(dir, 'js/app.aaaaaaaa.js'), 'var m={1:"bbbbbbbb"};');
  fs.writeFileSync(path.join(dir, 'js/1.bbbbbbbb.js'), 'x'.repeat(100));
  fs.writeFileSync(path.join(dir, 'js/1.cccccccc.js'), 'x'.repeat(1000));
  expect(h5Js(dir)).toEqual({ initial: { files: 1, bytes: 21 }, all: { files: 2, bytes: 121 } });
  expect(h5Js(path.join(tmp, 'no-h5'))).toBeNull();
});

describe('app.json rules', () => {
  test('a well-formed app.json passes, and the built pages are checked', () => {
    expect(appJsonProblems(goodApp)).toEqual([]);
    const dir = fixture('pages', { 'pages/home/index.js': 'x', 'pages/home/index.json': '{}', 'pages/home/index.wxml': '' });
    const missing = appJsonProblems(goodApp, dir);
    expect(missing).toContain(`page pages/me/index: pages/me/index.js missing in ${dir}`);
    expect(missing).toContain(`page packages/quiz/pages/take/index: packages/quiz/pages/take/index.wxml missing in ${dir}`);
  });

  test('each rule can fail', () => {
    const p = (over: object) => appJsonProblems({ ...goodApp, ...over }).join('\n');
    expect(p({ tabBar: { list: [{ pagePath: 'packages/quiz/pages/take/index' }] } })).toMatch(/tab page packages\/quiz\/pages\/take\/index must be in the main package/);
    expect(p({ pages: [...goodApp.pages, 'pages/about/index'] })).toMatch(/pages\/about\/index is not a tab page/);
    expect(p({ subPackages: [{ root: 'packages/a', pages: ['pages/x'] }, { root: 'packages/a/b', pages: ['pages/y'] }] })).toMatch(/overlap/);
    expect(p({ subPackages: [{ root: 'packages/a', pages: ['packages/a/pages/x'] }] })).toMatch(/relative to its root/);
    expect(p({ __usePrivacyCheck__: undefined })).toMatch(/__usePrivacyCheck__/);
    expect(p({ lazyCodeLoading: undefined })).toMatch(/lazyCodeLoading/);
  });

  test('the source app.config.ts follows them', () => {
    const app = sourceAppConfig(path.join(root, 'miniprogram/src/app.config.ts'), 'weapp');
    expect(appJsonProblems(app)).toEqual([]);
  });
});

describe('source rules', () => {
  const src = (text: string) => [{ rel: 'x.tsx', text }];

  test('deprecated user-info APIs are found, in code but not in comments', () => {
    expect(deprecatedApiUses(src('Taro.getUserProfile({ desc: "x" })'))).toEqual(['x.tsx: getUserProfile']);
    expect(deprecatedApiUses(src('wx.getUserInfo()'))).toEqual(['x.tsx: getUserInfo']);
    expect(deprecatedApiUses(src('<Button openType="getUserInfo" />'))).toContain('x.tsx: getUserInfo');
    expect(deprecatedApiUses(src('// never call getUserProfile\n/* nor getUserInfo */ const a = 1;'))).toEqual([]);
    expect(stripComments('const url = "http://x"; // c')).toBe('const url = "http://x"; ');
  });

  test('privacy interfaces are mapped to the information type to declare', () => {
    expect([...privacyUses(src('Taro.setClipboardData({ data: "12348" })')).keys()]).toEqual(['剪切板']);
    expect([...privacyUses(src('<Button openType="chooseAvatar" /><Input type="nickname" />')).keys()]).toEqual(['昵称、头像']);
    expect([...privacyUses(src('Taro.saveImageToPhotosAlbum({ filePath })')).keys()]).toEqual(['相册（仅写入）']);
    expect(locationApiUses(src('Taro.getLocation({ type: "gcj02" })'))).toEqual(['getLocation']);
  });

  const files = readSources(path.join(root, 'miniprogram/src'));

  test('the mini-program uses no deprecated API (avatar/nickname only via chooseAvatar / type="nickname")', () => {
    expect(files.length).toBeGreaterThan(10);
    expect(deprecatedApiUses(files)).toEqual([]);
  });

  test('docs/privacy.md declares exactly the privacy interfaces the source uses, and location APIs are in requiredPrivateInfos', () => {
    const doc = fs.readFileSync(path.join(root, 'docs/privacy.md'), 'utf8');
    const line = /\*\*使用的隐私接口\*\*：(.+)/.exec(doc)?.[1].trim();
    expect(line).toBeDefined();
    const declared = line === '无' ? [] : line!.split('，').map((s) => s.trim());
    for (const d of declared) expect(PRIVACY_APIS.map((p) => p.info)).toContain(d);
    const used = privacyUses(files);
    expect(Object.fromEntries([...used].map(([info, where]) => [info, where]))).toEqual(Object.fromEntries(declared.map((d) => [d, used.get(d) ?? 'declared but not used'])));
    const app = sourceAppConfig(path.join(root, 'miniprogram/src/app.config.ts'), 'weapp') as { requiredPrivateInfos?: string[] };
    for (const api of locationApiUses(files)) expect(app.requiredPrivateInfos ?? []).toContain(api);
  });

  test('docs/privacy.md says which data is processed and why', () => {
    const doc = fs.readFileSync(path.join(root, 'docs/privacy.md'), 'utf8');
    for (const term of ['OPENID', '村', '答题', '用途', '保存', '__usePrivacyCheck__']) expect(doc).toContain(term);
    for (const p of PRIVACY_APIS) expect(p.info.length).toBeGreaterThan(1);
  });

  test('the mini-program never imports content/ (lessons and questions come from the functions)', () => {
    for (const f of files) expect(`${f.rel}: ${/from\s+['"][^'"]*\bcontent\/|require\(['"][^'"]*\bcontent\/|\.(ya?ml|md)['"]/.test(f.text) ? 'imports content' : 'ok'}`).toBe(`${f.rel}: ok`);
  });
});

describe('content scan', () => {
  test('finds a passage, also when written as \\u escapes', () => {
    const needle = { source: 'lesson x', text: '村里的张大爷被人打伤想讨个说法' };
    const plain = fixture('leak1', { 'a.js': `var s="${needle.text}"` });
    expect(contentInBuild(plain, [needle])).toEqual([`a.js: lesson x「${needle.text}」`]);
    const escaped = [...needle.text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    expect(decodeEscapes(escaped)).toBe(needle.text);
    expect(contentInBuild(fixture('leak2', { 'b.js': `var s="${escaped}"` }), [needle])).toHaveLength(1);
    expect(contentInBuild(fixture('leak3', { 'c.js': 'var s="首页"' }), [needle])).toEqual([]);
  });
});

describe('project.config.json', () => {
  const cfg = JSON.parse(fs.readFileSync(path.join(root, 'project.config.json'), 'utf8'));

  test('DevTools opens the root: the mini-program is dist/weapp, the deployable functions dist/cloudfunctions', () => {
    expect(cfg.compileType).toBe('miniprogram');
    expect(cfg.miniprogramRoot).toBe('dist/weapp/');
    expect(cfg.cloudfunctionRoot).toBe('dist/cloudfunctions/');
    const rc = JSON.parse(fs.readFileSync(path.join(root, 'cloudbaserc.json'), 'utf8'));
    expect(path.resolve(root, rc.functionRoot)).toBe(path.resolve(root, cfg.cloudfunctionRoot));
  });

  test('no real app id in the repository (TARO_APP_ID → project.private.config.json, git-ignored)', () => {
    expect(cfg.appid).toBe('touristappid');
    const check = spawnSync('git', ['check-ignore', '-q', 'project.private.config.json'], { cwd: root });
    expect(check.status).toBe(0);
    expect(spawnSync('git', ['check-ignore', '-q', '.env'], { cwd: root }).status).toBe(0);
  });

  test('Taro output is used as built: no second ES6 transform, source maps not uploaded', () => {
    expect(cfg.setting.es6).toBe(false);
    expect(cfg.packOptions.ignore).toEqual(expect.arrayContaining([{ type: 'suffix', value: '.map' }]));
  });
});
