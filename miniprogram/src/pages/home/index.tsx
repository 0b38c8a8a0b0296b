import { useEffect } from 'react';
import { View, Text, Button } from '@tarojs/components';
import { useDidShow, usePullDownRefresh, stopPullDownRefresh } from '@tarojs/taro';
import { Screen } from '@/shared/ui/Screen';
import { ErrorState, Loading } from '@/shared/ui/StateView';
import { useHomeStore } from '@/features/home/homeStore';
import { CampaignBanner } from '@/features/home/CampaignBanner';
import { LegalHelpCard } from '@/features/home/LegalHelpCard';
import { LawGroupList } from '@/features/lessons/LawGroupList';
import { useShare } from '@/features/share/useShare';
import { LearningCard } from '@/features/review/LearningCard';

export default function HomePage() {
  const { home, fromCache, loading, error, load } = useHomeStore();
  useEffect(() => {
    if (!home) void load();
  }, []);
  useDidShow(() => {
    if (home) void load();
  });
  const lead = home?.campaigns[0];
  useShare(lead ? { title: `${lead.title}：${lead.bannerText}`, path: '/pages/home/index', target: 'campaign', targetId: lead.id } : null);
  usePullDownRefresh(() => {
    void load().finally(() => stopPullDownRefresh());
  });

  if (!home) {
    return <Screen>{error ? <ErrorState message={error.message} onRetry={load} /> : <Loading />}</Screen>;
  }
  return (
    <Screen className="home">
      {error ? (
        <View className="card" role="alert" data-testid="stale-notice">
          <Text className="t-m t-block">{error.message}</Text>
          <Text className="t-s t-block">{fromCache ? '下面是您上次打开时的内容。' : '下面是刚才的内容。'}</Text>
          <Button className="btn" onClick={load}>
            重试
          </Button>
        </View>
      ) : null}
      {home.campaigns.length === 0 ? (
        <View className="card">
          <Text className="card__title">近期没有进行中的普法活动</Text>
          <Text className="t-s">可以先学习下面的课程，活动开始后会在这里显示。</Text>
        </View>
      ) : (
        home.campaigns.map((c) => <CampaignBanner key={c.id} campaign={c} />)
      )}
      {home.notices.length ? (
        <View className="card" data-testid="notices">
          <Text className="card__title">通知公告</Text>
          {home.notices.map((n) => (
            <View className="list-item" key={n.id}>
              <View className="list-item__main">
                <Text className="t-m t-block">{n.title}</Text>
                <Text className="t-s t-block">{n.date}　{n.body}</Text>
              </View>
            </View>
          ))}
        </View>
      ) : null}
      <LearningCard />
      {!home.profile.villageId ? (
        <View className="card">
          <Text className="t-m">请到「我的」选择您所在的村（社区），方便镇里统计各村参与情况。</Text>
        </View>
      ) : null}
      <Text className="t-l t-block section-title">一分钟学法</Text>
      <LawGroupList groups={home.lawGroups} limit={2} />
      <LegalHelpCard help={home.legalHelp} />
      {loading ? <Text className="t-s">正在刷新…</Text> : null}
    </Screen>
  );
}
