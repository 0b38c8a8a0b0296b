import { View, Text, Button } from '@tarojs/components';
import { usePullDownRefresh, stopPullDownRefresh } from '@tarojs/taro';
import { Screen } from '@/shared/ui/Screen';
import { AsyncView } from '@/shared/ui/AsyncView';
import { ListItem } from '@/shared/ui/ListItem';
import { useServerData } from '@/shared/data/serverData';
import { homeQuery } from '@/shared/data/homeQuery';
import { CampaignBanner } from '@/features/home/CampaignBanner';
import { LegalHelpCard } from '@/features/home/LegalHelpCard';
import { LawGroupList } from '@/features/lessons/LawGroupList';
import { openQuiz } from '@/features/quiz/openQuiz';
import { RemindMeButton } from '@/features/reminders/RemindMeButton';
import { useShare } from '@/features/share/useShare';
import { LearningCard } from '@/features/review/LearningCard';

export default function HomePage() {
  const home = useServerData(homeQuery, { refreshOnShow: true });
  const lead = home.data?.campaigns[0];
  useShare(lead ? { title: `${lead.title}：${lead.bannerText}`, path: '/pages/home/index', target: 'campaign', targetId: lead.id } : null);
  usePullDownRefresh(() => {
    void home.reload().finally(() => stopPullDownRefresh());
  });

  return (
    <Screen className="home">
      <AsyncView state={home}>
        {(data) => (
          <>
            {data.campaigns.length === 0 ? (
              <View className="card">
                <Text className="card__title">近期没有进行中的普法活动</Text>
                <Text className="t-s">可以先学习下面的课程，活动开始后会在这里显示。</Text>
              </View>
            ) : (
              data.campaigns.map((c) => (
                <CampaignBanner
                  key={c.id}
                  campaign={c}
                  actions={
                    <>
                      <View className="btn-row">
                        <Button className="btn btn--primary" onClick={() => openQuiz(c.id)}>
                          开始答题
                        </Button>
                      </View>
                      <RemindMeButton campaignId={c.id} source="campaign" />
                    </>
                  }
                />
              ))
            )}
            {data.notices.length ? (
              <View className="card" data-testid="notices">
                <Text className="card__title">通知公告</Text>
                {data.notices.map((n) => (
                  <ListItem key={n.id} title={n.title} lines={[`${n.date}　${n.body}`]} />
                ))}
              </View>
            ) : null}
            <LearningCard />
            {!data.profile.villageId ? (
              <View className="card">
                <Text className="t-m">请到「我的」选择您所在的村（社区），方便镇里统计各村参与情况。</Text>
              </View>
            ) : null}
            <Text className="t-l t-block section-title">一分钟学法</Text>
            <LawGroupList groups={data.lawGroups} limit={2} />
            <LegalHelpCard help={data.legalHelp} />
            {home.loading ? <Text className="t-s">正在刷新…</Text> : null}
          </>
        )}
      </AsyncView>
    </Screen>
  );
}
