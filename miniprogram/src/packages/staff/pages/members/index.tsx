import { useState } from 'react';
import { View, Text, Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { NewInvitation, StaffRole } from '@contracts/staff';
import { Screen } from '@/shared/ui/Screen';
import { AsyncView } from '@/shared/ui/AsyncView';
import { ListItem } from '@/shared/ui/ListItem';
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
    if (!name.trim()) return setMessage('请填写被邀请人的姓名或称呼');
    const r = await runWrite(() => callStaff('createInvitation', { role, name: name.trim() }));
    if (!r.ok) return setMessage(r.error.message);
    setMessage(null);
    setMade(r.data);
    setName('');
    void invitations.reload();
  };
  const changeRole = async (id: string, next: StaffRole) => {
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
  const revoke = async (id: string) => {
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
        <Field label="姓名或称呼">
          <TextInput value={name} onChange={setName} maxlength={20} placeholder="例如 王书记" testId="invite-name" />
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
        {message ? <Text className="field__error">{message}</Text> : null}
      </View>

      <View className="card">
        <Text className="card__title">工作人员</Text>
        <AsyncView state={members}>
          {(list) =>
            list.map((m) => (
              <ListItem
                key={m.id}
                testId="member-row"
                title={`${m.name}${m.isMe ? '（我）' : ''}`}
                lines={[m.openIdTail]}
                trailing={
                  <>
                    <Select options={roleOptions} value={m.role} onChange={(r) => r !== m.role && changeRole(m.id, r)} />
                    <Button className="btn" onClick={() => remove(m.id, m.name)}>
                      移除
                    </Button>
                  </>
                }
              />
            ))
          }
        </AsyncView>
      </View>

      <View className="card">
        <Text className="card__title">邀请码记录</Text>
        <AsyncView state={invitations} empty="还没有邀请码">
          {(list) =>
            list.map((i) => (
              <ListItem
                key={i.id}
                testId="invitation-row"
                title={`${i.name} · ${ROLE_LABEL[i.role]} · …${i.hint}`}
                lines={[`${INVITATION_LABEL[i.status]}${i.status === 'open' ? `，${formatDateTime(i.expiresAt)} 前有效` : i.usedAt ? `，${formatDateTime(i.usedAt)}` : ''}`]}
                trailing={
                  i.status === 'open' ? (
                    <Button className="btn" onClick={() => revoke(i.id)}>
                      作废
                    </Button>
                  ) : null
                }
              />
            ))
          }
        </AsyncView>
      </View>
    </Screen>
  );
}
