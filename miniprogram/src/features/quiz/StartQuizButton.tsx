import { Button, Text, View } from '@tarojs/components';
import type { CampaignCard, CampaignProgress } from '@contracts/resident';
import { formatDateTime } from '@/shared/format';
import { openQuiz } from './openQuiz';

/**
 * 开始答题 when the campaign is live and the resident has attempts left today; otherwise says why not
 * (not started yet, ended, today's attempts used) instead of a button that leads to a refusal.
 */
export function StartQuizButton({ campaign, progress, label = '开始答题' }: { campaign: CampaignCard; progress?: CampaignProgress; label?: string }) {
  const why =
    campaign.state === 'scheduled'
      ? `答题 ${formatDateTime(campaign.start)} 开始`
      : campaign.state !== 'live'
        ? '活动已结束，不能再答题了'
        : progress && progress.attemptsLeftToday <= 0
          ? `今天的 ${campaign.attemptsPerDay} 次答题机会已用完，明天再来吧`
          : null;
  if (why) {
    return (
      <View className="notice-line" data-testid="quiz-unavailable">
        <Text className="t-m">{why}</Text>
      </View>
    );
  }
  return (
    <View className="btn-row">
      <Button className="btn btn--primary" onClick={() => openQuiz(campaign.id)} data-testid="start-quiz">
        {label}
      </Button>
    </View>
  );
}
