/**
 * `npm run upload -- --version <v> --desc <text> [--dry-run] [--robot <1-30>] [--no-build]`
 *
 * Uploads the mini-program as a trial (体验版 candidate) with miniprogram-ci: builds the production weapp
 * (npm run build:weapp), checks app.json and the size budget, lets miniprogram-ci's own offline code-quality
 * scan measure the packages, then uploads. Settings from the shell or .env (see .env.example):
 *   TARO_APP_ID           the mini-program's app id (wx + 16 hex)
 *   MP_PRIVATE_KEY_PATH   the code-upload key downloaded from mp.weixin.qq.com → 开发管理 → 开发设置 (keep it
 *                         outside the repository; uploads also need this machine's IP in the key's whitelist)
 *   TARO_APP_CLOUD_ENV    the CloudBase environment the app calls (checked against the build)
 * `--dry-run` checks all of this offline and stops before the upload. Exit 0 = ready / uploaded, 2 = inputs
 * or build not acceptable (reasons printed), 1 = the upload itself failed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { loadDotEnv, parseArgs, repoRoot } from './env';
import { UsageError } from '../shared/cliArgs';
import { BUDGET, formatReport, kb, listFiles, measure, readAppJson } from '../size/measure';
import { packIgnore } from '../size/size';
import { appJsonProblems } from '../size/appRules';

export const APP_ID_RE = /^wx[0-9a-f]{16}$/;

export interface UploadArgs {
  version: string;
  desc: string;
  dryRun: boolean;
  robot: number;
  build: boolean;
}

export function parseUploadArgs(argv: string[]): UploadArgs {
  const usage = 'npm run upload -- --version <v> --desc <text> [--dry-run] [--robot <1-30>] [--no-build]';
  const a = parseArgs(argv, { values: ['version', 'desc', 'robot'], flags: ['dry-run', 'no-build'] }, usage);
  if (a.positional.length) throw new UsageError(`多余的参数 ${a.positional[0]} / unexpected argument ${a.positional[0]}`, usage);
  return {
    version: a.values.version ?? '',
    desc: a.values.desc ?? '',
    dryRun: a.flags.has('dry-run'),
    robot: a.values.robot === undefined ? 1 : Number(a.values.robot),
    build: !a.flags.has('no-build'),
  };
}

function gitTracksOrWouldAdd(file: string): boolean {
  const rel = path.relative(repoRoot, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return false;
  const ignored = spawnSync('git', ['check-ignore', '-q', rel], { cwd: repoRoot });
  return ignored.status !== 0;
}

/** Problems with the inputs (nothing is built or read beyond the key file's header). */
export function inputProblems(args: UploadArgs, env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  if (!/^\d+\.\d+\.\d+$/.test(args.version)) problems.push(`--version 要像 1.0.3（三段数字），现在是 ${JSON.stringify(args.version)}`);
  if (!args.desc.trim()) problems.push('--desc 不能为空（写这一版改了什么，审核和回看时用）');
  else if ([...args.desc].length > 100) problems.push('--desc 太长（最多 100 字）');
  if (!Number.isInteger(args.robot) || args.robot < 1 || args.robot > 30) problems.push('--robot 取 1–30');
  const appId = env.TARO_APP_ID?.trim();
  if (!appId) problems.push('TARO_APP_ID 未设置（小程序 AppID，mp.weixin.qq.com → 开发管理 → 开发设置）');
  else if (!APP_ID_RE.test(appId)) problems.push(`TARO_APP_ID 格式不对：${appId}（wx 加 16 位十六进制）`);
  const keyPath = env.MP_PRIVATE_KEY_PATH?.trim();
  if (!keyPath) problems.push('MP_PRIVATE_KEY_PATH 未设置（代码上传密钥文件的路径，见 docs/go-live.md）');
  else {
    const abs = path.resolve(repoRoot, keyPath);
    if (!fs.existsSync(abs) || !fs.statSync(abs).isFile()) problems.push(`MP_PRIVATE_KEY_PATH 指向的文件不存在：${abs}`);
    else {
      const head = fs.readFileSync(abs, 'utf8').slice(0, 200);
      if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(head)) problems.push(`${abs} 不像代码上传密钥（应以 -----BEGIN RSA PRIVATE KEY----- 开头）`);
      if (gitTracksOrWouldAdd(abs)) problems.push(`密钥文件在仓库里且没有被 .gitignore 忽略：${path.relative(repoRoot, abs)}。请移到仓库外，绝不要提交`);
    }
  }
  return problems;
}

export interface BuildCheck {
  problems: string[];
  warnings: string[];
  report: ReturnType<typeof measure>;
}

/** Checks of the built dist/weapp: app.json rules, size budget, project.config.json, cloud env. */
export function buildChecks(dir: string, env: NodeJS.ProcessEnv): BuildCheck {
  const problems: string[] = [];
  const warnings: string[] = [];
  const report = measure(dir, packIgnore());
  problems.push(...appJsonProblems(readAppJson(dir), dir));
  for (const name of report.over) problems.push(`超出体积预算：${name === 'total' ? '合计' : name}`);
  const cfg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'project.config.json'), 'utf8')) as { miniprogramRoot?: string };
  if (path.resolve(repoRoot, cfg.miniprogramRoot ?? '') !== path.resolve(dir)) problems.push(`project.config.json 的 miniprogramRoot（${cfg.miniprogramRoot}）不是 ${path.relative(repoRoot, dir)}`);
  const cloudEnv = env.TARO_APP_CLOUD_ENV?.trim();
  if (!cloudEnv) warnings.push('TARO_APP_CLOUD_ENV 未设置：小程序会调用默认云环境；建议明确设置为部署用的环境 ID');
  else {
    const built = listFiles(dir).filter((f) => f.rel.endsWith('.js')).some((f) => fs.readFileSync(path.join(dir, f.rel), 'utf8').includes(JSON.stringify(cloudEnv)));
    if (!built) problems.push(`dist/weapp 不是按 TARO_APP_CLOUD_ENV=${cloudEnv} 构建的：请重新 npm run build:weapp（或去掉 --no-build）`);
  }
  return { problems, warnings, report };
}

interface QualityItem {
  name: string;
  success: boolean;
  text: string;
  detail?: unknown;
}

async function main() {
  loadDotEnv();
  const args = parseUploadArgs(process.argv.slice(2));
  const env = process.env;
  const problems = inputProblems(args, env);
  if (problems.length) {
    console.error(`✗ 不能上传：\n${problems.map((p) => `   ✗ ${p}`).join('\n')}`);
    process.exit(2);
  }
  if (args.build) {
    console.log('构建小程序（npm run build:weapp，生产模式）…');
    const r = spawnSync('npm', ['run', '--silent', 'build:weapp'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'], env });
    if (r.status !== 0) {
      console.error('✗ 构建失败（npm run build:weapp）');
      process.exit(2);
    }
  }
  const dir = path.join(repoRoot, 'dist', 'weapp');
  const checks = buildChecks(dir, env);
  console.log(`\n${formatReport(checks.report)}\n`);

  const ci = await import('miniprogram-ci');
  const project = new ci.Project({
    appid: env.TARO_APP_ID!.trim(),
    type: 'miniProgram',
    projectPath: repoRoot,
    privateKeyPath: path.resolve(repoRoot, env.MP_PRIVATE_KEY_PATH!.trim()),
    ignores: ['node_modules/**/*'],
  });
  // miniprogram-ci's own scan (offline): WeChat's package sizes and its checks (lazy loading, unused files …).
  const quality = (await ci.checkCodeQuality(project)) as QualityItem[];
  const sizes = quality.find((q) => q.name === 'PACKAGE_SIZE_LIMIT');
  if (sizes?.detail) {
    const d = sizes.detail as Record<string, number>;
    console.log(`miniprogram-ci 计算的包大小：${Object.entries(d).map(([k, v]) => `${k === '__APP__' ? '主包' : k} ${kb(v)}`).join('，')}`);
    if ((d.__APP__ ?? 0) > BUDGET.main) checks.problems.push(`miniprogram-ci：主包 ${kb(d.__APP__)} 超出 ${kb(BUDGET.main)}`);
  }
  for (const q of quality) if (!q.success && q.name !== 'PACKAGE_SIZE_LIMIT') checks.warnings.push(`代码质量：${q.name} ${q.text}`);
  for (const w of checks.warnings) console.log(`⚠ ${w}`);
  if (checks.problems.length) {
    console.error(`\n✗ 不能上传：\n${checks.problems.map((p) => `   ✗ ${p}`).join('\n')}`);
    process.exit(2);
  }
  const what = `版本 ${args.version}「${args.desc}」，AppID ${env.TARO_APP_ID}，机器人 ${args.robot}`;
  if (args.dryRun) {
    console.log(`\n✓ 检查通过（--dry-run：没有上传）。将上传：${what}`);
    process.exit(0);
  }
  console.log(`\n上传 ${what} …`);
  const result = await ci.upload({ project, version: args.version, desc: args.desc, robot: args.robot, setting: { useProjectConfig: true } });
  const info = (result.subPackageInfo ?? []).map((s) => `${s.name === '__FULL__' ? '合计' : s.name === '__APP__' ? '主包' : s.name} ${kb(s.size)}`);
  console.log(`✓ 已上传。${info.length ? `微信计算的大小：${info.join('，')}。` : ''}到 mp.weixin.qq.com → 版本管理 设为体验版或提交审核。`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`✗ ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
