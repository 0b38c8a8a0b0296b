import { useEffect } from 'react';
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
import { useShare } from '@/features/share/useShare';
import { ShareButton } from '@/features/share/ShareButton';
import type { ShareSpec } from '@/features/share/share';

/**
 * A result is the resident's own: a friend opening a shared result gets the campaign instead (chat cards open
 * home with ?campaign=<id>; 朋友圈 reopens this page with ?campaignId=<id>, which goes on to 活动详情).
 */
function resultShare(result: { campaignId: string; campaignTitle: string; score: number; passed: boolean }): ShareSpec {
  return {
    title: result.passed ? `我在“${result.campaignTitle}”答题得了 ${result.score} 分，你也来试试` : `“${result.campaignTitle}”普法答题，你也来试试`,
    kicker: '普法答题',
    path: `${routes.home}?campaign=${encodeURIComponent(result.campaignId)}`,
    timelineQuery: `campaignId=${encodeURIComponent(result.campaignId)}`,
    record: { target: 'campaign', targetId: result.campaignId },
  };
}

export default function ResultPage() {
  const { params } = useRouter();
  const attemptId = params.attemptId ?? '';
  const sharedCampaign = !attemptId && params.campaignId ? params.campaignId : null;
  useEffect(() => {
    if (sharedCampaign) void Taro.redirectTo({ url: routes.campaign(sharedCampaign) });
  }, [sharedCampaign]);
  // Just submitted: the quiz store has the result; opened from 我的 or a reload: ask the server.
  const fromStore = useQuizStore((s) => (s.result?.attemptId === attemptId ? s.result : null));
  const fetched = useServerData(fromStore || !attemptId ? null : residentQuery('getAttempt', { attemptId }));
  const campaignId = (fromStore ?? fetched.data)?.campaignId;
  // Whether another attempt is possible today: always asked again here (maxAgeMs 0), since a copy fetched before
  // this attempt was handed in (活动详情, seconds ago) still counts it as left; nothing is offered until it answers.
  const standing = useServerData(campaignId ? residentQuery('getCampaign', { campaignId }) : null, { maxAgeMs: 0 });
  const campaign = standing.loading ? null : standing.data;
  const again = campaign && campaign.card.state === 'live' && campaign.progress.attemptsLeftToday > 0;
  const shown = fromStore ?? fetched.data;
  const share = shown ? resultShare(shown) : null;
  useShare(share);
  // A passed attempt earned (or raised) the campaign's certificate on the server.
  const certificate = useServerData(shown?.passed ? residentQuery('listMyCertificates', {}) : null).data?.find((c) => c.campaignId === shown?.campaignId);
  if (sharedCampaign) return <Screen />;
  return (
    <Screen>
      <AsyncView state={{ ...fetched, data: fromStore ?? fetched.data }} loadingLabel="正在读取成绩…">
        {(result) => (
          <>
            {certificate ? (
              <View className="card" data-testid="result-certificate">
                <Text className="card__title">🎓 获得电子证书（{certificate.grade}）</Text>
                <Text className="t-s t-block">可以保存到手机、转发给朋友，扫证书上的码能查验真伪。</Text>
                <Button className="btn btn--primary" onClick={() => void Taro.navigateTo({ url: routes.certificate(certificate.number) })} data-testid="result-certificate-open">
                  查看证书
                </Button>
              </View>
            ) : null}
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
            {share ? <ShareButton path={share.path} label="邀请朋友来答题" /> : null}
          </>
        )}
      </AsyncView>
    </Screen>
  );
}
