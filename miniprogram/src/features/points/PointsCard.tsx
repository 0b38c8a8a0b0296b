/**
 * 学法积分 on home and 我的: the total, today's points (the daily cap) and the streak, with 积分规则 and 积分明细
 * one tap away. Loads its own summary (computed on the server from the resident's learning), refreshed on show.
 */
import { View, Text, Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { PointsSummary } from '@contracts/points';
import { useServerData } from '@/shared/data/serverData';
import { pointsQuery } from '@/shared/data/pointsQuery';
import { routes } from '@/shared/routes';
import './points.scss';


/** The line under the figures: what the streak is and what keeps it going. */
export function streakText(s: Pick<PointsSummary, 'streak' | 'learnedToday'>): string {
  if (s.learnedToday) return s.streak > 1 ? `今天已学习，已连续学习 ${s.streak} 天，明天再来。` : '今天已学习，明天再来就是连续 2 天。';
  if (s.streak > 0) return `今天读一课或做一次每日一练，就是连续学习 ${s.streak + 1} 天。`;
  return '读一课、做一次每日一练都能得积分，每天来学一点。';
}

export function PointsFigures({ summary }: { summary: PointsSummary }) {
  return (
    <View className="points__figures">
      <View className="points__figure">
        <Text className="points__number" data-testid="points-total">
          {summary.total}
        </Text>
        <Text className="t-s t-block">总积分</Text>
      </View>
      <View className="points__figure">
        <Text className="points__number" data-testid="points-today">
          {summary.todayPoints}
        </Text>
        <Text className="t-s t-block">今日积分</Text>
      </View>
      <View className="points__figure">
        <Text className="points__number" data-testid="streak">
          {summary.streak}
        </Text>
        <Text className="t-s t-block">连续学习（天）</Text>
      </View>
    </View>
  );
}

export function PointsCard() {
  const { data } = useServerData(pointsQuery, { refreshOnShow: true });
  // Like the learning card: while it cannot load, the page shows everything else.
  if (!data) return null;
  return (
    <View className="card" data-testid="points-card">
      <Text className="card__title">学法积分</Text>
      <PointsFigures summary={data} />
      <Text className="t-m t-block" data-testid="streak-text">
        {streakText(data)}
      </Text>
      <View className="btn-row">
        <Button className="btn" onClick={() => void Taro.navigateTo({ url: routes.pointsRules })} data-testid="points-rules-link">
          积分规则
        </Button>
        <Button className="btn" onClick={() => void Taro.navigateTo({ url: routes.pointsHistory })} data-testid="points-history-link">
          积分明细
        </Button>
      </View>
    </View>
  );
}
