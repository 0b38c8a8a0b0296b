/**
 * The harness can fail: a copy of dist/weapp is broken in each way WeChat would show on a phone, and the
 * harness reports it on the page concerned; the same pages of the unbroken build open cleanly.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { weappDir } from '../shared/appBuild';
import { MiniProgram, type Problem } from './miniProgram';
import { staticProblems } from './staticChecks';
import { useWeappEnvironment } from './testEnvironment';

const weapp = useWeappEnvironment();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pufa-weapp-broken-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const LEARN = 'pages/learn/index';
const ME = 'pages/me/index';
const READER = 'packages/lesson/pages/reader/index';

function edit(dir: string, rel: string, fn: (s: string) => string) {
  const file = path.join(dir, rel);
  const before = fs.readFileSync(file, 'utf8');
  const after = fn(before);
  if (after === before) throw new Error(`the edit changed nothing in ${rel}`);
  fs.writeFileSync(file, after);
}

/** Runs `code` at the start of the page's onLoad (wrapping the definition the page passes to Page()). */
const onLoadRuns = (code: string) => (js: string) => js.replace(/Page\(([A-Za-z_$][\w$]*)\)/, (_m, v: string) => `Page((function(d){var o=d.onLoad;d.onLoad=function(q){${code};return o.call(this,q)};return d})(${v}))`);

function brokenCopy(name: string, breakIt: (dir: string) => void): string {
  const dir = path.join(tmp, name);
  fs.cpSync(weappDir, dir, { recursive: true });
  breakIt(dir);
  return dir;
}

async function open(dir: string, route: string): Promise<{ mp: MiniProgram; problems: Problem[] }> {
  const mp = await MiniProgram.launch({ dir, serverUrl: weapp.env().url, path: route });
  try {
    await mp.idle();
  } finally {
    mp.close();
  }
  return { mp, problems: mp.problems };
}

const lessonId = async () => {
  const r = await fetch(`${weapp.env().url}/api/fn/resident`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'getHome', input: {} }) });
  return ((await r.json()) as { data: { lawGroups: { lessons: { id: string }[] }[] } }).data.lawGroups[0]!.lessons[0]!.id;
};

test('control: the unbroken build opens these pages without a problem', async () => {
  const id = await lessonId();
  for (const route of [LEARN, ME, `${READER}?id=${id}`]) {
    const [p, q] = route.split('?');
    const mp = await MiniProgram.launch({ dir: weappDir, serverUrl: weapp.env().url, path: p, query: q ? { id } : {} });
    await mp.idle();
    mp.close();
    expect({ route, problems: mp.problems }).toEqual({ route, problems: [] });
  }
});

test('a page that throws on load', async () => {
  const dir = brokenCopy('throws', (d) => edit(d, `${LEARN}.js`, onLoadRuns('throw new Error("学法页故意出错")')));
  const { problems } = await open(dir, LEARN);
  expect(problems).toContainEqual({ kind: 'script', page: LEARN, message: expect.stringMatching(/pages\/learn\/index onLoad: Error: 学法页故意出错/) });
});

test('a call to a wx API that WeChat does not have (undefined, as on a phone)', async () => {
  const dir = brokenCopy('no-such-api', (d) => edit(d, `${ME}.js`, onLoadRuns('wx.getUserProfileSilently({})')));
  const { problems } = await open(dir, ME);
  expect(problems).toContainEqual({ kind: 'script', page: ME, message: expect.stringContaining('wx.getUserProfileSilently is not a function') });
});

test('a call to a real wx API the harness does not emulate is reported, not silently answered', async () => {
  const dir = brokenCopy('unemulated', (d) => edit(d, `${ME}.js`, onLoadRuns('wx.getLocation({type:"gcj02",fail:function(){}})')));
  const { problems } = await open(dir, ME);
  expect(problems).toContainEqual({ kind: 'unemulated', page: ME, message: expect.stringContaining('wx.getLocation is not emulated') });
});

test('use of localStorage (there is none in WeChat’s logic layer)', async () => {
  const dir = brokenCopy('local-storage', (d) => edit(d, `${READER}.js`, onLoadRuns('localStorage.setItem("k","v")')));
  const mp = await MiniProgram.launch({ dir, serverUrl: weapp.env().url, path: READER, query: { id: await lessonId() } });
  await mp.idle();
  mp.close();
  expect(mp.problems).toContainEqual({ kind: 'script', page: READER, message: expect.stringContaining("Cannot read properties of undefined (reading 'setItem')") });
});

test('a missing subpackage chunk', async () => {
  const chunk = fs.readdirSync(path.join(weappDir, 'packages/lesson/sub-common'))[0]!;
  const dir = brokenCopy('missing-chunk', (d) => fs.rmSync(path.join(d, 'packages/lesson/sub-common', chunk)));
  const { problems } = await open(dir, READER);
  expect(problems).toContainEqual({ kind: 'load', page: null, message: expect.stringContaining(`module "packages/lesson/sub-common/${chunk}" is not defined`) });
});

test('a main-package page that requires a subpackage file', async () => {
  const dir = brokenCopy('cross-package', (d) => edit(d, `${ME}.js`, (js) => `require("../../packages/staff/sub-vendors.js");${js}`));
  const { problems } = await open(dir, ME);
  expect(problems).toContainEqual({ kind: 'load', page: null, message: expect.stringContaining('the main package and cannot require a file of subpackage packages/staff') });
});

test('a stylesheet WeChat rejects', () => {
  const dir = brokenCopy('wxss', (d) => fs.appendFileSync(path.join(d, 'packages/staff/sub-vendors.wxss'), '\n.row > * { flex: 1 1 260px; }\n'));
  const problems = staticProblems(dir).filter((p) => p.kind === 'wxss');
  expect(problems.map((p) => p.message).join('\n')).toMatch(/packages\/staff\/sub-vendors\.wxss.*error at token `\*`/);
  expect(staticProblems(weappDir)).toEqual([]);
});
