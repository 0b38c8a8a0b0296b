/**
 * The deploy plan (what `npm run deploy -- --env <id>` does, and what `--dry-run` prints): every function,
 * every collection and index of collections.ts, every security rule, the content sync — computed offline;
 * plus the pure decisions the executor makes against the cloud (index changes, salt guard, API shapes).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { functions, functionEnv } from '../../cloudfunctions/functions';
import { collections } from '../../cloudfunctions/shared/collections';
import { bundleFunctions, type FunctionBundle } from './bundle';
import { findCredentials } from './credentials';
import { parseDeployArgs, planContent } from './deploy';
import { indexChanges, ruleMatches, saltProblem, toCloudFunction, toCreateIndex, toModifySafeRule } from './execute';
import { buildPlan, CLIENT_DENY_RULE, envIdProblem, formatPlan, type Plan, type PlanInput } from './plan';

const root = path.resolve(__dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pufa-plan-'));
const SALT = 'test-salt-0123456789-abcdef';
const CERT_SECRET = 'test-cert-key-9876543210-zyx';
let bundles: FunctionBundle[];
let content: ReturnType<typeof planContent>;

beforeAll(async () => {
  bundles = await bundleFunctions({ outDir: path.join(tmp, 'out') });
  content = planContent();
}, 120_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function input(over: Partial<PlanInput> = {}): PlanInput {
  return {
    envId: 'cloud1-test42',
    commit: 'abc1234',
    declarations: functions,
    bundles,
    collections,
    content: content.plan,
    credentials: { source: '环境变量 TENCENTCLOUD_SECRETID/SECRETKEY' },
    env: { PUFA_PERSON_SALT: SALT, PUFA_CERT_SECRET: CERT_SECRET },
    ...over,
  };
}

describe('full plan', () => {
  let plan: Plan;
  let text: string;
  beforeAll(() => {
    plan = buildPlan(input());
    text = formatPlan(plan, true);
  });

  test('can run: no blockers', () => {
    expect(plan.blockers).toEqual([]);
    expect(text).toContain('计划可以执行');
  });

  test('every declared function with runtime, handler, timeout, memory, permissions and variables', () => {
    expect(plan.functions.map((f) => f.name)).toEqual(functions.map((f) => f.name));
    for (const decl of functions) {
      const f = plan.functions.find((p) => p.name === decl.name)!;
      expect(f).toMatchObject({ runtime: 'Nodejs18.15', handler: 'index.main', timeout: decl.timeout, memorySize: decl.memory });
      expect(f.config.permissions.openapi).toEqual(decl.openapi ?? []);
      expect(f.env.map((v) => v.name).sort()).toEqual(Object.keys(functionEnv(decl)).sort());
      expect(f.env.find((v) => v.name === 'PUFA_PERSON_SALT')).toMatchObject({ status: 'set', secret: true });
      expect(f.env.find((v) => v.name === 'PUFA_PERSON_SALT')).not.toHaveProperty('value');
      expect(text).toContain(`   ${decl.name}：${decl.description}`);
      expect(text).toContain(`运行时 Nodejs18.15  入口 index.main  超时 ${decl.timeout} 秒  内存 ${decl.memory} MB`);
    }
  });

  test('every collection and every index of collections.ts, with fields, directions and uniqueness', () => {
    expect(plan.collections.map((c) => c.name)).toEqual(collections.map((c) => c.name));
    for (const decl of collections) {
      const c = plan.collections.find((p) => p.name === decl.name)!;
      expect(c.indexes).toEqual(
        decl.indexes.map((i) => ({ name: i.name, unique: Boolean(i.unique), keys: i.fields.map((f) => ({ name: f.field, direction: f.direction === 1 ? '1' : '-1' })) })),
      );
      for (const i of decl.indexes) {
        const fields = i.fields.map((f) => `${f.field} ${f.direction === 1 ? '升序' : '降序'}`).join('，');
        expect(text).toContain(`      索引 ${i.name}${i.unique ? '（唯一）' : ''}：${fields}`);
      }
    }
  });

  test('every collection gets the rule: clients can neither read nor write', () => {
    expect(CLIENT_DENY_RULE).toEqual({ read: false, write: false });
    expect(plan.rules.map((r) => r.collection)).toEqual(collections.map((c) => c.name));
    for (const r of plan.rules) {
      expect(r).toEqual({ collection: r.collection, aclTag: 'CUSTOM', rule: { read: false, write: false } });
      expect(text).toContain(`   ${r.collection}：CUSTOM {"read":false,"write":false}`);
    }
  });

  test('the content sync: every document of content/ into declared collections', () => {
    const c = plan.content!;
    expect(c.errors).toEqual([]);
    expect(c.counts).toEqual({
      laws: content.docs.laws.length,
      lessons: content.docs.lessons.length,
      questions: content.docs.questions.length,
      campaigns: content.docs.campaigns.length,
      settings: content.docs.town ? 1 : 0,
    });
    expect(c.counts.lessons).toBeGreaterThan(0);
    expect(c.counts.questions).toBeGreaterThan(0);
    for (const coll of ['laws', 'lessons', 'questions', 'campaigns', 'settings']) expect(collections.map((d) => d.name)).toContain(coll);
    expect(text).toContain(`课程 ${c.counts.lessons} 节 → lessons；题目 ${c.counts.questions} 道 → questions`);
  });

  test('never prints the salt or the certificate key', () => {
    expect(text).not.toContain(SALT);
    expect(JSON.stringify(plan)).not.toContain(SALT);
    expect(text).not.toContain(CERT_SECRET);
    expect(JSON.stringify(plan)).not.toContain(CERT_SECRET);
    expect(plan.functions.find((f) => f.name === 'resident')!.env.find((v) => v.name === 'PUFA_CERT_SECRET')).toMatchObject({ status: 'set', secret: true });
  });
});

describe('blockers and variants', () => {
  test('missing settings, credentials and a bad env id stop a real deploy', () => {
    const plan = buildPlan(input({ envId: 'Local!', env: {}, credentials: { source: null, problem: '没有凭证' } }));
    expect(plan.blockers.join('\n')).toMatch(/环境 ID 格式不对/);
    expect(plan.blockers).toContain('没有凭证');
    for (const f of functions) expect(plan.blockers.some((b) => b.startsWith(`${f.name}：环境变量 PUFA_PERSON_SALT`))).toBe(true);
    expect(plan.blockers.some((b) => b.startsWith('resident：环境变量 PUFA_CERT_SECRET'))).toBe(true);
    expect(formatPlan(plan, true)).toContain('正式部署会在开始前停止');
  });

  test('a short salt is refused', () => {
    expect(buildPlan(input({ env: { PUFA_PERSON_SALT: 'short', PUFA_CERT_SECRET: CERT_SECRET } })).blockers.some((b) => b.includes('PUFA_PERSON_SALT 太短'))).toBe(true);
    expect(buildPlan(input({ env: { PUFA_PERSON_SALT: SALT, PUFA_CERT_SECRET: 'short' } })).blockers.some((b) => b.includes('PUFA_CERT_SECRET 太短'))).toBe(true);
  });

  test('env ids', () => {
    expect(envIdProblem('cloud1-5g1234abcd')).toBeNull();
    expect(envIdProblem('')).toMatch(/缺少/);
    expect(envIdProblem('local')).toMatch(/本地云/);
  });

  test('--only deploys the chosen functions and leaves database, rules and content alone', () => {
    const only = [functions[0].name];
    const plan = buildPlan(input({ only }));
    expect(plan.functions.map((f) => f.name)).toEqual(only);
    expect(plan.collections).toEqual([]);
    expect(plan.rules).toEqual([]);
    expect(plan.content).toBeNull();
    expect(formatPlan(plan, true)).toContain('本次跳过（--only）');
  });

  test('warns when the mini-program is built for another environment', () => {
    expect(buildPlan(input({ clientEnvId: 'cloud1-other' })).warnings.join()).toMatch(/TARO_APP_CLOUD_ENV=cloud1-other/);
  });

  test('arguments', () => {
    expect(parseDeployArgs(['--env', 'cloud1-x1', '--dry-run'])).toMatchObject({ envId: 'cloud1-x1', dryRun: true, skipContent: false });
    expect(parseDeployArgs(['--env=cloud1-x1', `--only=${functions[0].name}`]).only).toEqual([functions[0].name]);
    expect(() => parseDeployArgs(['--env', 'cloud1-x1', '--dryrun'])).toThrow(/unknown option --dryrun/);
    expect(() => parseDeployArgs(['--only', 'nope'])).toThrow(/not in cloudfunctions/);
  });
});

describe('npm run deploy -- --dry-run (a real process)', () => {
  // A preload that makes any network use fatal: the dry run must not touch the network.
  const noNet = path.join(tmp, 'no-network.js');
  fs.writeFileSync(
    noNet,
    `const net = require('net'); const dns = require('dns');
     const fail = (what) => { process.stderr.write('NETWORK USED ' + what + '\\n'); process.exit(99); };
     // tsx talks to its own process over a local pipe (a path, no port): only TCP/DNS counts as network.
     const connect = net.Socket.prototype.connect;
     net.Socket.prototype.connect = function (...args) {
       const o = Array.isArray(args[0]) ? args[0][0] : args[0];
       if (typeof o === 'number' || (o && typeof o === 'object' && o.port !== undefined)) fail(JSON.stringify(o.host || o));
       return connect.apply(this, args);
     };
     dns.lookup = () => fail('dns'); dns.promises.lookup = () => fail('dns');
     globalThis.fetch = () => fail('fetch');`,
  );
  const run = (env: NodeJS.ProcessEnv) =>
    spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/deploy/deploy.ts', '--env', 'cloud1-test42', '--dry-run'], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: tmp, PUFA_DOTENV: 'off', NODE_OPTIONS: `--require ${noNet}`, LAWS_DIR: process.env.LAWS_DIR, ...env },
      timeout: 120_000,
    });

  test('prints the whole plan and exits 0 when it can run, without network', () => {
    const r = run({ PUFA_PERSON_SALT: SALT, PUFA_CERT_SECRET: CERT_SECRET, TENCENTCLOUD_SECRETID: 'AKIDtest', TENCENTCLOUD_SECRETKEY: 'test-key-never-printed' });
    expect(r.stderr).not.toContain('NETWORK USED');
    expect(r.status).toBe(0);
    for (const f of functions) expect(r.stdout).toContain(`   ${f.name}：`);
    for (const c of collections) expect(r.stdout).toContain(`   ${c.name}：CUSTOM {"read":false,"write":false}`);
    expect(r.stdout).toContain('凭证：环境变量 TENCENTCLOUD_SECRETID/SECRETKEY');
    expect(r.stdout).not.toContain('test-key-never-printed');
    expect(r.stdout).not.toContain(SALT);
    expect(r.stdout).not.toContain(CERT_SECRET);
  }, 120_000);

  test('exits 2 and says why when a real deploy would stop', () => {
    const r = run({});
    expect(r.stderr).not.toContain('NETWORK USED');
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('没有凭证');
    expect(r.stdout).toContain('PUFA_PERSON_SALT 未设置');
    expect(r.stdout).toContain('PUFA_CERT_SECRET 未设置');
  }, 120_000);
});

describe('executor decisions', () => {
  const idx = (name: string, fields: [string, '1' | '-1'][], unique = false) => ({ name, unique, keys: fields.map(([n, d]) => ({ name: n, direction: d })) });

  test('indexes: create missing, rebuild changed, keep identical, report undeclared', () => {
    const declared = [idx('a', [['x', '1']]), idx('b', [['y', '1'], ['z', '-1']]), idx('c', [['k', '1']], true)];
    const existing = [
      { Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }] },
      { Name: 'b', Keys: [{ Name: 'y', Direction: '1' }, { Name: 'z', Direction: '-1' }], Unique: false },
      { Name: 'c', Keys: [{ Name: 'k', Direction: '1' }], Unique: false },
      { Name: 'old', Keys: [{ Name: 'q', Direction: '1' }] },
    ];
    const changes = indexChanges(declared, existing);
    expect(changes.create.map((i) => i.name)).toEqual(['a', 'c']);
    expect(changes.drop).toEqual(['c']);
    expect(changes.undeclared).toEqual(['old']);
    expect(indexChanges(declared, [...existing.slice(0, 2), { Name: 'a', Keys: [{ Name: 'x', Direction: '1' }] }, { Name: 'c', Keys: [{ Name: 'k', Direction: '1' }], Unique: true }]).create).toEqual([]);
  });

  test('manager-node shapes', () => {
    expect(toCreateIndex(idx('openId_createdAt', [['openId', '1'], ['createdAt', '-1']], false))).toEqual({
      IndexName: 'openId_createdAt',
      MgoKeySchema: { MgoIsUnique: false, MgoIndexKeys: [{ Name: 'openId', Direction: '1' }, { Name: 'createdAt', Direction: '-1' }] },
    });
    expect(toModifySafeRule('cloud1-x', { collection: 'staff', aclTag: 'CUSTOM', rule: CLIENT_DENY_RULE })).toEqual({
      Action: 'ModifySafeRule',
      Param: { EnvId: 'cloud1-x', CollectionName: 'staff', AclTag: 'CUSTOM', Rule: '{"read":false,"write":false}' },
    });
    const plan = buildPlan(input());
    const fn = toCloudFunction(plan.functions[0], { PUFA_PERSON_SALT: SALT }, 'abc1234');
    expect(fn).toMatchObject({ name: plan.functions[0].name, runtime: 'Nodejs18.15', handler: 'index.main', envVariables: { PUFA_PERSON_SALT: SALT } });
    expect(fn.description).toContain('abc1234');
  });

  test('rule read-back', () => {
    const r = { collection: 'x', aclTag: 'CUSTOM' as const, rule: CLIENT_DENY_RULE };
    expect(ruleMatches(r, { AclTag: 'CUSTOM', Rule: '{ "read": false, "write": false }' })).toBe(true);
    expect(ruleMatches(r, { AclTag: 'CUSTOM', Rule: '{"read":true,"write":false}' })).toBe(false);
    expect(ruleMatches(r, { AclTag: 'READONLY', Rule: null })).toBe(false);
  });

  test('the salt guard: never change the salt of a live environment', () => {
    expect(saltProblem({ resident: undefined, staff: undefined }, 'new')).toBeNull();
    expect(saltProblem({ resident: 'same', staff: 'same' }, 'same')).toBeNull();
    expect(saltProblem({ resident: 'old', staff: undefined }, 'new')).toMatch(/换盐/);
    expect(saltProblem({ resident: 'a', staff: 'b' }, 'a')).toMatch(/不一致/);
    // the certificate key is guarded the same way, with its own reason
    expect(saltProblem({ resident: 'old-key' }, 'new-key', 'PUFA_CERT_SECRET')).toMatch(/PUFA_CERT_SECRET.*电子证书/);
    expect(saltProblem({ resident: 'key' }, 'key', 'PUFA_CERT_SECRET')).toBeNull();
  });
});

describe('credentials', () => {
  const home = fs.mkdtempSync(path.join(tmp, 'home-'));
  const authFile = path.join(home, '.config', '.cloudbase', 'auth.json');
  const write = (credential: unknown) => {
    fs.mkdirSync(path.dirname(authFile), { recursive: true });
    fs.writeFileSync(authFile, JSON.stringify({ credential }));
  };

  test('from the environment, in pairs', () => {
    expect(findCredentials({ TENCENTCLOUD_SECRETID: 'id', TENCENTCLOUD_SECRETKEY: 'key' }, home).credentials).toMatchObject({ secretId: 'id', secretKey: 'key' });
    expect(findCredentials({ TENCENTCLOUD_SECRETID: 'id' }, home).problem).toMatch(/同时设置/);
    expect(findCredentials({ TENCENTCLOUD_SECRETID: 'id', TENCENTCLOUD_SECRETKEY: 'k', TENCENTCLOUD_SESSIONTOKEN: 't' }, home).credentials?.sessionToken).toBe('t');
  });

  test('from tcb login: API key, or a temporary key until it expires', () => {
    fs.rmSync(path.join(home, '.config'), { recursive: true, force: true });
    expect(findCredentials({}, home).problem).toMatch(/没有凭证/);
    write({ secretId: 'sid', secretKey: 'skey' });
    expect(findCredentials({}, home).credentials).toMatchObject({ secretId: 'sid', secretKey: 'skey' });
    const now = Date.now();
    write({ tmpSecretId: 'tid', tmpSecretKey: 'tkey', tmpToken: 'tok', tmpExpired: now + 3_600_000 });
    expect(findCredentials({}, home, now).credentials).toMatchObject({ secretId: 'tid', secretKey: 'tkey', sessionToken: 'tok' });
    write({ tmpSecretId: 'tid', tmpSecretKey: 'tkey', tmpToken: 'tok', tmpExpired: now - 1 });
    expect(findCredentials({}, home, now).problem).toMatch(/过期/);
    write({});
    expect(findCredentials({}, home).problem).toMatch(/没有可用的登录信息/);
  });
});
