import type { ReactNode } from 'react';
import { View, Text, Image } from '@tarojs/components';
import type { CampaignCard, CampaignProgress } from '@contracts/resident';
import { chinaDay, windowLabel, yearOf } from '@contracts/time';
import { CAMPAIGN_STATE_LABEL } from '@contracts/labels';

/** What the resident has done in this campaign's quiz: attempts left today and the best score. */
export function progressText(card: Pick<CampaignCard, 'attemptsPerDay' | 'state'>, progress: CampaignProgress | undefined): string {
  if (!progress) return '';
  const best = progress.bestScore === null ? '还没有答过' : `我的最好成绩 ${progress.bestScore} 分${progress.passed ? '（已合格）' : ''}`;
  if (card.state !== 'live') return best;
  const today = progress.attemptsLeftToday > 0 ? `今天还能答 ${progress.attemptsLeftToday} 次` : `今天的 ${card.attemptsPerDay} 次已答完，明天再来`;
  return `${today} · ${best}`;
}

/** A campaign's card; tapping the title or 查看活动详情 opens 活动详情 (`onOpen`); the page puts its buttons in `actions`. */
export function CampaignBanner({ campaign, progress, onOpen, actions }: { campaign: CampaignCard; progress?: CampaignProgress; onOpen?: () => void; actions?: ReactNode }) {
  return (
    <View className="card campaign" data-testid="campaign-banner">
      {/* cloud:// fileIDs load in WeChat; the H5 build (local) has no cloud storage URL for them. */}
      {campaign.bannerImage && process.env.TARO_ENV === 'weapp' ? <Image className="campaign__image" src={campaign.bannerImage} mode="widthFix" /> : null}
      <Text className="tag">{CAMPAIGN_STATE_LABEL[campaign.state]}</Text>
      <Text className="t-xl t-block" onClick={onOpen}>
        {campaign.title}
      </Text>
      <Text className="t-m t-block campaign__banner">{campaign.bannerText}</Text>
      <Text className="t-s t-block">
        {windowLabel(campaign.start, campaign.end, yearOf(chinaDay(Date.now())))} · 每次 {campaign.questionsPerQuiz} 题 · {campaign.passMark} 分合格 · 每天可答 {campaign.attemptsPerDay} 次
      </Text>
      {progress ? (
        <Text className="t-m t-block campaign__progress" data-testid="campaign-progress">
          {progressText(campaign, progress)}
        </Text>
      ) : null}
      {actions}
      {onOpen ? (
        <View className="link-row" onClick={onOpen} role="link" data-testid="campaign-open">
          <Text className="t-m">查看活动详情 ›</Text>
        </View>
      ) : null}
    </View>
  );
}
