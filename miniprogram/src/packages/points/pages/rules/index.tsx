import { View, Text, Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { DAILY_POINTS_CAP, POINT_RULES } from '@contracts/points';
import { Screen } from '@/shared/ui/Screen';
import { routes } from '@/shared/routes';

/** 积分规则: how 学法积分 and 连续学习 are counted (the same rules the server awards by). */
export default function PointsRulesPage() {
  return (
    <Screen>
      <View className="card" data-testid="points-rules">
        <Text className="card__title">怎样得积分</Text>
        {POINT_RULES.map((r) => (
          <View className="rule" key={r.rule}>
            <View>
              <Text className="rule__value t-block">{r.title}</Text>
              <Text className="rule__label t-block">{r.note}</Text>
            </View>
            <Text className="rule__value">+{r.points} 分</Text>
          </View>
        ))}
      </View>
      <View className="card">
        <Text className="card__title">每天上限</Text>
        <Text className="t-m t-block">每天最多计 {DAILY_POINTS_CAP} 分，超出的部分当天不计入，积分明细里会写明。</Text>
      </View>
      <View className="card">
        <Text className="card__title">连续学习</Text>
        <Text className="t-m t-block">哪天读了课程、做了每日一练、复习了错题、答了活动题或到线下活动签了到，这天就算学习了。按北京时间的日子算，中间断一天就重新开始。</Text>
      </View>
      <View className="card">
        <Text className="t-s t-block">积分由系统按您的学习记录自动计算，重复提交不会重复计分。积分明细只有您自己能看到。</Text>
        <Button className="btn" onClick={() => void Taro.navigateTo({ url: routes.pointsHistory })} data-testid="rules-history-link">
          看我的积分明细
        </Button>
      </View>
    </Screen>
  );
}
