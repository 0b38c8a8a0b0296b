import { useState } from 'react';
import { View, Text, Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { CampaignState } from '@contracts/resident';
import { Screen } from '@/shared/ui/Screen';
import { AsyncView } from '@/shared/ui/AsyncView';
import { ListItem } from '@/shared/ui/ListItem';
import { useServerData } from '@/shared/data/serverData';
import { staffQuery } from '@/shared/data/queries';
import { STATE_LABEL, STATE_TABS } from '@/features/staff/labels';
import { windowLabel } from '@contracts/time';
import { staffRoutes } from '@/features/staff/staffRoutes';
import '@/features/staff/staff.scss';

export default function CampaignsPage() {
  const [tab, setTab] = useState<CampaignState | 'all'>('all');
  const list = useServerData(staffQuery('listCampaigns', {}), { refreshOnShow: true });
  const { data, loading } = list;
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
      <AsyncView state={{ ...list, data: data && items }} empty="这里还没有活动">
        {(shown) => (
          <View className="card">
            {shown.map((c) => (
              <ListItem
                key={c.id}
                testId="campaign-row"
                title={`${c.pinned ? '📌 ' : ''}${c.title}`}
                lines={[`${windowLabel(c.start, c.end)} · ${c.themeLaws.map((l) => l.shortName).join('、')}${c.source === 'content' ? ' · 内容库' : ''}`]}
                trailing={<Text className="tag">{STATE_LABEL[c.state]}</Text>}
                onPress={() => Taro.navigateTo({ url: staffRoutes.campaign(c.id) })}
              />
            ))}
          </View>
        )}
      </AsyncView>
      {loading && data ? <Text className="t-s">正在刷新…</Text> : null}
    </Screen>
  );
}
