/**
 * `npm run deploy -- --env <envId> [--dry-run] [--only <fn,fn>] [--skip-content] [--allow-salt-change]`
 *
 * Builds every function (bundle.ts), then deploys it to the CloudBase environment <envId> with the settings
 * of cloudfunctions/functions.ts; creates the collections and indexes of cloudfunctions/shared/collections.ts
 * (the declaration the local cloud uses); sets every collection's security rule so that clients can neither
 * read nor write (all access goes through the functions); and syncs content/ (content-compiler/sync.ts).
 *
 *   --dry-run            print the whole plan and stop: no network, nothing changed. Exit 0 = the plan can
 *                        run, 2 = a real deploy would stop (the reasons are listed).
 *   --only a,b           deploy only these functions (hotfix, rollback); database, rules and content untouched.
 *   --skip-content       everything but the content sync.
 *   --allow-salt-change  deploy even though PUFA_PERSON_SALT or PUFA_CERT_SECRET differs from the deployed one (never, once live).
 *
 * Settings come from the shell or the git-ignored .env (see .env.example); credentials from
 * TENCENTCLOUD_SECRETID/SECRETKEY or `tcb login` (credentials.ts), never from the repository.
 */
import { spawnSync } from 'node:child_process';
import { functions as registry } from '../../cloudfunctions/functions';
import { collections } from '../../cloudfunctions/shared/collections';
import { formatIssue } from '../../content-compiler/library';
import { runCheck } from '../../content-compiler/check';
import { defaultPaths } from '../../content-compiler/library';
import { toDocuments, type ContentDocs } from '../../content-compiler/toDocuments';
import { bundleFunctions, defaultOutDir } from './bundle';
import { findCredentials } from './credentials';
import { loadDotEnv, parseArgs, repoRoot } from './env';
import { UsageError } from '../shared/cliArgs';
import { buildPlan, formatPlan, type ContentPlan, type Plan } from './plan';

export function gitCommit(cwd = repoRoot): string {
  const rev = spawnSync('git', ['rev-parse', '--short=10', 'HEAD'], { cwd, encoding: 'utf8' });
  if (rev.status !== 0) return 'unknown';
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd, encoding: 'utf8' });
  return `${rev.stdout.trim()}${dirty.stdout.trim() ? '+未提交改动' : ''}`;
}

/** Content check (as content:check) and the documents sync would write. */
export function planContent(): { plan: ContentPlan; docs: ContentDocs } {
  const report = runCheck(defaultPaths());
  const docs = toDocuments(report.library);
  const errors = report.errors.filter((i) => i.code !== 'laws-dir-missing').map(formatIssue);
  return {
    docs,
    plan: {
      counts: { laws: docs.laws.length, lessons: docs.lessons.length, questions: docs.questions.length, campaigns: docs.campaigns.length, settings: docs.town ? 1 : 0 },
      errors: errors.slice(0, 20).concat(errors.length > 20 ? [`……共 ${errors.length} 个错误（npm run content:check）`] : []),
      lawTextsAvailable: report.lawTextsAvailable,
    },
  };
}

export interface DeployArgs {
  envId: string;
  dryRun: boolean;
  only?: string[];
  skipContent: boolean;
  allowSaltChange: boolean;
}

export function parseDeployArgs(argv: string[]): DeployArgs {
  const usage = 'npm run deploy -- --env <envId> [--dry-run] [--only <fn,fn>] [--skip-content] [--allow-salt-change]';
  const a = parseArgs(argv, { values: ['env', 'only'], flags: ['dry-run', 'skip-content', 'allow-salt-change'] }, usage);
  if (a.positional.length) throw new UsageError(`多余的参数 ${a.positional[0]} / unexpected argument ${a.positional[0]}`, usage);
  const only = a.values.only?.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = (only ?? []).filter((n) => !registry.some((d) => d.name === n));
  if (unknown.length) throw new Error(`--only: not in cloudfunctions/functions.ts: ${unknown.join(', ')}`);
  return { envId: a.values.env ?? '', dryRun: a.flags.has('dry-run'), only: only?.length ? only : undefined, skipContent: a.flags.has('skip-content'), allowSaltChange: a.flags.has('allow-salt-change') };
}

/** Bundles and plans (offline). */
export async function preparePlan(args: DeployArgs, env: NodeJS.ProcessEnv = process.env): Promise<{ plan: Plan; docs: ContentDocs | null }> {
  const bundles = await bundleFunctions({ only: args.only });
  const content = args.only || args.skipContent ? null : planContent();
  const credentials = findCredentials(env);
  const plan = buildPlan({
    envId: args.envId,
    commit: gitCommit(),
    declarations: registry,
    bundles,
    collections,
    content: content?.plan ?? null,
    credentials: { source: credentials.source, problem: credentials.problem },
    env,
    only: args.only,
    clientEnvId: env.TARO_APP_CLOUD_ENV?.trim() || undefined,
  });
  return { plan, docs: content?.docs ?? null };
}

async function main() {
  loadDotEnv();
  const args = parseDeployArgs(process.argv.slice(2));
  const { plan, docs } = await preparePlan(args);
  console.log(formatPlan(plan, args.dryRun));
  if (args.dryRun) process.exit(plan.blockers.length ? 2 : 0);
  if (plan.blockers.length) process.exit(1);
  const credentials = findCredentials(process.env).credentials!;
  const { executePlan } = await import('./execute');
  await executePlan({ plan, credentials, functionRoot: defaultOutDir, env: process.env, allowSaltChange: args.allowSaltChange, contentDocs: docs });
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`\n✗ ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
