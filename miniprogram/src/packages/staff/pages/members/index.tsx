import { useState } from 'react';
import { View, Text, Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { staffContract, type NewInvitation, type StaffRole } from '@contracts/staff';
import { checkInput, maxLengthAt } from '@contracts/fieldErrors';
import { Screen } from '@/shared/ui/Screen';
import { AsyncView } from '@/shared/ui/AsyncView';
import { useServerData } from '@/shared/data/serverData';
import { staffQuery } from '@/shared/data/queries';
import { formatDateTime } from '@/shared/format';
import { callStaff } from '@/shared/api/clients';
import { confirmAction, runWrite } from '@/features/staff/writes';
import { Chips, Field, Select, TextInput } from '@/features/staff/FormParts';
import { INVITATION_LABEL, ROLE_HINT, ROLE_LABEL } from '@/features/staff/labels';
import '@/features/staff/staff.scss';

const ROLES: StaffRole[] = ['editor', 'viewer', 'admin'];
const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r] }));

export default function MembersPage() {
  const members = useServerData(staffQuery('listStaff', {}));
  const invitations = useServerData(staffQuery('listInvitations', {}));
  const [role, setRole] = useState<StaffRole>('editor');
  const [name, setName] = useState('');
  const [made, setMade] = useState<NewInvitation | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const invite = async () => {
    const input = { role, name: name.trim() };
    const checked = checkInput(staffContract.createInvitation.input, input);
    if (!checked.ok) return setMessage(checked.message);
    const r = await runWrite(() => callStaff('createInvitation', input));
    if (!r.ok) return setMessage(r.error.message);
    setMessage(null);
    setMade(r.data);
    setName('');
    void invitations.reload();
  };
  const changeRole = async (id: string, next: StaffRole, who: string) => {
    if (!(await confirmAction('修改角色', `把“${who}”改为${ROLE_LABEL[next]}（${ROLE_HINT[next]}）？`, '修改'))) return;
    const r = await runWrite(() => callStaff('changeRole', { id, role: next }), '已修改');
    if (!r.ok) return setMessage(r.error.message);
    void members.reload();
  };
  const remove = async (id: string, who: string) => {
    if (!(await confirmAction('移除工作人员', `移除后“${who}”不能再使用工作台。`, '移除'))) return;
    const r = await runWrite(() => callStaff('removeStaff', { id }), '已移除');
    if (!r.ok) return setMessage(r.error.message);
    void members.reload();
  };
  const revoke = async (id: string, who: string) => {
    if (!(await confirmAction('作废邀请码', `作废后“${who}”不能再用这个邀请码加入。`, '作废'))) return;
    const r = await runWrite(() => callStaff('revokeInvitation', { id }), '已作废');
    if (!r.ok) return setMessage(r.error.message);
    void invitations.reload();
  };

  return (
    <Screen>
      <View className="card">
        <Text className="card__title">邀请同事</Text>
        <Field label="角色" hint={ROLE_HINT[role]}>
          <Chips options={roleOptions} selected={[role]} onToggle={setRole} testId="invite-role" />
        </Field>
        <Field label="姓名或称呼" error={message}>
          <TextInput value={name} onChange={setName} max={maxLengthAt(staffContract.createInvitation.input, ['name'])} placeholder="例如 王书记" testId="invite-name" />
        </Field>
        <Button className="btn btn--primary" onClick={invite} data-testid="invite-create">
          生成邀请码
        </Button>
        {made ? (
          <View className="card code-box" data-testid="invite-made">
            <Text className="t-s t-block">请把邀请码发给 {made.name}（只显示这一次，24 小时内有效，只能用一次）：</Text>
            <Text className="score mono" data-testid="invite-code-shown">
              {made.code}
            </Text>
            <Button className="btn" onClick={() => Taro.setClipboardData({ data: made.code })}>
              复制邀请码
            </Button>
          </View>
        ) : null}
      </View>

      <View className="card">
        <Text className="card__title">工作人员</Text>
        <AsyncView state={members}>
          {(list) =>
          list.map((m) => (
            <View key={m.id} className="stack-item" data-testid="member-row">
              <Text className="t-m t-block">
                {m.name}
                {m.isMe ? '（我）' : ''}
              </Text>
              <Text className="t-s t-block">
                <Text className="tag">{ROLE_LABEL[m.role]}</Text>
                {m.createdAt ? `${formatDateTime(m.createdAt)} 加入` : ''}
              </Text>
              {m.isMe ? null : (
                <View className="btn-row">
                  <Select options={roleOptions.map((o) => ({ ...o, label: `角色：${o.label}` }))} value={m.role} onChange={(r) => r !== m.role && changeRole(m.id, r, m.name)} testId="member-role" />
                  <Button className="btn" onClick={() => remove(m.id, m.name)} data-testid="member-remove">
                    移除
                  </Button>
                </View>
              )}
            </View>
          ))
          }
        </AsyncView>
      </View>

      <View className="card">
        <Text className="card__title">邀请码记录</Text>
        <AsyncView state={invitations} empty="还没有邀请码">
          {(list) =>
          list.map((i) => (
          <View key={i.id} className="stack-item" data-testid="invitation-row">
            <Text className="t-m t-block">
              {i.name} · {ROLE_LABEL[i.role]}
            </Text>
            <Text className="t-s t-block">
              <Text className="tag">{INVITATION_LABEL[i.status]}</Text>
              尾号 {i.hint}
              {i.status === 'open' ? `，${formatDateTime(i.expiresAt)} 前有效` : i.usedAt ? `，${i.usedByName ?? ''} ${formatDateTime(i.usedAt)} 使用` : ''}
            </Text>
            {i.status === 'open' ? (
              <View className="btn-row">
                <Button className="btn" onClick={() => revoke(i.id, i.name)} data-testid="invitation-revoke">
                  作废
                </Button>
              </View>
            ) : null}
          </View>
        ))
          }
        </AsyncView>
      </View>
    </Screen>
  );
}
