/**
 * `npm run weapp:check`: builds dist/weapp when stale, runs its static checks, starts a local environment
 * (in memory), opens every page of app.json in the headless WeChat harness (staff pages as the demo admin) and
 * prints one row per page: first-render time, setData calls, the largest payload, the first meaningful
 * payload and every error. Ends with `N passed, N failed`; the exit code is non-zero on any failure.
 */
import { startLocalEnvironment } from '../../appserver/localEnvironment';
import { ensureWeappBuild, weappDir } from '../shared/appBuild';
import { checkAllPages, formatRows } from './checkPages';
import { staticProblems } from './staticChecks';

async function main(): Promise<number> {
  ensureWeappBuild();
  const problems = staticProblems(weappDir);
  console.log(problems.length ? `✗ static checks:\n${problems.map((p) => `  ${p.kind}: ${p.message}`).join('\n')}` : '✓ static checks (app.json, usingComponents, wcsc over every .wxss)');
  const env = await startLocalEnvironment({ port: 0, dbFile: ':memory:', allowDevSignIn: true });
  try {
    const { rows } = await checkAllPages(env, weappDir);
    console.log(formatRows(rows).replace(/ passed, (\d+) failed$/, (_m, failed: string) => ` passed, ${Number(failed) + (problems.length ? 1 : 0)} failed`));
    return rows.every((r) => r.passed) && !problems.length ? 0 : 1;
  } finally {
    await env.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
