import { useState } from 'react';
import { View, Text, Button } from '@tarojs/components';
import Taro, { useRouter, usePullDownRefresh, stopPullDownRefresh } from '@tarojs/taro';
import type { VillageBoardView } from '@contracts/resident';
import { percentText } from '@contracts/numbers';
import { Screen } from '@/shared/ui/Screen';
import { AsyncView } from '@/shared/ui/AsyncView';
import { useServerData } from '@/shared/data/serverData';
import { residentQuery } from '@/shared/data/queries';
import { backExit } from '@/shared/platform/navigation';
import { routes } from '@/shared/routes';
import { VillageBoardList } from '@/features/villages/VillageBoardList';

/** The resident's own village on the board, or how to choose one. */
function MyVillage({ view }: { view: VillageBoardView }) {
  const mine = view.board.rows.find((r) => r.villageId === view.myVillageId);
  if (!mine) {
    return (
      <View className="card" data-testid="my-village">
        <Text className="t-m t-block">在「我的」里选择所在的村（社区），这里就会标出你的村排第几。</Text>
        <Button className="btn" onClick={() => void Taro.switchTab({ url: routes.me })}>
          去选择村（社区）
        </Button>
      </View>
    );
  }
  return (
    <View className="card" data-testid="my-village">
      <Text className="t-s t-block">我的村（社区）</Text>
      <Text className="t-l t-block">{mine.name}</Text>
      <Text className="t-m t-block">
        {mine.rank ? `第 ${mine.rank} 名（${view.board.ranked} 个村按参与率排名），参与率 ${percentText(mine.rate)}` : `${mine.people} 人参与、${mine.times} 人次（未填写常住人口，不参与排名）`}
      </Text>
    </View>
  );
}

/** 村村比拼: the villages per head, this year or one campaign, the resident's own village highlighted. */
export default function VillageBoardPage() {
  const { params } = useRouter();
  const [campaignId, setCampaignId] = useState<string | null>(params.campaignId ?? null);
  const state = useServerData(residentQuery('getVillageBoard', campaignId ? { campaignId } : {}));
  usePullDownRefresh(() => {
    void state.reload().finally(() => stopPullDownRefresh());
  });
  return (
    <Screen>
      <AsyncView state={state} loadingLabel="正在统计各村参与情况…" exit={backExit()}>
        {(view) => (
          <>
            <View className="card">
              <Text className="card__title">比一比：哪个村学法的人多</Text>
              <View className="filter-row" data-testid="board-choices">
                {view.choices.map((c) => (
                  <View key={c.campaignId ?? 'year'} className={`chip ${c.campaignId === view.campaignId ? 'chip--on' : ''}`} onClick={() => setCampaignId(c.campaignId)} aria-pressed={c.campaignId === view.campaignId} data-testid="board-choice">
                    {c.campaignId === view.campaignId ? '✓ ' : ''}
                    {c.label}
                  </View>
                ))}
              </View>
            </View>
            <MyVillage view={view} />
            <View className="card">
              <Text className="card__title" data-testid="board-title">
                {view.title}
              </Text>
              <VillageBoardList board={view.board} myVillageId={view.myVillageId} />
            </View>
          </>
        )}
      </AsyncView>
    </Screen>
  );
}
