/**
 * `npm ci` refuses a lock file in which an optional dependency has no entry ("Missing: … from lock file").
 * @tarojs/binding 4.2.1 names platform packages that were never published (darwin, win32, linux-arm64);
 * `npm install` leaves them out of the lock, so they are kept as platform-limited stub entries there, which
 * npm ci skips on other platforms. This test fails if a lock rewrite drops them again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const lock = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package-lock.json'), 'utf8')) as {
  packages: Record<string, { optionalDependencies?: Record<string, string>; os?: string[] }>;
};

it('has an entry for every optional dependency, so npm ci accepts the lock', () => {
  const missing: string[] = [];
  for (const [where, pkg] of Object.entries(lock.packages)) {
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) {
      // Resolution walks up from the depending package's folder, as npm does.
      const base = where ? `${where}/node_modules/${dep}` : `node_modules/${dep}`;
      let found = Boolean(lock.packages[base]);
      for (let dir = where; !found && dir; ) {
        const up = dir.lastIndexOf('/node_modules/');
        dir = up >= 0 ? dir.slice(0, up) : '';
        found = Boolean(lock.packages[dir ? `${dir}/node_modules/${dep}` : `node_modules/${dep}`]);
      }
      if (!found) missing.push(`${dep} (optional dependency of ${where || 'the project'})`);
    }
  }
  expect(missing).toEqual([]);
});

it('keeps the unpublished Taro binding stubs limited to their platforms', () => {
  for (const name of ['darwin-arm64', 'darwin-x64', 'linux-arm64-gnu', 'win32-x64-msvc']) {
    expect(lock.packages[`node_modules/@tarojs/binding-${name}`]?.os?.length).toBe(1);
  }
});

it('node_modules is never tracked by git (a committed worktree link replaces the installed packages on checkout)', () => {
  const tracked = execFileSync('git', ['ls-files', '--', 'node_modules'], { cwd: path.resolve(__dirname, '../..'), encoding: 'utf8' });
  expect(tracked.trim()).toBe('');
});
