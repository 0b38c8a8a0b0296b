import { View, Text, Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Screen } from '@/shared/ui/Screen';
import { AsyncView } from '@/shared/ui/AsyncView';
import { ListItem } from '@/shared/ui/ListItem';
import { useServerData } from '@/shared/data/serverData';
import { staffQuery } from '@/shared/data/queries';
import { staffRoutes } from '@/features/staff/staffRoutes';
import '@/features/staff/staff.scss';

export default function EventsPage() {
  const events = useServerData(staffQuery('listEvents', {}), { refreshOnShow: true });
  return (
    <Screen>
      <Button className="btn btn--primary" onClick={() => Taro.navigateTo({ url: staffRoutes.event() })} data-testid="new-event">
        ＋ 新建线下活动
      </Button>
      <AsyncView state={events} empty="还没有线下活动。院坝会、宣传摊位、法治讲座都可以在这里登记，居民扫码签到。">
        {(data) => (
          <View className="card" style="margin-top: 16px">
            {data.map((e) => (
              <ListItem
                key={e.id}
                testId="event-row"
                title={e.title}
                lines={[`${e.date} · ${e.type} · ${e.villageName}${e.place ? ` · ${e.place}` : ''}`]}
                trailing={<Text className="t-s">扫码 {e.checkIns}{e.attendees ? ` + ${e.attendees}` : ''}</Text>}
                onPress={() => Taro.navigateTo({ url: staffRoutes.event(e.id) })}
              />
            ))}
          </View>
        )}
      </AsyncView>
    </Screen>
  );
}
