/**
 * The deploy plan: everything `npm run deploy -- --env <envId>` will do to a CloudBase environment, computed
 * offline from the repository (function registry + bundles, collections.ts, content/) and the operator's
 * environment. `--dry-run` prints it and stops; a real deploy executes exactly this plan (execute.ts).
 */
import { FUNCTION_HANDLER, FUNCTION_RUNTIME, functionEnv, type EnvValue, type FunctionDeclaration } from '../../cloudfunctions/functions';
import type { CollectionDeclaration } from '../../cloudfunctions/shared/collections';
import { formatKB, type FunctionBundle, type WxFunctionConfig } from './bundle';

/** Every collection gets this rule: no client reads or writes; functions use the admin SDK, which rules do not limit. */
export const CLIENT_DENY_RULE = { read: false, write: false } as const;

export interface PlannedEnvVariable {
  name: string;
  /** 'literal' (from the registry) or 'env' (read from the operator's environment). */
  source: 'literal' | 'env';
  from?: string;
  secret: boolean;
  /** 'set' = will be deployed, 'omitted' = optional and unset, 'missing' = required and unset (blocks), 'invalid' = too short (blocks). */
  status: 'set' | 'omitted' | 'missing' | 'invalid';
  /** The value, only for non-secret variables that are set. */
  value?: string;
}

export interface PlannedFunction {
  name: string;
  description: string;
  runtime: string;
  handler: string;
  timeout: number;
  memorySize: number;
  installDependency: boolean;
  dependencies: Record<string, string>;
  bytes: number;
  files: string[];
  env: PlannedEnvVariable[];
  config: WxFunctionConfig;
}

export interface PlannedIndex {
  name: string;
  unique: boolean;
  keys: { name: string; direction: '1' | '-1' }[];
}

export interface PlannedCollection {
  name: string;
  indexes: PlannedIndex[];
}

export interface PlannedRule {
  collection: string;
  aclTag: 'CUSTOM';
  rule: typeof CLIENT_DENY_RULE;
}

export interface ContentPlan {
  /** Documents per target collection. */
  counts: Record<'laws' | 'lessons' | 'questions' | 'campaigns' | 'settings', number>;
  errors: string[];
  lawTextsAvailable: boolean;
}

export interface Plan {
  envId: string;
  commit: string;
  functions: PlannedFunction[];
  collections: PlannedCollection[];
  rules: PlannedRule[];
  content: ContentPlan | null;
  credentials: { source: string | null; problem?: string };
  /** Problems that stop a real deploy before it changes anything. */
  blockers: string[];
  warnings: string[];
}

const ENV_ID_RE = /^[a-z][a-z0-9-]{3,63}$/;

export function envIdProblem(envId: string | undefined): string | null {
  if (!envId) return '缺少 --env <环境 ID>（云开发控制台 → 环境 ID，例如 cloud1-5gxxxxxx）';
  if (envId === 'local') return '--env local 是本地云：请用 npm start；部署需要云开发环境 ID';
  if (!ENV_ID_RE.test(envId)) return `环境 ID 格式不对：${envId}（小写字母开头，字母、数字和 -）`;
  return null;
}

export function planEnv(values: Record<string, EnvValue>, env: NodeJS.ProcessEnv): PlannedEnvVariable[] {
  return Object.entries(values).map(([name, v]) => {
    if (typeof v === 'string') return { name, source: 'literal', secret: false, status: 'set', value: v };
    const raw = env[v.fromEnv];
    const value = raw === undefined || raw.trim() === '' ? undefined : raw.trim();
    const secret = Boolean(v.secret);
    let status: PlannedEnvVariable['status'] = value === undefined ? (v.required ? 'missing' : 'omitted') : 'set';
    if (value !== undefined && v.minLength && value.length < v.minLength) status = 'invalid';
    return { name, source: 'env', from: v.fromEnv, secret, status, ...(status === 'set' && !secret ? { value } : {}) };
  });
}

/** The variables to deploy (name → value) for one planned function; throws when one is missing. */
export function resolvedEnv(decl: FunctionDeclaration, env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(functionEnv(decl))) {
    if (typeof v === 'string') out[name] = v;
    else {
      const value = env[v.fromEnv]?.trim();
      if (value) out[name] = value;
      else if (v.required) throw new Error(`${decl.name}: ${name} needs ${v.fromEnv}`);
    }
  }
  return out;
}

export function planIndexes(decl: CollectionDeclaration): PlannedIndex[] {
  return decl.indexes.map((i) => ({
    name: i.name,
    unique: Boolean(i.unique),
    keys: i.fields.map((f) => ({ name: f.field, direction: f.direction === -1 ? '-1' : '1' })),
  }));
}

export interface PlanInput {
  envId: string;
  commit: string;
  declarations: FunctionDeclaration[];
  bundles: FunctionBundle[];
  collections: CollectionDeclaration[];
  content: ContentPlan | null;
  credentials: { source: string | null; problem?: string };
  env: NodeJS.ProcessEnv;
  /** Deploy only these functions (and skip database, rules and content) — hotfix / rollback. */
  only?: string[];
  /** TARO_APP_CLOUD_ENV the mini-program is built for, to warn about a mismatch. */
  clientEnvId?: string;
}

export function buildPlan(input: PlanInput): Plan {
  const blockers: string[] = [];
  const warnings: string[] = [];
  const envProblem = envIdProblem(input.envId);
  if (envProblem) blockers.push(envProblem);
  if (input.credentials.problem) blockers.push(input.credentials.problem);

  const chosen = input.only ? input.declarations.filter((d) => input.only!.includes(d.name)) : input.declarations;
  const byName = new Map(input.bundles.map((b) => [b.name, b]));
  const functions: PlannedFunction[] = chosen.map((d) => {
    const bundle = byName.get(d.name);
    if (!bundle) throw new Error(`no bundle for ${d.name}`);
    const env = planEnv(functionEnv(d), input.env);
    for (const v of env) {
      if (v.status === 'missing') blockers.push(`${d.name}：环境变量 ${v.name} 未设置（在 .env 或 shell 中设置 ${v.from}，见 .env.example）`);
      if (v.status === 'invalid') blockers.push(`${d.name}：${v.from} 太短（见 .env.example）`);
    }
    return {
      name: d.name,
      description: d.description,
      runtime: FUNCTION_RUNTIME,
      handler: FUNCTION_HANDLER,
      timeout: d.timeout,
      memorySize: d.memory,
      installDependency: Object.keys(bundle.dependencies).length > 0,
      dependencies: bundle.dependencies,
      bytes: bundle.bytes,
      files: bundle.files.map((f) => f.path),
      env,
      config: bundle.config,
    };
  });

  const databaseSteps = !input.only;
  const collections = databaseSteps ? input.collections.map((c) => ({ name: c.name, indexes: planIndexes(c) })) : [];
  const rules: PlannedRule[] = collections.map((c) => ({ collection: c.name, aclTag: 'CUSTOM', rule: CLIENT_DENY_RULE }));
  const content = databaseSteps ? input.content : null;
  if (content) {
    for (const e of content.errors) blockers.push(`内容检查：${e}`);
    if (!content.lawTextsAvailable) warnings.push('没有找到法条原文（../shared/laws 或 LAWS_DIR）：引文逐字核对未做；上线前请在有原文的电脑上运行 npm run content:check');
    for (const coll of ['laws', 'lessons', 'questions', 'campaigns', 'settings'] as const) {
      if (content.counts[coll] > 0 && !collections.some((c) => c.name === coll)) blockers.push(`内容同步写入 ${coll}，但 collections.ts 没有声明这个集合`);
    }
  }
  if (input.clientEnvId && input.envId && input.clientEnvId !== input.envId) {
    warnings.push(`TARO_APP_CLOUD_ENV=${input.clientEnvId}，与 --env ${input.envId} 不同：小程序会调用另一个环境的云函数`);
  }
  return { envId: input.envId, commit: input.commit, functions, collections, rules, content, credentials: input.credentials, blockers, warnings };
}

function envLine(v: PlannedEnvVariable): string {
  const where = v.source === 'env' ? `（来自 ${v.from}）` : '';
  switch (v.status) {
    case 'set':
      return `${v.name} = ${v.secret ? '已设置，不显示' : JSON.stringify(v.value)}${where}`;
    case 'omitted':
      return `${v.name} 未设置，不部署${where}`;
    case 'missing':
      return `${v.name} 缺少！${where}`;
    case 'invalid':
      return `${v.name} 太短！${where}`;
  }
}

/** The plan as the operator reads it (Chinese; one line per function setting, index and rule). */
export function formatPlan(plan: Plan, dryRun: boolean): string {
  const out: string[] = [];
  out.push(`部署计划 → 云开发环境 ${plan.envId || '（未指定）'}   提交 ${plan.commit}${dryRun ? '   [--dry-run：只打印，不联网，不做任何修改]' : ''}`);
  out.push(`凭证：${plan.credentials.source ?? '未找到'}${plan.credentials.problem ? `（${plan.credentials.problem}）` : ''}`);
  out.push('');
  out.push(`1. 云函数（${plan.functions.length} 个，代码目录 dist/cloudfunctions/<名称>）`);
  for (const f of plan.functions) {
    out.push(`   ${f.name}：${f.description}`);
    out.push(`      运行时 ${f.runtime}  入口 ${f.handler}  超时 ${f.timeout} 秒  内存 ${f.memorySize} MB  代码 ${formatKB(f.bytes)}（${f.files.join(', ')}）`);
    out.push(`      依赖：${f.installDependency ? `云端安装 ${Object.entries(f.dependencies).map(([k, v]) => `${k}@${v}`).join(', ')}` : '全部打包在 index.js，无需云端安装'}`);
    out.push(`      云调用权限：${f.config.permissions.openapi.length ? f.config.permissions.openapi.join(', ') : '无'}`);
    out.push(`      定时触发器：${f.config.triggers.length ? f.config.triggers.map((t) => `${t.name}（${t.config}）`).join(', ') : '无'}`);
    out.push(`      环境变量：${f.env.length ? '' : '无'}`);
    for (const v of f.env) out.push(`         ${envLine(v)}`);
    out.push(`      部署后调用 {action:'health'}，应返回 ok:true`);
  }
  if (plan.collections.length) {
    const indexCount = plan.collections.reduce((n, c) => n + c.indexes.length, 0);
    out.push('');
    out.push(`2. 数据库集合（${plan.collections.length} 个，索引 ${indexCount} 个；已有的保留，缺的创建，同名但字段不同的重建）`);
    for (const c of plan.collections) {
      out.push(`   ${c.name}${c.indexes.length ? '' : '（无二级索引）'}`);
      for (const i of c.indexes) out.push(`      索引 ${i.name}${i.unique ? '（唯一）' : ''}：${i.keys.map((k) => `${k.name} ${k.direction === '1' ? '升序' : '降序'}`).join('，')}`);
    }
    out.push('');
    out.push(`3. 安全规则（${plan.rules.length} 个集合）：客户端不可读、不可写，所有访问经云函数`);
    for (const r of plan.rules) out.push(`   ${r.collection}：${r.aclTag} ${JSON.stringify(r.rule)}`);
  } else {
    out.push('');
    out.push('2–4. 数据库集合、安全规则、内容同步：本次跳过（--only）');
  }
  if (plan.content) {
    const c = plan.content.counts;
    out.push('');
    out.push(`4. 内容同步（content/ → 数据库；按编号新增或更新，删掉的内容只归档不删除）`);
    out.push(`   法律 ${c.laws} 部 → laws；课程 ${c.lessons} 节 → lessons；题目 ${c.questions} 道 → questions；活动 ${c.campaigns} 个 → campaigns；镇情 ${c.settings} 份 → settings`);
  } else if (plan.collections.length) {
    out.push('');
    out.push('4. 内容同步：本次跳过（--skip-content）');
  }
  if (plan.warnings.length) {
    out.push('');
    out.push('注意：');
    for (const w of plan.warnings) out.push(`   ⚠ ${w}`);
  }
  out.push('');
  if (plan.blockers.length) {
    out.push(`${dryRun ? '正式部署会在开始前停止' : '无法部署'}，原因：`);
    for (const b of plan.blockers) out.push(`   ✗ ${b}`);
  } else out.push(dryRun ? '计划可以执行：去掉 --dry-run 即正式部署。' : '开始部署…');
  return out.join('\n');
}
