import { View, Text, Image } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Screen } from '@/shared/ui/Screen';
import { ErrorState, Loading } from '@/shared/ui/StateView';
import { CampaignBanner } from '@/features/home/CampaignBanner';
import { callStaff } from '@/features/staff/staffApi';
import { useLoad } from '@/features/staff/useCall';
import { STATE_LABEL } from '@/features/staff/labels';
import '@/features/staff/staff.scss';

/** The campaign as a resident sees it: the home-page card, its lessons, and a sample of the quiz (no answers). */
export default function PreviewPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const { data, error, reload } = useLoad(() => callStaff('previewCampaign', { id }), [id]);
  if (!data) return <Screen>{error ? <ErrorState message={error.message} onRetry={reload} /> : <Loading />}</Screen>;
  return (
    <Screen>
      <View className="card" data-testid="preview-status">
        <Text className="tag">{STATE_LABEL[data.card.state]}</Text>
        <Text className="t-s t-block">以下是居民在首页和答题时看到的样子。</Text>
        {data.warnings.map((w) => (
          <Text key={w} className="warn">
            ⚠️ {w}
          </Text>
        ))}
      </View>
      {data.bannerImageUrl ? <Image src={data.bannerImageUrl} mode="widthFix" style="width: 100%; border-radius: 20px; margin-bottom: 16px" /> : null}
      <CampaignBanner campaign={data.card} />
      {data.summary ? (
        <View className="card">
          <Text className="t-m">{data.summary}</Text>
        </View>
      ) : null}
      <View className="card">
        <Text className="card__title">关联课程</Text>
        {data.lessons.length ? data.lessons.map((l) => <Text key={l.id} className="t-m t-block">· {l.title}</Text>) : <Text className="t-s">没有关联课程</Text>}
      </View>
      <View className="card">
        <Text className="card__title">试出一套题（题库共 {data.poolSize} 道）</Text>
        {data.sampleQuestions.map((q, i) => (
          <View key={q.id} className="list-item">
            <View className="list-item__main">
              <Text className="t-m t-block">
                {i + 1}. {q.stem}
              </Text>
              {q.type === 'judge' ? <Text className="t-s t-block">（判断题：正确 / 错误）</Text> : q.options.map((o) => <Text key={o.key} className="t-s t-block">{o.key}. {o.text}</Text>)}
            </View>
          </View>
        ))}
      </View>
    </Screen>
  );
}
