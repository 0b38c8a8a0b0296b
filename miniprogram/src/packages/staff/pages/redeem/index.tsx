import { useState } from 'react';
import { View, Text, Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { staffContract } from '@contracts/staff';
import { checkInput } from '@contracts/fieldErrors';
import { Screen } from '@/shared/ui/Screen';
import { Field, TextInput } from '@/features/staff/FormParts';
import { callStaff } from '@/shared/api/clients';
import { becameStaff, useStaffSession } from '@/features/staff/sessionStore';
import { staffRoutes } from '@/features/staff/staffRoutes';

export default function RedeemPage() {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const openId = useStaffSession().data?.openId;
  const submit = async () => {
    setBusy(true);
    setError(null);
    const checked = checkInput(staffContract.redeemInvitation.input, { code });
    if (!checked.ok) {
      setBusy(false);
      return setError(checked.message);
    }
    const res = await callStaff('redeemInvitation', { code });
    setBusy(false);
    if (!res.ok) return setError(res.message);
    becameStaff(res.data);
    await Taro.showToast({ title: '已加入', icon: 'success' });
    await Taro.redirectTo({ url: staffRoutes.home });
  };
  return (
    <Screen>
      <View className="card">
        <Text className="card__title">输入邀请码</Text>
        <Text className="t-s t-block">管理员在「成员与邀请」里生成的 8 位邀请码，只能用一次，24 小时内有效。</Text>
        <Field label="邀请码" error={error}>
          <TextInput value={code} onChange={(v) => setCode(v.toUpperCase())} placeholder="例如 ABCD-EFGH" testId="invite-code" />
        </Field>
        <Button className="btn btn--primary" disabled={busy || code.replace(/[^A-Za-z0-9]/g, '').length !== 8} onClick={submit} data-testid="redeem-submit">
          加入
        </Button>
      </View>
      {openId ? (
        <View className="card">
          <Text className="t-s t-block">设置第一位管理员时，部署人员需要你的 OPENID：</Text>
          <Text className="t-s t-block mono" data-testid="my-openid">
            {openId}
          </Text>
        </View>
      ) : null}
    </Screen>
  );
}
