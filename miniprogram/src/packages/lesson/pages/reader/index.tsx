import { View, Text, Button } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Screen } from '@/shared/ui/Screen';
import { AsyncView } from '@/shared/ui/AsyncView';
import { CitationBlock } from '@/shared/ui/CitationBlock';
import { useServerData } from '@/shared/data/serverData';
import { homeQuery } from '@/shared/data/homeQuery';
import { useLesson } from '@/features/lessons/useLesson';
import { openQuiz } from '@/features/quiz/openQuiz';
import { useShare } from '@/features/share/useShare';
import { ShareButton } from '@/features/share/ShareButton';
import { routes } from '@/shared/routes';
import { backExit } from '@/shared/platform/navigation';

export default function LessonReaderPage() {
  const { params } = useRouter();
  const lessonId = params.id ?? '';
  const campaignId = params.campaignId;
  const lesson = useLesson(lessonId, campaignId);
  // The live campaigns (for 去答题): what home already knows, asked again only when older than 5 minutes.
  const liveCampaigns = useServerData(homeQuery, { maxAgeMs: 5 * 60e3 }).data?.campaigns ?? [];
  const share = lesson.data ? { title: lesson.data.title, kicker: '一分钟学法', path: routes.lesson(lesson.data.id), timelineQuery: `id=${encodeURIComponent(lesson.data.id)}`, record: { target: 'lesson' as const, targetId: lesson.data.id } } : null;
  useShare(share);

  return (
    <Screen className="lesson">
      <AsyncView state={{ ...lesson, error: lesson.offline ? null : lesson.error }} loadingLabel="正在打开课程…" exit={backExit()}>
        {(l) => {
          const quizCampaign = liveCampaigns.find((c) => l.campaignIds.includes(c.id) || c.themeLaws.some((t) => t.id === l.law));
          return (
            <>
              {lesson.offline ? (
                <View className="card" role="status">
                  <Text className="t-s">网络不给力，这是您之前打开过的内容。</Text>
                </View>
              ) : null}
              <View className="card">
                <Text className="tag">{l.lawShortName}</Text>
                <Text className="tag">约 {l.readingMinutes} 分钟</Text>
                {l.read ? (
                  <Text className="tag" data-testid="lesson-read">
                    ✓ 已读
                  </Text>
                ) : null}
                <Text className="t-xl t-block lesson__title" data-testid="lesson-title">
                  {l.title}
                </Text>
                {l.body.split(/\n+/).map((p, i) => (
                  <Text className="t-m t-block lesson__para" key={i}>
                    {p}
                  </Text>
                ))}
              </View>
              <View className="card">
                <Text className="card__title">法条原文</Text>
                {l.citations.map((c) => (
                  <CitationBlock key={c.article} citation={c} lawTitle={l.lawTitle} />
                ))}
              </View>
              {quizCampaign ? (
                <Button className="btn btn--primary" onClick={() => openQuiz(quizCampaign.id)}>
                  学完了，去答题
                </Button>
              ) : null}
              {share ? <ShareButton path={share.path} label="分享这一课" /> : null}
            </>
          );
        }}
      </AsyncView>
    </Screen>
  );
}
