import { useState } from 'react';
import { View, Text, Button } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { CheckInView } from '@contracts/checkin';
import type { CallFail } from '@/shared/api/callFunction';
import { callResident } from '@/shared/api/clients';
import { newClientId } from '@/shared/platform/clientId';
import { Screen } from '@/shared/ui/Screen';
import { ErrorState } from '@/shared/ui/StateView';
import { routes } from '@/shared/routes';
import { eventCodeFrom } from '@/features/checkin/scene';
import { RemindMeButton } from '@/features/reminders/RemindMeButton';

/** Opened by scanning an event's code (weapp scene `e=<code>`, H5 `?e=<code>`): one tap checks in. */
export default function CheckInPage() {
  const { params } = useRouter();
  const code = eventCodeFrom(params as Record<string, string | undefined>);
  const [checkInId] = useState(() => newClientId());
  const [result, setResult] = useState<CheckInView | null>(null);
  const [error, setError] = useState<CallFail | null>(null);
  const [busy, setBusy] = useState(false);

  if (!code) {
    return (
      <Screen>
        <ErrorState message="没有识别出签到码，请重新扫一扫现场的二维码。" />
      </Screen>
    );
  }
  const checkIn = async () => {
    setBusy(true);
    setError(null);
    const res = await callResident('checkIn', { eventCode: code, checkInId });
    setBusy(false);
    if (res.ok) setResult(res.data);
    else setError(res);
  };
  if (!result) {
    return (
      <Screen>
        <View className="card">
          <Text className="card__title">活动签到</Text>
          <Text className="t-m t-block">欢迎参加今天的普法活动。点下面的按钮签到，每人签一次就行。</Text>
          <Button className="btn btn--primary" disabled={busy} loading={busy} onClick={checkIn} data-testid="checkin-submit">
            {busy ? '正在签到…' : '签到'}
          </Button>
        </View>
        {error ? <ErrorState message={error.message} onRetry={error.code === 'NETWORK' || error.code === 'INTERNAL' ? checkIn : undefined} /> : null}
      </Screen>
    );
  }
  return (
    <Screen>
      <View className="card" data-testid="checkin-done">
        <Text className="t-xl t-block outcome--correct">{result.already ? '✓ 您已经签过到了' : '✓ 签到成功'}</Text>
        <Text className="t-l t-block">{result.eventTitle}</Text>
        <Text className="t-m t-block">
          {result.date} · {result.type}
          {result.villageName ? ` · ${result.villageName}` : ''}
          {result.place ? ` · ${result.place}` : ''}
        </Text>
      </View>
      {result.lesson ? (
        <View className="card" data-testid="checkin-lesson">
          <Text className="card__title">今天学一课</Text>
          <Text className="t-m t-block">{result.lesson.title}</Text>
          <Text className="t-s t-block">约 {result.lesson.readingMinutes} 分钟</Text>
          <Button className="btn btn--primary" onClick={() => Taro.navigateTo({ url: routes.lesson(result.lesson!.id, result.campaign?.id) })}>
            去学习
          </Button>
        </View>
      ) : null}
      {result.campaign ? (
        <View className="card">
          <Text className="card__title">{result.campaign.title}</Text>
          <Button className="btn" onClick={() => Taro.navigateTo({ url: routes.quiz(result.campaign!.id) })}>
            参加线上答题
          </Button>
          <RemindMeButton campaignId={result.campaign.id} source="campaign" />
        </View>
      ) : null}
      <Button className="btn" onClick={() => Taro.switchTab({ url: routes.home })}>
        回到首页
      </Button>
    </Screen>
  );
}
