import { View, Text, Image, Button } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Screen } from '@/shared/ui/Screen';
import { AsyncView } from '@/shared/ui/AsyncView';
import { ListItem } from '@/shared/ui/ListItem';
import { useServerData } from '@/shared/data/serverData';
import { staffQuery } from '@/shared/data/queries';
import { CampaignBanner } from '@/features/home/CampaignBanner';
import { STATE_LABEL } from '@/features/staff/labels';
import type { CampaignPreview } from '@contracts/staff';
import '@/features/staff/staff.scss';

/** The campaign as a resident sees it: the home-page card, its lessons, and a sample of the quiz (no answers). */
export default function PreviewPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const preview = useServerData(staffQuery('previewCampaign', { id }));
  return (
    <Screen>
      <AsyncView state={preview}>{(data) => <Preview data={data} />}</AsyncView>
    </Screen>
  );
}

function Preview({ data }: { data: CampaignPreview }) {
  return (
    <>
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
      <CampaignBanner
        campaign={data.card}
        actions={
          <View className="btn-row">
            <Button className="btn btn--primary" disabled>
              开始答题
            </Button>
          </View>
        }
      />
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
          <ListItem key={q.id} title={`${i + 1}. ${q.stem}`} lines={q.type === 'judge' ? ['（判断题：正确 / 错误）'] : q.options.map((o) => `${o.key}. ${o.text}`)} />
        ))}
      </View>
    </>
  );
}
