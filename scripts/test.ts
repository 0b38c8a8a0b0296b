/**
 * `npm test`: type-check, lint, content check, the weapp build when stale, jest (unit, integration against a
 * local cloud, components, the headless WeChat harness of scripts/weapp/),
 * then browser tests in Debian's Chromium against the production H5 build served by the local server.
 * Every step runs; the last line counts passed and failed checks, and the exit code is non-zero on any failure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ensureH5Build, ensureWeappBuild, repoRoot } from './shared/appBuild';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const artifacts = path.join(repoRoot, '.artifacts');
fs.mkdirSync(artifacts, { recursive: true });

interface Step {
  name: string;
  passed: number;
  failed: number;
  seconds: number;
}
const steps: Step[] = [];

function run(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  const t0 = Date.now();
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  steps.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, seconds: (Date.now() - t0) / 1000 });
  return ok;
}

function runJest(name: string, projects: string[]): void {
  const t0 = Date.now();
  const report = path.join(artifacts, `jest-${name}.json`);
  fs.rmSync(report, { force: true });
  console.log(`\n▶ ${name}: jest --selectProjects ${projects.join(' ')}`);
  const r = spawnSync('npx', ['jest', '--selectProjects', ...projects, '--json', `--outputFile=${report}`], { cwd: repoRoot, stdio: 'inherit', env: process.env });
  let passed = 0;
  let failed = r.status === 0 ? 0 : 1;
  if (fs.existsSync(report)) {
    const json = JSON.parse(fs.readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numTotalTests: number; numRuntimeErrorTestSuites: number; success: boolean };
    passed = json.numPassedTests;
    failed = json.numFailedTests + json.numRuntimeErrorTestSuites + (json.success || json.numFailedTests ? 0 : r.status === 0 ? 0 : 1);
    if (json.numTotalTests === 0) failed = Math.max(failed, 1);
  }
  steps.push({ name, passed, failed, seconds: (Date.now() - t0) / 1000 });
}

const t0 = Date.now();
run('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
run('lint', 'npx', ['eslint', '.']);
run('content', 'npx', ['tsx', 'content-compiler/check.ts']);
// The weapp harness tests (scripts/weapp/) run the production weapp build: build it once, before jest starts.
try {
  ensureWeappBuild();
} catch (error) {
  console.error(error);
  steps.push({ name: 'weapp build', passed: 0, failed: 1, seconds: 0 });
}
runJest('jest', ['node', 'components']);

if (!fs.existsSync(CHROMIUM)) {
  console.error(`\n✗ browser tests need Chromium at ${CHROMIUM}. Install it with:\n    sudo apt-get install -y chromium fonts-noto-cjk\n  (or set CHROMIUM_PATH).`);
  steps.push({ name: 'browser', passed: 0, failed: 1, seconds: 0 });
} else {
  try {
    ensureH5Build();
    runJest('browser', ['browser']);
  } catch (error) {
    console.error(error);
    steps.push({ name: 'browser', passed: 0, failed: 1, seconds: 0 });
  }
}

console.log('\n── summary ─────────────────────────────');
for (const s of steps) console.log(`${s.failed ? '✗' : '✓'} ${s.name.padEnd(10)} ${String(s.passed).padStart(4)} passed ${String(s.failed).padStart(3)} failed  ${s.seconds.toFixed(1)} s`);
const passed = steps.reduce((n, s) => n + s.passed, 0);
const failed = steps.reduce((n, s) => n + s.failed, 0);
console.log(`wall time ${((Date.now() - t0) / 1000).toFixed(1)} s`);
console.log(`Tests: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
