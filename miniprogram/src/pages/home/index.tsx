import { useEffect } from 'react';
import { View, Text } from '@tarojs/components';
import Taro, { usePullDownRefresh, stopPullDownRefresh, useRouter } from '@tarojs/taro';
import { Screen } from '@/shared/ui/Screen';
import { AsyncView } from '@/shared/ui/AsyncView';
import { ListItem } from '@/shared/ui/ListItem';
import { useServerData } from '@/shared/data/serverData';
import { homeQuery } from '@/shared/data/homeQuery';
import { routes } from '@/shared/routes';
import { CampaignBanner } from '@/features/home/CampaignBanner';
import { LegalHelpCard } from '@/features/home/LegalHelpCard';
import { LawGroupList } from '@/features/lessons/LawGroupList';
import { StartQuizButton } from '@/features/quiz/StartQuizButton';
import { RemindMeButton } from '@/features/reminders/RemindMeButton';
import { useShare } from '@/features/share/useShare';
import { LearningCard } from '@/features/review/LearningCard';
import { PointsCard } from '@/features/points/PointsCard';

/** Home lists a few laws, those of live campaigns first (the first screen stays small: one setData under 32 KB); the rest are one tap away on 学法. */
const HOME_LAWS = 4;
/** A push message or a shared card opens home with ?campaign=<id>: open its 活动详情 once. */
const opened = new Set<string>();

export default function HomePage() {
  const { params } = useRouter();
  const home = useServerData(homeQuery, { refreshOnShow: true });
  const lead = home.data?.campaigns[0];
  useShare(lead ? { title: `${lead.title}：${lead.bannerText}`, kicker: '普法活动', path: `${routes.home}?campaign=${encodeURIComponent(lead.id)}`, timelineQuery: `campaign=${encodeURIComponent(lead.id)}`, record: { target: 'campaign', targetId: lead.id } } : null);
  usePullDownRefresh(() => {
    void home.reload().finally(() => stopPullDownRefresh());
  });
  useEffect(() => {
    const id = params.campaign;
    if (id && !opened.has(id)) {
      opened.add(id);
      void Taro.navigateTo({ url: routes.campaign(id) });
    }
  }, [params.campaign]);

  return (
    <Screen className="home">
      <AsyncView state={home}>
        {(data) => {
          const themed = new Set(data.campaigns.flatMap((c) => c.themeLaws.map((l) => l.id)));
          const shownLaws = [...data.lawGroups.filter((g) => themed.has(g.law)), ...data.lawGroups.filter((g) => !themed.has(g.law))].slice(0, HOME_LAWS);
          const moreLaws = data.lawGroups.length - shownLaws.length;
          return (
            <>
              {data.campaigns.length === 0 ? (
                <View className="card">
                  <Text className="card__title">近期没有进行中的普法活动</Text>
                  <Text className="t-s">可以先学习下面的课程，活动开始后会在这里显示。</Text>
                </View>
              ) : (
                data.campaigns.map((c) => {
                  const progress = data.progress?.[c.id];
                  const open = () => void Taro.navigateTo({ url: routes.campaign(c.id) });
                  return (
                    <CampaignBanner
                      key={c.id}
                      campaign={c}
                      progress={progress}
                      onOpen={open}
                      actions={
                        <>
                          <StartQuizButton campaign={c} progress={progress} />
                          <RemindMeButton campaignId={c.id} source="campaign" />
                        </>
                      }
                    />
                  );
                })
              )}
              {data.notices.length ? (
                <View className="card" data-testid="notices">
                  <Text className="card__title">通知公告</Text>
                  {data.notices.map((n) => (
                    <ListItem key={n.id} title={n.title} lines={[`${n.date}　${n.body}`]} />
                  ))}
                </View>
              ) : null}
              <PointsCard />
              <LearningCard />
              {!data.profile.villageId ? (
                <View className="card">
                  <Text className="t-m">请到「我的」选择您所在的村（社区），方便镇里统计各村参与情况。</Text>
                </View>
              ) : null}
              <Text className="t-l t-block section-title">一分钟学法</Text>
              <LawGroupList groups={shownLaws} limit={2} />
              {moreLaws > 0 ? (
                <View className="card">
                  <ListItem title={`还有 ${moreLaws} 部法律的课程`} lines={['去「学法」按法律查看、搜索']} trailing={<Text className="t-m">›</Text>} onPress={() => void Taro.switchTab({ url: routes.learn })} testId="more-laws" />
                </View>
              ) : null}
              <LegalHelpCard help={data.legalHelp} />
              {home.loading ? <Text className="t-s">正在刷新…</Text> : null}
            </>
          );
        }}
      </AsyncView>
    </Screen>
  );
}
