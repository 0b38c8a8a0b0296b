/**
 * Executes a deploy plan (plan.ts) against a CloudBase environment with @cloudbase/manager-node, in this
 * order: preflight (nothing changed yet) → collections and indexes → security rules → functions (+ health
 * call) → content sync. Every step is idempotent, so a deploy that stopped half-way is simply run again.
 *
 * Not exercised offline (no network in CI): everything here talks to Tencent Cloud. The pure decisions it
 * relies on (index changes, salt guard, rule check, manager-node parameter shapes) are exported and tested.
 */
import CloudBase from '@cloudbase/manager-node';
import { functions as registry, type FunctionDeclaration } from '../../cloudfunctions/functions';
import { adminApp } from '../shared/adminApp';
import type { ContentDocs } from '../../content-compiler/toDocuments';
import { describeSync, syncContent } from '../../content-compiler/sync';
import type { Credentials } from './credentials';
import { resolvedEnv, type Plan, type PlannedFunction, type PlannedIndex, type PlannedRule } from './plan';

export const SALT_VARIABLE = 'PUFA_PERSON_SALT';
/**
 * Secrets that must never change once residents have data, and what a change would break: the pseudonym salt
 * (every resident's history) and the certificate key (every issued certificate would verify as 无效).
 */
export const FIXED_SECRETS: Record<string, string> = {
  [SALT_VARIABLE]: '换盐会让所有居民的参与记录对不上',
  PUFA_CERT_SECRET: '换密钥会让已发的电子证书全部查验为“无效”',
};

// ---------------------------------------------------------------------------------------------
// Pure decisions (tested)
// ---------------------------------------------------------------------------------------------

export interface ExistingIndex {
  Name: string;
  Unique?: boolean;
  Keys?: { Name?: string; Direction?: string }[];
}

function sameIndex(want: PlannedIndex, have: ExistingIndex): boolean {
  const keys = have.Keys ?? [];
  return (
    Boolean(have.Unique) === want.unique &&
    keys.length === want.keys.length &&
    want.keys.every((k, i) => keys[i]?.Name === k.name && String(keys[i]?.Direction) === k.direction)
  );
}

/** Which declared indexes to create and which existing ones to drop first (same name, other fields). */
export function indexChanges(declared: PlannedIndex[], existing: ExistingIndex[]): { create: PlannedIndex[]; drop: string[]; undeclared: string[] } {
  const byName = new Map(existing.map((i) => [i.Name, i]));
  const create: PlannedIndex[] = [];
  const drop: string[] = [];
  for (const want of declared) {
    const have = byName.get(want.name);
    if (!have) create.push(want);
    else if (!sameIndex(want, have)) {
      drop.push(want.name);
      create.push(want);
    }
  }
  const declaredNames = new Set(declared.map((d) => d.name));
  const undeclared = existing.map((i) => i.Name).filter((n) => n !== '_id_' && !declaredNames.has(n));
  return { create, drop, undeclared };
}

/** manager-node `updateCollection(name, { CreateIndexes })` item for one declared index. */
export function toCreateIndex(index: PlannedIndex) {
  return {
    IndexName: index.name,
    MgoKeySchema: { MgoIsUnique: index.unique, MgoIndexKeys: index.keys.map((k) => ({ Name: k.name, Direction: k.direction })) },
  };
}

/** The tcb API 2018-06-08 `ModifySafeRule` request for one collection. */
export function toModifySafeRule(envId: string, rule: PlannedRule) {
  return { Action: 'ModifySafeRule', Param: { EnvId: envId, CollectionName: rule.collection, AclTag: rule.aclTag, Rule: JSON.stringify(rule.rule) } };
}

/** Whether DescribeSafeRule's answer is the planned rule. */
export function ruleMatches(rule: PlannedRule, described: { AclTag?: string; Rule?: string | null }): boolean {
  if (described.AclTag !== rule.aclTag || !described.Rule) return false;
  try {
    const got = JSON.parse(described.Rule) as Record<string, unknown>;
    const want = rule.rule as Record<string, unknown>;
    const keys = new Set([...Object.keys(got), ...Object.keys(want)]);
    return [...keys].every((k) => got[k] === want[k]);
  } catch {
    return false;
  }
}

/**
 * A fixed secret (FIXED_SECRETS: the pseudonym salt, the certificate key) must never change once residents have
 * data. Given the value each deployed function has (undefined = function absent or variable unset) and the value
 * about to be deployed, the problem, if any.
 */
export function saltProblem(deployed: Record<string, string | undefined>, local: string | undefined, variable = SALT_VARIABLE): string | null {
  const values = Object.entries(deployed).filter((e): e is [string, string] => Boolean(e[1]));
  const distinct = new Set(values.map(([, v]) => v));
  if (distinct.size > 1) return `已部署的云函数 ${variable} 不一致（${values.map(([n]) => n).join('、')}）：请先在控制台核对，统一为最初的值`;
  const [current] = [...distinct];
  if (current && local && current !== local) {
    return `本地 ${variable} 与云端已部署的不同：${FIXED_SECRETS[variable] ?? '上线后不能更换'}。请把 .env 的 ${variable} 改回云端的值（控制台 → 云函数 → 配置 → 环境变量）`;
  }
  return null;
}

/** manager-node createFunction `func` for one planned function. */
export function toCloudFunction(f: PlannedFunction, envVariables: Record<string, string>, commit: string) {
  return {
    name: f.name,
    description: `${f.description}（${commit}）`.slice(0, 1000),
    runtime: f.runtime,
    handler: f.handler,
    timeout: f.timeout,
    memorySize: f.memorySize,
    installDependency: f.installDependency,
    envVariables,
    triggers: f.config.triggers,
    ignore: [] as string[],
  };
}

// ---------------------------------------------------------------------------------------------
// Execution (network)
// ---------------------------------------------------------------------------------------------

export interface ExecuteOptions {
  plan: Plan;
  credentials: Credentials;
  functionRoot: string;
  env: NodeJS.ProcessEnv;
  allowSaltChange?: boolean;
  /** The documents of the content plan (deploy.ts planContent). */
  contentDocs: ContentDocs | null;
  declarations?: FunctionDeclaration[];
  log?: (line: string) => void;
}

interface FunctionDetail {
  Runtime?: string;
  Environment?: { Variables?: { Key: string; Value: string }[] };
}

async function functionDetail(manager: CloudBase, name: string): Promise<FunctionDetail | null> {
  try {
    return (await manager.functions.getFunctionDetail(name)) as unknown as FunctionDetail;
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('ResourceNotFound')) return null;
    throw error;
  }
}

export async function executePlan(options: ExecuteOptions): Promise<void> {
  const { plan, credentials, env } = options;
  const log = options.log ?? console.log;
  const declarations = options.declarations ?? registry;
  if (plan.blockers.length) throw new Error(`plan has blockers:\n${plan.blockers.join('\n')}`);
  const manager = new CloudBase({ secretId: credentials.secretId, secretKey: credentials.secretKey, token: credentials.sessionToken, envId: plan.envId });

  // Preflight: read-only.
  log('· 预检：读取已部署的云函数配置');
  const deployedSecrets: Record<string, Record<string, string | undefined>> = Object.fromEntries(Object.keys(FIXED_SECRETS).map((k) => [k, {}]));
  for (const d of declarations) {
    const detail = await functionDetail(manager, d.name);
    for (const variable of Object.keys(FIXED_SECRETS)) deployedSecrets[variable][d.name] = detail?.Environment?.Variables?.find((v) => v.Key === variable)?.Value;
    const planned = plan.functions.find((f) => f.name === d.name);
    if (detail && planned && detail.Runtime && detail.Runtime !== planned.runtime) {
      log(`  ⚠ ${d.name} 已用运行时 ${detail.Runtime} 创建（运行时创建后不能改）；代码按 ${planned.runtime} 构建，如需更换请在控制台删除该函数后重新部署`);
    }
  }
  for (const variable of Object.keys(FIXED_SECRETS)) {
    const problem = saltProblem(deployedSecrets[variable], env[variable]?.trim(), variable);
    if (problem && !options.allowSaltChange) throw new Error(problem);
  }

  // Collections and indexes.
  if (plan.collections.length) log(`· 数据库集合与索引（${plan.collections.length}）`);
  for (const c of plan.collections) {
    const created = await manager.database.createCollectionIfNotExists(c.name);
    const info = await manager.database.describeCollection(c.name);
    const { create, drop, undeclared } = indexChanges(c.indexes, (info.Indexes ?? []) as ExistingIndex[]);
    if (drop.length) await manager.database.updateCollection(c.name, { DropIndexes: drop.map((IndexName) => ({ IndexName })) });
    if (create.length) await manager.database.updateCollection(c.name, { CreateIndexes: create.map(toCreateIndex) });
    const what = [created.IsCreated ? '新建' : '已有', create.length ? `建索引 ${create.map((i) => i.name).join(', ')}` : '', drop.length ? `重建 ${drop.join(', ')}` : ''].filter(Boolean).join('，');
    log(`  ✓ ${c.name}：${what}${undeclared.length ? `（云端另有未声明的索引 ${undeclared.join(', ')}，保留）` : ''}`);
  }

  // Security rules.
  if (plan.rules.length) log(`· 安全规则（${plan.rules.length}）`);
  const tcbApi = manager.commonService('tcb', '2018-06-08');
  for (const r of plan.rules) {
    await tcbApi.call(toModifySafeRule(plan.envId, r));
    try {
      const described = (await tcbApi.call({
        Action: 'DescribeSafeRule',
        Param: { EnvId: plan.envId, CollectionName: r.collection, ...(env.TARO_APP_ID ? { WxAppId: env.TARO_APP_ID } : {}) },
      })) as { AclTag?: string; Rule?: string };
      if (!ruleMatches(r, described)) throw new Error(`${r.collection}: 安全规则读回来是 ${described.AclTag} ${described.Rule ?? ''}，不是计划的规则`);
      log(`  ✓ ${r.collection}：${r.aclTag} ${JSON.stringify(r.rule)}（已读回核对）`);
    } catch (error) {
      if (String((error as Error).message).includes('不是计划的规则')) throw error;
      log(`  ✓ ${r.collection}：已设置（读回核对失败：${(error as Error).message}）`);
    }
  }

  // Functions.
  log(`· 云函数（${plan.functions.length}）`);
  for (const f of plan.functions) {
    const decl = declarations.find((d) => d.name === f.name)!;
    const vars = resolvedEnv(decl, env);
    await manager.functions.createFunction({ func: toCloudFunction(f, vars, plan.commit), functionRootPath: options.functionRoot, force: true });
    const res = await manager.functions.invokeFunction(f.name, { action: 'health' });
    let ok = false;
    try {
      ok = (JSON.parse(res.RetMsg) as { ok?: boolean }).ok === true;
    } catch {
      ok = false;
    }
    if (!ok) throw new Error(`${f.name} 已部署，但 health 调用没有返回 ok:true：${res.ErrMsg || res.RetMsg}\n日志：${res.Log ?? ''}\n回滚见 docs/go-live.md「回滚云函数」`);
    log(`  ✓ ${f.name}：已部署（${f.runtime}，${f.timeout} 秒，${f.memorySize} MB），health 正常`);
  }

  // Content.
  if (plan.content && options.contentDocs) {
    log('· 内容同步');
    // adminApp (scripts/shared/adminApp.ts) reads the key from the environment; hand it the one deploy uses.
    process.env.TENCENTCLOUD_SECRETID = credentials.secretId;
    process.env.TENCENTCLOUD_SECRETKEY = credentials.secretKey;
    if (credentials.sessionToken) process.env.TENCENTCLOUD_SESSIONTOKEN = credentials.sessionToken;
    else delete process.env.TENCENTCLOUD_SESSIONTOKEN;
    const summary = await syncContent(adminApp(plan.envId).database(), options.contentDocs);
    log(`  ✓ ${describeSync(summary)}`);
  }
  log('完成。');
}
