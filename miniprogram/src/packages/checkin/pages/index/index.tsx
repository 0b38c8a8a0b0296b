import { useState } from 'react';
import { View, Text, Button } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { CheckInPreview, CheckInView } from '@contracts/checkin';
import type { CallFail } from '@/shared/api/callFunction';
import { callResident } from '@/shared/api/clients';
import { residentQuery } from '@/shared/data/queries';
import { useServerData } from '@/shared/data/serverData';
import { newClientId } from '@/shared/platform/clientId';
import { Screen } from '@/shared/ui/Screen';
import { AsyncView } from '@/shared/ui/AsyncView';
import { ErrorState } from '@/shared/ui/StateView';
import { routes } from '@/shared/routes';
import { eventCodeFrom } from '@/features/checkin/scene';
import { RemindMeButton } from '@/features/reminders/RemindMeButton';

const toHome = { label: '回到首页', onPress: () => void Taro.switchTab({ url: routes.home }) };

/**
 * Opened by scanning an event's code (weapp scene `e=<code>`, H5 `?e=<code>`): names the event, then one tap
 * checks in. A code that is not an event's gets no 签到 button; reopened after checking in, it says so.
 */
export default function CheckInPage() {
  const { params } = useRouter();
  const code = eventCodeFrom(params as Record<string, string | undefined>);
  const preview = useServerData(code ? residentQuery('getCheckIn', { eventCode: code }) : null);
  if (!code) {
    return (
      <Screen>
        <ErrorState message="没有识别出签到码，请重新扫一扫现场的二维码。" exit={toHome} />
      </Screen>
    );
  }
  return (
    <Screen>
      <AsyncView state={preview} loadingLabel="正在查找活动…" exit={toHome}>
        {(p) => (p.checkedIn ? <CheckedIn result={p.checkedIn} /> : <BeforeCheckIn code={code} preview={p} />)}
      </AsyncView>
    </Screen>
  );
}

function EventLines({ e }: { e: Pick<CheckInPreview, 'date' | 'type' | 'villageName' | 'place'> & { time?: string | null } }) {
  return (
    <Text className="t-m t-block">
      {e.date}
      {e.time ? ` ${e.time}` : ''} · {e.type}
      {e.villageName ? ` · ${e.villageName}` : ''}
      {e.place ? ` · ${e.place}` : ''}
    </Text>
  );
}

function BeforeCheckIn({ code, preview }: { code: string; preview: CheckInPreview }) {
  const [checkInId] = useState(() => newClientId());
  const [result, setResult] = useState<CheckInView | null>(null);
  const [error, setError] = useState<CallFail | null>(null);
  const [busy, setBusy] = useState(false);
  if (result) return <CheckedIn result={result} />;
  const checkIn = async () => {
    setBusy(true);
    setError(null);
    const res = await callResident('checkIn', { eventCode: code, checkInId });
    setBusy(false);
    if (res.ok) setResult(res.data);
    else setError(res);
  };
  return (
    <>
      <View className="card" data-testid="checkin-event">
        <Text className="card__title">活动签到</Text>
        <Text className="t-l t-block">{preview.eventTitle}</Text>
        <EventLines e={preview} />
        {preview.window === 'open' ? (
          <>
            <Text className="t-s t-block">点下面的按钮签到，每人签一次就行。</Text>
            <Button className="btn btn--primary" disabled={busy} onClick={checkIn} data-testid="checkin-submit">
              {busy ? '正在签到…' : '签到'}
            </Button>
          </>
        ) : (
          <View className="notice-line" data-testid="checkin-closed">
            <Text className="t-m">{preview.window === 'early' ? `这场活动 ${preview.date} 举行，到时再来签到。` : '这场活动的签到已经结束。'}</Text>
          </View>
        )}
      </View>
      {error ? <ErrorState message={error.message} onRetry={error.code === 'NETWORK' || error.code === 'INTERNAL' ? checkIn : undefined} exit={toHome} /> : null}
      {preview.window !== 'open' ? (
        <Button className="btn" onClick={toHome.onPress}>
          回到首页
        </Button>
      ) : null}
    </>
  );
}

function CheckedIn({ result }: { result: CheckInView }) {
  return (
    <>
      <View className="card" data-testid="checkin-done">
        <Text className="t-xl t-block outcome--correct">{result.already ? '✓ 您已经签过到了' : '✓ 签到成功'}</Text>
        <Text className="t-l t-block">{result.eventTitle}</Text>
        <EventLines e={result} />
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
          <Button className="btn" onClick={() => Taro.navigateTo({ url: routes.campaign(result.campaign!.id) })}>
            参加线上答题
          </Button>
          <RemindMeButton campaignId={result.campaign.id} source="campaign" />
        </View>
      ) : null}
      <Button className="btn" onClick={toHome.onPress}>
        回到首页
      </Button>
    </>
  );
}
