import { View, Text, Button } from '@tarojs/components';
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
  const campaignId = (fromStore ?? fetched.data)?.campaignId;
  // Whether another attempt is possible today: always asked again here (maxAgeMs 0), since a copy fetched before
  // this attempt was handed in (活动详情, seconds ago) still counts it as left; nothing is offered until it answers.
  const standing = useServerData(campaignId ? residentQuery('getCampaign', { campaignId }) : null, { maxAgeMs: 0 });
  const campaign = standing.loading ? null : standing.data;
  const again = campaign && campaign.card.state === 'live' && campaign.progress.attemptsLeftToday > 0;
  return (
    <Screen>
      <AsyncView state={{ ...fetched, data: fromStore ?? fetched.data }} loadingLabel="正在读取成绩…">
        {(result) => (
          <>
            <ResultView result={result} />
            {again ? (
              <Button className="btn btn--primary" onClick={() => Taro.redirectTo({ url: routes.quiz(result.campaignId) }).then(() => useQuizStore.getState().start(result.campaignId, true))} data-testid="quiz-again">
                再答一次（今天还能答 {campaign.progress.attemptsLeftToday} 次）
              </Button>
            ) : campaign ? (
              <View className="notice-line" data-testid="quiz-no-more">
                <Text className="t-m">{campaign.card.state === 'live' ? `今天的 ${campaign.card.attemptsPerDay} 次答题机会已用完，明天再来吧。` : '这个活动的答题已经结束。'}</Text>
              </View>
            ) : null}
            <Button className="btn" onClick={() => Taro.navigateTo({ url: routes.campaign(result.campaignId) })}>
              查看活动详情
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
