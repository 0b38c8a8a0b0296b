import { useEffect } from 'react';
import { View, Text, Button } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Screen } from '@/shared/ui/Screen';
import { AsyncView } from '@/shared/ui/AsyncView';
import { isAnswered, useQuizStore } from '@/features/quiz/quizStore';
import { QuestionCard } from '@/features/quiz/QuestionCard';
import { routes } from '@/shared/routes';
import '@/features/quiz/quiz.scss';

export default function QuizPage() {
  const { params } = useRouter();
  const campaignId = params.campaignId ?? '';
  const { quiz, draft, status, error, current, start, prepare, answer, goTo, submit } = useQuizStore();
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
  const question = quiz.questions[current];
  const answers = draft?.answers ?? {};
  const answered = quiz.questions.filter((q) => isAnswered(answers[q.id])).length;
  const last = current === quiz.questions.length - 1;
  const submitting = status === 'submitting';
  const onSubmit = async () => {
    const missing = quiz.questions.length - answered;
    if (missing > 0) {
      const { confirm } = await Taro.showModal({ title: '还有题没答', content: `还有 ${missing} 题没有作答，确定交卷吗？`, confirmText: '交卷', cancelText: '继续答' });
      if (!confirm) return;
    }
    await submit();
  };
  return (
    <Screen className="quiz">
      <Text className="t-l t-block">{quiz.campaignTitle}</Text>
      <View className="dots">
        {quiz.questions.map((q, i) => (
          <View key={q.id} className={`dot ${isAnswered(answers[q.id]) ? 'dot--answered' : ''} ${i === current ? 'dot--current' : ''}`} onClick={() => goTo(i)}>
            {i + 1}
            {isAnswered(answers[q.id]) ? '✓' : ''}
          </View>
        ))}
      </View>
      <QuestionCard question={question} index={current} total={quiz.questions.length} value={answers[question.id]} onChange={(v) => answer(question.id, v)} disabled={submitting} />
      {error ? (
        <View className="card" role="alert">
          <Text className="t-m outcome--wrong">{error.message}</Text>
          <Text className="t-s t-block">您的答案已保存在手机上，不会丢失，可以直接再次交卷。</Text>
        </View>
      ) : null}
      <View className="quiz-nav">
        <Button className="btn" disabled={current === 0 || submitting} onClick={() => goTo(current - 1)}>
          上一题
        </Button>
        {last ? (
          <Button className="btn btn--primary" disabled={submitting} loading={submitting} onClick={onSubmit} data-testid="submit">
            {submitting ? '正在交卷…' : error ? '重新交卷' : '交卷'}
          </Button>
        ) : (
          <Button className="btn btn--primary" onClick={() => goTo(current + 1)} data-testid="next">
            下一题
          </Button>
        )}
      </View>
      <Text className="t-s t-block">已答 {answered} / {quiz.questions.length} 题</Text>
    </Screen>
  );
}
