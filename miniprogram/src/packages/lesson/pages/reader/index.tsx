import { useEffect } from 'react';
import { View, Text, Button } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { CampaignCard } from '@contracts/resident';
import { Screen } from '@/shared/ui/Screen';
import { ErrorState, Loading } from '@/shared/ui/StateView';
import { useLessonStore } from '@/features/lessons/lessonStore';
import { CitationBlock } from '@/features/lessons/CitationBlock';
import { useHomeStore } from '@/features/home/homeStore';
import { openQuiz } from '@/features/quiz/openQuiz';
import { useShare } from '@/features/share/useShare';
import { routes } from '@/shared/routes';

/** One shared empty list: a selector returning a new [] each time makes zustand re-render without end (React #185). */
const NO_CAMPAIGNS: CampaignCard[] = [];

export default function LessonReaderPage() {
  const { params } = useRouter();
  const lessonId = params.id ?? '';
  const campaignId = params.campaignId;
  const { lesson, offline, error, open } = useLessonStore();
  const liveCampaigns = useHomeStore((s) => s.home?.campaigns ?? NO_CAMPAIGNS);
  useEffect(() => {
    void open(lessonId, campaignId);
  }, [lessonId]);
  useShare(lesson && lesson.id === lessonId ? { title: `一分钟学法：${lesson.title}`, path: routes.lesson(lesson.id), target: 'lesson', targetId: lesson.id } : null);

  if (!lesson || lesson.id !== lessonId) {
    return <Screen>{error ? <ErrorState message={error.message} onRetry={() => open(lessonId, campaignId)} /> : <Loading label="正在打开课程…" />}</Screen>;
  }
  const quizCampaign = liveCampaigns.find((c) => lesson.campaignIds.includes(c.id) || c.themeLaws.some((l) => l.id === lesson.law));
  return (
    <Screen className="lesson">
      {offline ? (
        <View className="card" role="status">
          <Text className="t-s">网络不给力，这是您之前打开过的内容。</Text>
        </View>
      ) : null}
      <View className="card">
        <Text className="tag">{lesson.lawShortName}</Text>
        <Text className="tag">约 {lesson.readingMinutes} 分钟</Text>
        {lesson.read ? <Text className="tag" data-testid="lesson-read">✓ 已读</Text> : null}
        <Text className="t-xl t-block lesson__title" data-testid="lesson-title">
          {lesson.title}
        </Text>
        {lesson.body.split(/\n+/).map((p, i) => (
          <Text className="t-m t-block lesson__para" key={i}>
            {p}
          </Text>
        ))}
      </View>
      <View className="card">
        <Text className="card__title">法条原文</Text>
        {lesson.citations.map((c) => (
          <CitationBlock key={c.article} citation={c} lawTitle={lesson.lawTitle} />
        ))}
      </View>
      {quizCampaign ? (
        <Button className="btn btn--primary" onClick={() => openQuiz(quizCampaign.id)}>
          学完了，去答题
        </Button>
      ) : null}
    </Screen>
  );
}
