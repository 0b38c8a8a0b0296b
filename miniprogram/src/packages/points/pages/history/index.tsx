import { useState } from 'react';
import { View, Text, Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { PointsLedgerDay } from '@contracts/points';
import { chineseDate } from '@contracts/time';
import { Screen } from '@/shared/ui/Screen';
import { AsyncView } from '@/shared/ui/AsyncView';
import { ListItem } from '@/shared/ui/ListItem';
import { Empty } from '@/shared/ui/StateView';
import { useServerData } from '@/shared/data/serverData';
import { residentQuery } from '@/shared/data/queries';
import { routes } from '@/shared/routes';
import { PointsFigures, streakText } from '@/features/points/PointsCard';
import '@/features/points/points.scss';

function LedgerDay({ day, today }: { day: PointsLedgerDay; today: string }) {
  return (
    <View className="card" data-testid="ledger-day">
      <Text className="card__title">
        {day.day === today ? '今天' : chineseDate(day.day)}　计 {day.counted} 分
      </Text>
      {day.items.map((item, i) => (
        <ListItem key={`${item.rule}-${i}`} title={item.label} trailing={<Text className="t-m outcome--correct">+{item.points}</Text>} testId="ledger-item" />
      ))}
      {day.earned > day.counted ? (
        <Text className="t-s points__cut" data-testid="ledger-cut">
          这天共得 {day.earned} 分，每天最多计 {day.counted} 分，超出的 {day.earned - day.counted} 分不计入。
        </Text>
      ) : null}
    </View>
  );
}

/** One page of days (the first without `before`); the last page offers the older days. */
function LedgerPage({ before, onMore }: { before?: string; onMore: ((before: string) => void) | null }) {
  const state = useServerData(residentQuery('getPointsLedger', before ? { before } : {}), { refreshOnShow: !before });
  return (
    <AsyncView state={state}>
      {(ledger) => (
        <>
          {!before ? (
            <View className="card" data-testid="ledger-summary">
              <Text className="card__title">我的学法积分</Text>
              <PointsFigures summary={ledger.summary} />
              <Text className="t-m t-block">{streakText(ledger.summary)}</Text>
            </View>
          ) : null}
          {!before && ledger.days.length === 0 ? <Empty message="还没有积分。读一篇课程、做一次每日一练就能得分。" /> : null}
          {ledger.days.map((d) => (
            <LedgerDay key={d.day} day={d} today={ledger.summary.today} />
          ))}
          {ledger.nextBefore && onMore ? (
            <Button className="btn" onClick={() => onMore(ledger.nextBefore!)} data-testid="ledger-more">
              查看更早的积分
            </Button>
          ) : null}
        </>
      )}
    </AsyncView>
  );
}

/** 积分明细: the resident's own points, day by day, with what each was for and what the daily cap cut. */
export default function PointsHistoryPage() {
  const [older, setOlder] = useState<string[]>([]);
  const more = (before: string) => setOlder((list) => (list.includes(before) ? list : [...list, before]));
  return (
    <Screen>
      <LedgerPage onMore={older.length ? null : more} />
      {older.map((before, i) => (
        <LedgerPage key={before} before={before} onMore={i === older.length - 1 ? more : null} />
      ))}
      <Button className="btn" onClick={() => void Taro.navigateTo({ url: routes.pointsRules })} data-testid="history-rules-link">
        积分规则
      </Button>
    </Screen>
  );
}
