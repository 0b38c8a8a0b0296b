import { useEffect, useState } from 'react';
import { Button } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { AttemptResult } from '@contracts/resident';
import { Screen } from '@/shared/ui/Screen';
import { ErrorState, Loading } from '@/shared/ui/StateView';
import { ResultView } from '@/features/quiz/ResultView';
import { useQuizStore } from '@/features/quiz/quizStore';
import { callResident, type CallFail } from '@/shared/api/callFunction';
import { routes } from '@/shared/routes';
import { RemindMeButton } from '@/features/reminders/RemindMeButton';

export default function ResultPage() {
  const { params } = useRouter();
  const attemptId = params.attemptId ?? '';
  const fromStore = useQuizStore((s) => (s.result?.attemptId === attemptId ? s.result : null));
  const [result, setResult] = useState<AttemptResult | null>(fromStore);
  const [error, setError] = useState<CallFail | null>(null);
  const load = async () => {
    setError(null);
    const res = await callResident('getAttempt', { attemptId });
    if (res.ok) setResult(res.data);
    else setError(res);
  };
  useEffect(() => {
    if (!result) void load();
  }, [attemptId]);
  if (!result) return <Screen>{error ? <ErrorState message={error.message} onRetry={load} /> : <Loading label="正在读取成绩…" />}</Screen>;
  return (
    <Screen>
      <ResultView result={result} />
      <Button className="btn btn--primary" onClick={() => Taro.redirectTo({ url: routes.quiz(result.campaignId) }).then(() => useQuizStore.getState().start(result.campaignId, true))}>
        再答一次
      </Button>
      <Button className="btn" onClick={() => Taro.switchTab({ url: routes.home })}>
        返回首页
      </Button>
      <RemindMeButton campaignId={result.campaignId} source="quiz" />
    </Screen>
  );
}
