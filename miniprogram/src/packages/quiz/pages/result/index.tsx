import { Button } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Screen } from '@/shared/ui/Screen';
import { AsyncView } from '@/shared/ui/AsyncView';
import { useServerData } from '@/shared/data/serverData';
import { residentQuery } from '@/shared/data/queries';
import { ResultView } from '@/features/quiz/ResultView';
import { useQuizStore } from '@/features/quiz/quizStore';
import { routes } from '@/shared/routes';
import { RemindMeButton } from '@/features/reminders/RemindMeButton';

export default function ResultPage() {
  const { params } = useRouter();
  const attemptId = params.attemptId ?? '';
  // Just submitted: the quiz store has the result; opened from 我的 or a reload: ask the server.
  const fromStore = useQuizStore((s) => (s.result?.attemptId === attemptId ? s.result : null));
  const fetched = useServerData(fromStore ? null : residentQuery('getAttempt', { attemptId }));
  return (
    <Screen>
      <AsyncView state={{ ...fetched, data: fromStore ?? fetched.data }} loadingLabel="正在读取成绩…">
        {(result) => (
          <>
            <ResultView result={result} />
            <Button className="btn btn--primary" onClick={() => Taro.redirectTo({ url: routes.quiz(result.campaignId) }).then(() => useQuizStore.getState().start(result.campaignId, true))}>
              再答一次
            </Button>
            <Button className="btn" onClick={() => Taro.switchTab({ url: routes.home })}>
              返回首页
            </Button>
            <RemindMeButton campaignId={result.campaignId} source="quiz" />
          </>
        )}
      </AsyncView>
    </Screen>
  );
}
