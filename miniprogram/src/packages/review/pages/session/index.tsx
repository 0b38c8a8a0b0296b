import { useEffect } from 'react';
import { View, Text, Button } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { StudyKind } from '@contracts/resident';
import { Screen } from '@/shared/ui/Screen';
import { AsyncView } from '@/shared/ui/AsyncView';
import { routes } from '@/shared/routes';
import { QuizRunner } from '@/features/quiz/QuizRunner';
import { GradedItemCard, OUTCOME } from '@/features/quiz/ResultView';
import { useStudyStore } from '@/features/review/studyStore';
import '@/features/quiz/quiz.scss';

/** 每日一练 (kind=practice) or 错题复习 (kind=review): the quiz screens, then the graded answers on the same page. */
export default function StudyPage() {
  const { params } = useRouter();
  const kind: StudyKind = params.kind === 'review' ? 'review' : 'practice';
  const { view, draft, result, status, error, current, start, answer, goTo, submit } = useStudyStore();
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: kind === 'review' ? '错题复习' : '每日一练' });
    void start(kind);
  }, [kind]);
  const home = { label: '返回首页', onPress: () => void Taro.switchTab({ url: routes.home }) };

  if (!view || view.kind !== kind || status === 'loading') {
    return (
      <Screen>
        <AsyncView state={{ data: null, error: status === 'error' ? error : null, fromCache: false, reload: () => start(kind) }} loadingLabel="正在出题…" exit={home}>
          {() => null}
        </AsyncView>
      </Screen>
    );
  }
  if (status === 'done' && result) {
    return (
      <Screen>
        <View className="card" data-testid="score">
          <Text className="t-s t-block">{result.title}</Text>
          <Text className="score">{result.score} 分</Text>
          <Text className="t-m t-block">
            共 {result.total} 题，答对 {result.correctCount} 题
          </Text>
          {result.mastered > 0 ? (
            <Text className="t-m t-block outcome--correct" data-testid="mastered">
              ✓ {result.mastered} 道错题已经学会，移出了错题本
            </Text>
          ) : null}
          {result.correctCount < result.total ? <Text className="t-s t-block">答错的题已记入错题本，明天会安排复习。</Text> : null}
        </View>
        {result.items.map((item, i) => (
          <GradedItemCard key={item.questionId} item={item} heading={`第 ${i + 1} 题　${OUTCOME[item.outcome]}`} />
        ))}
        <Button className="btn btn--primary" onClick={() => void Taro.redirectTo({ url: routes.reviewBook })}>
          看我的错题本
        </Button>
        <Button className="btn" onClick={home.onPress}>
          返回首页
        </Button>
      </Screen>
    );
  }
  return (
    <Screen className="quiz">
      <QuizRunner title={view.title} questions={view.questions} answers={draft?.answers ?? {}} current={current} submitting={status === 'submitting'} error={error} onAnswer={answer} onGoTo={goTo} onSubmit={submit} />
    </Screen>
  );
}
