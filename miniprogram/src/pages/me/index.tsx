import { View, Text, Picker, Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Screen } from '@/shared/ui/Screen';
import { AsyncView } from '@/shared/ui/AsyncView';
import { ListItem } from '@/shared/ui/ListItem';
import { FONT_CHOICES, useFontScaleStore } from '@/shared/ui/fontScaleStore';
import { useProfile } from '@/features/profile/useProfile';
import { routes } from '@/shared/routes';
import { formatDateTime } from '@/shared/format';
import { StaffEntryCard } from '@/features/staff/StaffEntryCard';
import { PointsCard } from '@/features/points/PointsCard';

export default function MePage() {
  const { profile, attempts, saving, saveError, chooseVillage } = useProfile();
  const { chosen, choose } = useFontScaleStore();
  return (
    <Screen>
      <AsyncView state={profile}>
        {(p) => (
          <>
            <View className="card">
              <Text className="card__title">我所在的村（社区）</Text>
              <Picker mode="selector" range={p.villages.map((v) => v.name)} value={Math.max(0, p.villages.findIndex((v) => v.id === p.villageId))} onChange={(e) => void chooseVillage(p.villages[Number(e.detail.value)].id)} disabled={saving}>
                <View className="btn" data-testid="village-picker">{saving ? '正在保存…' : p.villageName ?? '点此选择'}</View>
              </Picker>
              <Text className="t-s t-block">只用于按村统计参与情况，不需要填写姓名和电话。</Text>
              {saveError ? <Text className="t-s t-block outcome--wrong">{saveError.message}</Text> : null}
            </View>
            <PointsCard />
            <View className="card">
              <Text className="card__title">我的学习</Text>
              <Text className="t-m t-block">已读课程 {p.lessonsRead} 课　答题 {p.attempts} 次</Text>
              {attempts.map((a) => (
                <ListItem
                  key={a.attemptId}
                  title={a.campaignTitle}
                  lines={[formatDateTime(a.submittedAt)]}
                  trailing={
                    <Text className={a.passed ? 'outcome--correct' : 'outcome--wrong'}>
                      {a.score} 分 {a.passed ? '合格' : '未合格'}
                    </Text>
                  }
                  onPress={() => Taro.navigateTo({ url: routes.result(a.attemptId) })}
                />
              ))}
            </View>
            <View className="card">
              <ListItem title="错题本" lines={['答错的题按时复习，学会了自动移出']} trailing={<Text className="t-m">›</Text>} onPress={() => void Taro.navigateTo({ url: routes.reviewBook })} testId="review-book-link" />
              <ListItem title="我的证书" lines={['答题合格得到的电子证书，可保存、转发、查验']} trailing={<Text className="t-m">›</Text>} onPress={() => void Taro.navigateTo({ url: routes.certificates })} testId="certificates-link" />
              <ListItem title="村村比拼" lines={[p.villageName ? `看看${p.villageName}在全镇排第几` : '各村（社区）按参与率比一比']} trailing={<Text className="t-m">›</Text>} onPress={() => void Taro.navigateTo({ url: routes.villageBoard() })} testId="village-board-link" />
            </View>
            <StaffEntryCard isStaff={p.isStaff} />
          </>
        )}
      </AsyncView>
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
