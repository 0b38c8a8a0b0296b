import type { ReactNode } from 'react';
import { View, Text, Image } from '@tarojs/components';
import type { CampaignCard } from '@contracts/resident';
import { formatDay } from '@/shared/format';

/** A live campaign's card; the page puts its buttons (开始答题, 提醒我) in `actions`. */
export function CampaignBanner({ campaign, actions }: { campaign: CampaignCard; actions?: ReactNode }) {
  return (
    <View className="card campaign" data-testid="campaign-banner">
      {/* cloud:// fileIDs load in WeChat; the H5 build (local) has no cloud storage URL for them. */}
      {campaign.bannerImage && process.env.TARO_ENV === 'weapp' ? <Image src={campaign.bannerImage} mode="widthFix" style="width: 100%; border-radius: 12px" /> : null}
      <Text className="tag">进行中</Text>
      <Text className="t-xl t-block">{campaign.title}</Text>
      <Text className="t-m t-block campaign__banner">{campaign.bannerText}</Text>
      <Text className="t-s t-block">
        {formatDay(campaign.start)} 至 {formatDay(campaign.end)} · 每次 {campaign.questionsPerQuiz} 题 · {campaign.passMark} 分合格 · 每天可答 {campaign.attemptsPerDay} 次
      </Text>
      {actions}
    </View>
  );
}
