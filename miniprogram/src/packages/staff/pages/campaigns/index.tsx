import { useState } from 'react';
import { View, Text, Button } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { CampaignState } from '@contracts/resident';
import { Screen } from '@/shared/ui/Screen';
import { Empty, ErrorState, Loading } from '@/shared/ui/StateView';
import { callStaff } from '@/features/staff/staffApi';
import { useLoad } from '@/features/staff/useCall';
import { STATE_LABEL, STATE_TABS, windowWithYear } from '@/features/staff/labels';
import { staffRoutes } from '@/features/staff/staffRoutes';
import '@/features/staff/staff.scss';

export default function CampaignsPage() {
  const [tab, setTab] = useState<CampaignState | 'all'>('all');
  const { data, error, loading, reload } = useLoad(() => callStaff('listCampaigns', {}), []);
  useDidShow(() => {
    if (data) void reload();
  });
  const items = (data ?? []).filter((c) => tab === 'all' || c.state === tab);
  const count = (s: CampaignState | 'all') => (data ?? []).filter((c) => s === 'all' || c.state === s).length;
  return (
    <Screen>
      <Button className="btn btn--primary" onClick={() => Taro.navigateTo({ url: staffRoutes.campaign() })} data-testid="new-campaign">
        ＋ 新建活动
      </Button>
      <View className="tabs" style="margin-top: 16px">
        {STATE_TABS.map((s) => (
          <View key={s} className={`chip ${tab === s ? 'chip--on' : ''}`} onClick={() => setTab(s)} aria-pressed={tab === s} data-testid={`tab-${s}`}>
            {tab === s ? '✓ ' : ''}
            {s === 'all' ? '全部' : STATE_LABEL[s]} {data ? count(s) : ''}
          </View>
        ))}
      </View>
      {!data ? (
        error ? <ErrorState message={error.message} onRetry={reload} /> : <Loading />
      ) : items.length === 0 ? (
        <Empty message="这里还没有活动" />
      ) : (
        <View className="card">
          {items.map((c) => (
            <View key={c.id} className="list-item" onClick={() => Taro.navigateTo({ url: staffRoutes.campaign(c.id) })} data-testid="campaign-row">
              <View className="list-item__main">
                <Text className="t-m t-block">
                  {c.pinned ? '📌 ' : ''}
                  {c.title}
                </Text>
                <Text className="t-s t-block">
                   {windowWithYear(c.start, c.end)} · {c.themeLaws.map((l) => l.shortName).join('、')}
                  {c.source === 'content' ? ' · 内容库' : ''}
                </Text>
              </View>
              <Text className="tag">{STATE_LABEL[c.state]}</Text>
            </View>
          ))}
        </View>
      )}
      {loading && data ? <Text className="t-s">正在刷新…</Text> : null}
    </Screen>
  );
}
