import { useEffect } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Screen } from '@/shared/ui/Screen';
import { AsyncView } from '@/shared/ui/AsyncView';
import { useQuizStore } from '@/features/quiz/quizStore';
import { QuizRunner } from '@/features/quiz/QuizRunner';
import { routes } from '@/shared/routes';

export default function QuizPage() {
  const { params } = useRouter();
  const campaignId = params.campaignId ?? '';
  const { view: quiz, draft, status, error, current, start, prepare, answer, goTo, submit } = useQuizStore();
  useEffect(() => {
    void prepare(campaignId);
  }, [campaignId]);
  useEffect(() => {
    if (status === 'done' && quiz) Taro.redirectTo({ url: routes.result(quiz.attemptId) });
  }, [status]);

  if (!quiz || quiz.campaignId !== campaignId || status === 'loading') {
    const failed = status === 'error' ? error : null;
    return (
      <Screen>
        <AsyncView state={{ data: null, error: failed, fromCache: false, reload: () => start(campaignId) }} loadingLabel="正在出题…" exit={{ label: '返回首页', onPress: () => void Taro.switchTab({ url: routes.home }) }}>
          {() => null}
        </AsyncView>
      </Screen>
    );
  }
  return (
    <Screen className="quiz">
      <QuizRunner title={quiz.campaignTitle} questions={quiz.questions} answers={draft?.answers ?? {}} current={current} submitting={status === 'submitting'} error={error} onAnswer={answer} onGoTo={goTo} onSubmit={submit} />
    </Screen>
  );
}
