import { useEffect } from 'react';
import { View, Text, Picker, Button } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { Screen } from '@/shared/ui/Screen';
import { ErrorState, Loading } from '@/shared/ui/StateView';
import { FONT_CHOICES, useFontScaleStore } from '@/shared/ui/fontScaleStore';
import { useProfileStore } from '@/features/profile/profileStore';
import { routes } from '@/shared/routes';
import { formatDateTime } from '@/shared/format';
import { StaffEntryCard } from '@/features/staff/StaffEntryCard';

export default function MePage() {
  const { profile, attempts, loading, saving, error, load, chooseVillage } = useProfileStore();
  const { chosen, choose } = useFontScaleStore();
  useEffect(() => {
    void load();
  }, []);
  useDidShow(() => {
    if (profile) void load();
  });
  if (!profile) return <Screen>{error && !loading ? <ErrorState message={error.message} onRetry={load} /> : <Loading />}</Screen>;
  const villageIndex = Math.max(0, profile.villages.findIndex((v) => v.id === profile.villageId));
  return (
    <Screen>
      <View className="card">
        <Text className="card__title">我所在的村（社区）</Text>
        <Picker mode="selector" range={profile.villages.map((v) => v.name)} value={villageIndex} onChange={(e) => void chooseVillage(profile.villages[Number(e.detail.value)].id)} disabled={saving}>
          <View className="btn" data-testid="village-picker">{saving ? '正在保存…' : profile.villageName ?? '点此选择'}</View>
        </Picker>
        <Text className="t-s t-block">只用于按村统计参与情况，不需要填写姓名和电话。</Text>
        {error ? <Text className="t-s t-block outcome--wrong">{error.message}</Text> : null}
      </View>
      <View className="card">
        <Text className="card__title">我的学习</Text>
        <Text className="t-m t-block">已读课程 {profile.lessonsRead} 课　答题 {profile.attempts} 次</Text>
        {attempts.map((a) => (
          <View className="list-item" key={a.attemptId} onClick={() => Taro.navigateTo({ url: routes.result(a.attemptId) })}>
            <View className="list-item__main">
              <Text className="t-m t-block">{a.campaignTitle}</Text>
              <Text className="t-s">{formatDateTime(a.submittedAt)}</Text>
            </View>
            <Text className={a.passed ? 'outcome--correct' : 'outcome--wrong'}>
              {a.score} 分 {a.passed ? '合格' : '未合格'}
            </Text>
          </View>
        ))}
      </View>
      <View className="card">
        <View className="list-item" onClick={() => void Taro.navigateTo({ url: routes.reviewBook })} data-testid="review-book-link">
          <View className="list-item__main">
            <Text className="t-m t-block">错题本</Text>
            <Text className="t-s t-block">答错的题按时复习，学会了自动移出</Text>
          </View>
          <Text className="t-m">›</Text>
        </View>
      </View>
      <StaffEntryCard isStaff={profile.isStaff} />
      <View className="card">
        <Text className="card__title">字体大小</Text>
        <View className="btn-row">
          {FONT_CHOICES.map((c) => (
            <Button key={c.label} className={`btn ${chosen === c.value ? 'btn--primary' : ''}`} onClick={() => choose(c.value)} aria-pressed={chosen === c.value}>
              {chosen === c.value ? '✓ ' : ''}
              {c.label}
            </Button>
          ))}
        </View>
      </View>
    </Screen>
  );
}
