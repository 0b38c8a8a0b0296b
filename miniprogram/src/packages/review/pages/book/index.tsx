import { useState } from 'react';
import { View, Text, Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Screen } from '@/shared/ui/Screen';
import { AsyncView } from '@/shared/ui/AsyncView';
import { Empty } from '@/shared/ui/StateView';
import { callResident } from '@/shared/api/clients';
import { useServerData } from '@/shared/data/serverData';
import { residentQuery } from '@/shared/data/queries';
import { routes } from '@/shared/routes';
import { GradedItemCard } from '@/features/quiz/ResultView';
import { scheduleText } from '@/features/review/stages';
import '@/features/quiz/quiz.scss';

/** 错题本: every question answered wrong or half right, by law, until mastered or removed. */
export default function ReviewBookPage() {
  const state = useServerData(residentQuery('getReviewBook', {}), { refreshOnShow: true });
  const [removing, setRemoving] = useState<string | null>(null);
  const remove = async (questionId: string) => {
    const { confirm } = await Taro.showModal({ title: '移出错题本', content: '这道题以后不再安排复习，确定移出吗？', confirmText: '移出', cancelText: '保留' });
    if (!confirm) return;
    setRemoving(questionId);
    const res = await callResident('removeReviewItem', { questionId });
    setRemoving(null);
    if (res.ok) await state.reload();
    else void Taro.showToast({ title: res.message, icon: 'none' });
  };

  return (
    <Screen>
      <AsyncView state={state}>
        {(book) => (
          <>
            <View className="card" data-testid="book-summary">
              <Text className="card__title">我的错题本</Text>
              <Text className="t-m t-block">共 {book.total} 题。答错的题会按 1、3、7、14、30 天安排复习，最后一轮也答对就算学会了，会自动移出。</Text>
              {book.dueCount > 0 ? (
                <Button className="btn btn--primary" onClick={() => void Taro.navigateTo({ url: routes.study('review') })}>
                  今日复习 {book.dueCount} 题
                </Button>
              ) : book.total > 0 ? (
                <Text className="t-s t-block">今天没有要复习的题。</Text>
              ) : null}
            </View>
            {book.total === 0 ? <Empty message="错题本是空的。答错的题会记在这里，方便以后复习。" /> : null}
            {book.groups.map((g) => (
              <View key={g.law} data-testid={`book-law-${g.law}`}>
                <Text className="t-l t-block section-title">
                  {g.shortName}（{g.items.length} 题）
                </Text>
                {g.items.map((item) => (
                  <GradedItemCard key={item.questionId} item={item} heading={`${item.outcome === 'partial' ? '◐ 部分正确' : '✗ 答错过'}${item.wrongCount > 1 ? ` ${item.wrongCount} 次` : ''} · ${scheduleText(item.stage, item.dueDay, item.due)}`}>
                    <Button className="btn" disabled={removing === item.questionId} onClick={() => void remove(item.questionId)}>
                      {removing === item.questionId ? '正在移出…' : '移出错题本'}
                    </Button>
                  </GradedItemCard>
                ))}
              </View>
            ))}
          </>
        )}
      </AsyncView>
    </Screen>
  );
}
