/**
 * 提醒我: asks for one-time subscribe messages (Taro.requestSubscribeMessage with the configured template
 * ids) and records what was accepted for this campaign, so staff can remind the resident once.
 */
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { callResident } from '@/shared/api/clients';
import { newClientId } from '@/shared/platform/clientId';
import { requestSubscribe, subscribeTemplateIds } from '@/shared/platform/subscribe';

export function RemindMeButton({ campaignId, source }: { campaignId: string; source: 'campaign' | 'quiz' }) {
  const [state, setState] = useState<'idle' | 'asking' | 'done' | 'declined' | 'failed'>('idle');
  const templates = subscribeTemplateIds();
  if (!templates.length) return null;
  const ask = async () => {
    setState('asking');
    const accepted = await requestSubscribe(templates);
    if (!accepted.length) return setState('declined');
    const res = await callResident('subscribeReminders', { campaignId, templateIds: accepted, requestId: newClientId(), source });
    setState(res.ok ? 'done' : 'failed');
  };
  if (state === 'done') {
    return (
      <View className="remind" data-testid="remind-done">
        <Text className="t-s outcome--correct">✓ 已订阅，活动有新消息时提醒您一次</Text>
      </View>
    );
  }
  return (
    <View className="remind">
      <Button className="btn" disabled={state === 'asking'} onClick={ask} data-testid="remind-me">
        🔔 {source === 'quiz' ? '下次活动提醒我' : '提醒我'}
      </Button>
      {state === 'declined' ? <Text className="t-s t-block">没有订阅。需要时可以再点一次。</Text> : null}
      {state === 'failed' ? <Text className="t-s t-block outcome--wrong">订阅没有记下来，请再试一次。</Text> : null}
    </View>
  );
}
