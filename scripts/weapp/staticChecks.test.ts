/**
 * Static checks of the production weapp build (built here when stale): the real build passes, and a copy broken
 * in each way WeChat would refuse is reported.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureWeappBuild, weappDir } from '../shared/appBuild';
import { staticProblems } from './staticChecks';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pufa-weapp-static-'));
beforeAll(() => ensureWeappBuild(() => {}), 300_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function brokenCopy(name: string, breakIt: (dir: string) => void): string {
  const dir = path.join(tmp, name);
  fs.cpSync(weappDir, dir, { recursive: true });
  breakIt(dir);
  return dir;
}
const edit = (file: string, fn: (s: string) => string) => fs.writeFileSync(file, fn(fs.readFileSync(file, 'utf8')));

test('the build passes every static check, wcsc over every .wxss included (breakage.test.ts breaks a stylesheet)', () => {
  expect(staticProblems(weappDir)).toEqual([]);
});

test('missing page files, a missing subpackage root, a bad tabBar, preloadRule and usingComponents are reported', () => {
  const dir = brokenCopy('app', (d) => {
    fs.rmSync(path.join(d, 'pages/learn/index.wxml'));
    fs.rmSync(path.join(d, 'packages/checkin'), { recursive: true });
    edit(path.join(d, 'app.json'), (s) => {
      const app = JSON.parse(s);
      app.tabBar.list.push({ pagePath: 'pages/nowhere/index', text: '无' });
      app.preloadRule['pages/home/index'].packages.push('packages/nothing');
      return JSON.stringify(app);
    });
    edit(path.join(d, 'pages/me/index.json'), (s) => JSON.stringify({ ...JSON.parse(s), usingComponents: { comp: '../../comp', gone: '../../components/gone' } }));
  });
  const messages = staticProblems(dir).map((p) => `${p.kind}: ${p.message}`);
  expect(messages).toEqual(
    expect.arrayContaining([
      'page: page pages/learn/index: pages/learn/index.wxml is missing',
      'subpackage: subpackage root packages/checkin does not exist',
      'tabBar: tabBar page pages/nowhere/index is not a page of app.json',
      'preloadRule: preloadRule pages/home/index: package packages/nothing is not a subpackage root or name',
      expect.stringMatching(/^usingComponents: pages\/me\/index\.json: <gone> → \.\.\/\.\.\/components\/gone does not resolve/),
    ]),
  );
});
