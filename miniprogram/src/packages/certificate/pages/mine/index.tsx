import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Screen } from '@/shared/ui/Screen';
import { AsyncView } from '@/shared/ui/AsyncView';
import { ListItem } from '@/shared/ui/ListItem';
import { useServerData } from '@/shared/data/serverData';
import { residentQuery } from '@/shared/data/queries';
import { routes } from '@/shared/routes';
import { chineseDate } from '@contracts/time';

/** 我的证书: one per campaign passed, newest first; each opens the certificate. */
export default function MyCertificatesPage() {
  const list = useServerData(residentQuery('listMyCertificates', {}), { refreshOnShow: true });
  return (
    <Screen>
      <View className="card">
        <Text className="card__title">我的证书</Text>
        <Text className="t-s t-block">参加活动答题合格就能得到一张电子证书，90 分及以上为“优秀”。证书可以保存到手机、转发给朋友，别人扫证书上的码能查验真伪。</Text>
      </View>
      <AsyncView state={list} loadingLabel="正在读取证书…" empty="还没有证书。参加首页的活动答题，合格就能得到一张。">
        {(items) => (
          <View className="card" data-testid="certificate-list">
            {items.map((c) => (
              <ListItem
                key={c.number}
                title={c.campaignTitle}
                lines={[`${chineseDate(c.day)} · ${c.score} 分`, `编号 ${c.number}`]}
                trailing={<Text className="t-m outcome--correct">{c.grade} ›</Text>}
                onPress={() => void Taro.navigateTo({ url: routes.certificate(c.number) })}
                testId="certificate-item"
              />
            ))}
          </View>
        )}
      </AsyncView>
    </Screen>
  );
}
