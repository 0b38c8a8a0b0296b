/**
 * Home's 今日复习 / 每日一练 card: how many 错题本 items are due today, and today's 每日一练 (or that it is done).
 * Loads its own summary, so the home page only mounts it.
 */
import { View, Text, Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useServerData } from '@/shared/data/serverData';
import { residentQuery } from '@/shared/data/queries';
import { routes } from '@/shared/routes';

export function LearningCard() {
  const { data: summary } = useServerData(residentQuery('getLearning', {}), { refreshOnShow: true });
  // The card is an invitation: while it cannot load, home shows everything else as before.
  if (!summary) return null;
  const { dueCount, bookCount, practice } = summary;
  return (
    <View className="card" data-testid="learning-card">
      <Text className="card__title">每天学一点</Text>
      {dueCount > 0 ? (
        <View data-testid="review-due">
          <Text className="t-m t-block">今日复习 {dueCount} 题：把以前答错的题再做一遍，记得更牢。</Text>
          <Button className="btn btn--primary" onClick={() => void Taro.navigateTo({ url: routes.study('review') })}>
            今日复习 {dueCount} 题
          </Button>
        </View>
      ) : null}
      {practice.done ? (
        <Text className="t-m t-block outcome--correct" data-testid="practice-done">
          ✓ 今天的每日一练已完成{practice.score === null ? '' : `（${practice.score} 分）`}，明天再来
        </Text>
      ) : (
        <View>
          <Text className="t-m t-block">每日一练：每天 5 道题，约 2 分钟。</Text>
          <Button className={`btn ${dueCount > 0 ? '' : 'btn--primary'}`} onClick={() => void Taro.navigateTo({ url: routes.study('practice') })} data-testid="practice-start">
            开始每日一练
          </Button>
        </View>
      )}
      {bookCount > 0 ? (
        <Button className="btn" onClick={() => void Taro.navigateTo({ url: routes.reviewBook })}>
          我的错题本（{bookCount} 题）
        </Button>
      ) : null}
    </View>
  );
}
