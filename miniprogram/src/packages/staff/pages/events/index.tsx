import { View, Text, Button } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { Screen } from '@/shared/ui/Screen';
import { Empty, ErrorState, Loading } from '@/shared/ui/StateView';
import { callStaff } from '@/features/staff/staffApi';
import { useLoad } from '@/features/staff/useCall';
import { staffRoutes } from '@/features/staff/staffRoutes';
import '@/features/staff/staff.scss';

export default function EventsPage() {
  const { data, error, reload } = useLoad(() => callStaff('listEvents', {}), []);
  useDidShow(() => {
    if (data) void reload();
  });
  return (
    <Screen>
      <Button className="btn btn--primary" onClick={() => Taro.navigateTo({ url: staffRoutes.event() })} data-testid="new-event">
        ＋ 新建线下活动
      </Button>
      {!data ? (
        error ? <ErrorState message={error.message} onRetry={reload} /> : <Loading />
      ) : data.length === 0 ? (
        <Empty message="还没有线下活动。院坝会、宣传摊位、法治讲座都可以在这里登记，居民扫码签到。" />
      ) : (
        <View className="card" style="margin-top: 16px">
          {data.map((e) => (
            <View key={e.id} className="list-item" onClick={() => Taro.navigateTo({ url: staffRoutes.event(e.id) })} data-testid="event-row">
              <View className="list-item__main">
                <Text className="t-m t-block">{e.title}</Text>
                <Text className="t-s t-block">
                  {e.date} · {e.type} · {e.villageName}
                  {e.place ? ` · ${e.place}` : ''}
                </Text>
              </View>
              <Text className="t-s">
                扫码 {e.checkIns}
                {e.attendees ? ` + ${e.attendees}` : ''}
              </Text>
            </View>
          ))}
        </View>
      )}
    </Screen>
  );
}
