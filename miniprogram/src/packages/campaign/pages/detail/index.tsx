import { View, Text, Image } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { CampaignPage } from '@contracts/resident';
import { Screen } from '@/shared/ui/Screen';
import { AsyncView } from '@/shared/ui/AsyncView';
import { ListItem } from '@/shared/ui/ListItem';
import { useServerData } from '@/shared/data/serverData';
import { residentQuery } from '@/shared/data/queries';
import { backExit } from '@/shared/platform/navigation';
import { formatDateTime } from '@/shared/format';
import { CAMPAIGN_STATE_LABEL } from '@contracts/labels';
import { routes } from '@/shared/routes';
import { StartQuizButton } from '@/features/quiz/StartQuizButton';
import { RemindMeButton } from '@/features/reminders/RemindMeButton';
import { useShare } from '@/features/share/useShare';
import { ShareButton } from '@/features/share/ShareButton';
import type { ShareSpec } from '@/features/share/share';

/** 活动详情: banner, summary, dates, rules with the resident's own standing, linked lessons, 开始答题 and 提醒我. */
export default function CampaignDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const page = useServerData(id ? residentQuery('getCampaign', { campaignId: id }) : null, { refreshOnShow: true });
  const card = page.data?.card;
  const share = card ? campaignShare(card) : null;
  useShare(share);
  return (
    <Screen>
      <AsyncView state={page} loadingLabel="正在打开活动…" exit={backExit()}>
        {(data) => (
          <>
            <Detail data={data} />
            {share ? <ShareButton path={share.path} label="分享这个活动" /> : null}
          </>
        )}
      </AsyncView>
    </Screen>
  );
}

/** A shared 活动详情 opens home with ?campaign=<id>, which opens this page over home (so 返回 leads somewhere). */
function campaignShare(card: CampaignPage['card']): ShareSpec {
  return { title: `${card.title}：${card.bannerText}`, kicker: '普法活动', path: `${routes.home}?campaign=${encodeURIComponent(card.id)}`, timelineQuery: `id=${encodeURIComponent(card.id)}`, record: { target: 'campaign', targetId: card.id } };
}

function Detail({ data }: { data: CampaignPage }) {
  const { card, progress, lessons } = data;
  const live = card.state === 'live';
  return (
    <>
      <View className="card campaign" data-testid="campaign-detail">
        {card.bannerImage && process.env.TARO_ENV === 'weapp' ? <Image className="campaign__image" src={card.bannerImage} mode="widthFix" /> : null}
        <Text className="tag">{CAMPAIGN_STATE_LABEL[card.state]}</Text>
        <Text className="t-xl t-block">{card.title}</Text>
        <Text className="t-m t-block campaign__banner">{card.bannerText}</Text>
        {card.summary ? <Text className="t-m t-block campaign__summary">{card.summary}</Text> : null}
        <Text className="t-s t-block">
          活动时间：{formatDateTime(card.start)} 至 {formatDateTime(card.end)}
        </Text>
        {card.themeLaws.length ? <Text className="t-s t-block">主题法律：{card.themeLaws.map((l) => l.shortName).join('、')}</Text> : null}
      </View>

      <View className="card" data-testid="campaign-rules">
        <Text className="card__title">答题规则</Text>
        <Rule label="每次题数" value={`${card.questionsPerQuiz} 题`} />
        <Rule label="合格分" value={`${card.passMark} 分（满分 100 分）`} />
        <Rule label="每天可答" value={`${card.attemptsPerDay} 次`} />
        {live ? <Rule label="今天还剩" value={`${progress.attemptsLeftToday} 次`} testId="rule-left-today" /> : null}
        <Rule label="我的最好成绩" value={progress.bestScore === null ? '还没有答过' : `${progress.bestScore} 分${progress.passed ? '，已合格' : ''}`} testId="rule-best" />
        <StartQuizButton campaign={card} progress={progress} />
        {live || card.state === 'scheduled' ? <RemindMeButton campaignId={card.id} source="campaign" /> : null}
      </View>

      {lessons.length ? (
        <View className="card" data-testid="campaign-lessons">
          <Text className="card__title">答题前先学一学</Text>
          {lessons.map((l) => (
            <ListItem
              key={l.id}
              title={l.title}
              lines={[`约 ${l.readingMinutes} 分钟`]}
              trailing={<Text className="mark-read">{l.read ? '✓ 已读' : '去阅读 ›'}</Text>}
              onPress={() => Taro.navigateTo({ url: routes.lesson(l.id, card.id) })}
              testId="campaign-lesson"
            />
          ))}
        </View>
      ) : null}
    </>
  );
}

function Rule({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <View className="rule" data-testid={testId}>
      <Text className="rule__label">{label}</Text>
      <Text className="rule__value">{value}</Text>
    </View>
  );
}
