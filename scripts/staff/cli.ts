/**
 * npm run staff -- <command> [--env local|<envId>] [--url <local cloud URL>]
 *
 *   add    --openid <OPENID> --role admin|editor|viewer [--name 姓名]   make someone staff (the first admin)
 *   role   --openid <OPENID> --role admin|editor|viewer                 change a role
 *   remove --openid <OPENID>                                          remove (never the last admin)
 *   list                                                              who is staff
 *
 * Default --env local (the local cloud `npm start` runs, or --url / LOCALCLOUD_URL). For a cloud environment the
 * credentials come from TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY. Every change is written to the audit
 * log with actor `npm run staff`. A person's OPENID is shown in the WeChat DevTools console / the
 * cloud function log (or in the mini-program: 我的 → 工作人员 shows the end of it).
 */
import { openAdminApp, type AdminDb } from '../shared/adminApp';
import { UsageError, parseCommandLine } from '../shared/cliArgs';
import { staffIdFor } from '../../cloudfunctions/staff/common';

const ROLES = ['admin', 'editor', 'viewer'] as const;
type Role = (typeof ROLES)[number];

export const STAFF_USAGE = 'npm run staff -- add|role|remove|list [--openid <OPENID>] [--role admin|editor|viewer] [--name 姓名] [--env local|<envId>] [--url <local cloud URL>]';

interface StaffArgs {
  role?: string;
  openid?: string;
  name?: string;
}

function roleArg(v: StaffArgs): Role {
  const role = v.role;
  if (!role || !(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role 只能是 ${ROLES.join('、')} / --role must be one of ${ROLES.join(', ')}`, STAFF_USAGE);
  return role as Role;
}
function openIdArg(v: StaffArgs): string {
  const openId = v.openid;
  if (!openId || !/^[A-Za-z0-9_-]{6,64}$/.test(openId)) throw new UsageError('需要 --openid <OPENID>（字母、数字、_ 和 -） / --openid <OPENID> is required (letters, digits, _ and -)', STAFF_USAGE);
  return openId;
}

interface StaffRow {
  _id: string;
  openId: string;
  role: Role;
  name: string;
}

async function find(db: AdminDb, openId: string): Promise<StaffRow | null> {
  const res = await db.collection('staff').where({ openId }).limit(1).get();
  return (res.data[0] as StaffRow | undefined) ?? null;
}

async function auditCli(db: AdminDb, action: string, target: string, details: Record<string, unknown>) {
  await db.collection('audit_log').add({ actorOpenId: 'cli', actorName: 'npm run staff', actorRole: 'cli', action, target, details, at: new Date() });
}

const admins = async (db: AdminDb) => (await db.collection('staff').where({ role: 'admin' }).count()).total ?? 0;

export async function runStaffCommand(args: string[], log: (s: string) => void = console.log): Promise<void> {
  const { values: v, positionals } = parseCommandLine(
    args,
    { openid: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, env: { type: 'string' }, url: { type: 'string' } },
    STAFF_USAGE,
    { positionals: true },
  );
  const [command, ...extra] = positionals;
  if (!command || !['add', 'role', 'remove', 'list'].includes(command) || extra.length) {
    throw new UsageError(command ? `不认识的命令 ${[command, ...extra].join(' ')} / unknown command` : '缺少命令 / a command is required', STAFF_USAGE);
  }
  const env = v.env ?? 'local';
  if (command !== 'list') openIdArg(v);
  if (command === 'add' || command === 'role') roleArg(v);
  const db = (await openAdminApp(env, v.url)).database();
  switch (command) {
    case 'add': {
      const openId = openIdArg(v);
      const role = roleArg(v);
      const name = v.name ?? (role === 'admin' ? '管理员' : '工作人员');
      const existing = await find(db, openId);
      if (existing) {
        log(`已经是工作人员：${existing.name}（${existing.role}）；改角色请用 npm run staff -- role`);
        return;
      }
      const _id = staffIdFor(openId);
      await db.collection('staff').add({ _id, openId, role, name, createdAt: new Date(), createdBy: 'npm run staff' });
      await auditCli(db, 'staff.add', `staff:${_id}`, { role, name, env });
      log(`已添加工作人员：${name}（${role}），环境 ${env}`);
      return;
    }
    case 'role': {
      const openId = openIdArg(v);
      const role = roleArg(v);
      const existing = await find(db, openId);
      if (!existing) throw new Error('这个 OPENID 还不是工作人员');
      if (existing.role === 'admin' && role !== 'admin' && (await admins(db)) <= 1) throw new Error('这是最后一名管理员，不能降级');
      await db.collection('staff').doc(existing._id).update({ role });
      await auditCli(db, 'staff.role', `staff:${existing._id}`, { from: existing.role, to: role, env });
      log(`已把 ${existing.name} 的角色改为 ${role}`);
      return;
    }
    case 'remove': {
      const existing = await find(db, openIdArg(v));
      if (!existing) throw new Error('这个 OPENID 还不是工作人员');
      if (existing.role === 'admin' && (await admins(db)) <= 1) throw new Error('这是最后一名管理员，不能移除');
      await db.collection('staff').doc(existing._id).remove();
      await auditCli(db, 'staff.remove', `staff:${existing._id}`, { name: existing.name, role: existing.role, env });
      log(`已移除 ${existing.name}`);
      return;
    }
    case 'list': {
      const res = await db.collection('staff').limit(500).get();
      for (const s of res.data as StaffRow[]) log(`${s.role.padEnd(7)} ${s.name}  …${s.openId.slice(-6)}`);
      log(`共 ${res.data.length} 人`);
      return;
    }
  }
}

if (require.main === module) {
  runStaffCommand(process.argv.slice(2)).catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
