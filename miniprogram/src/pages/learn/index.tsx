import { Text } from '@tarojs/components';
import { Screen } from '@/shared/ui/Screen';
import { AsyncView } from '@/shared/ui/AsyncView';
import { useServerData } from '@/shared/data/serverData';
import { homeQuery } from '@/shared/data/homeQuery';
import { LawGroupList } from '@/features/lessons/LawGroupList';

export default function LearnPage() {
  const home = useServerData(homeQuery, { refreshOnShow: true });
  return (
    <Screen>
      <AsyncView state={home} empty="还没有课程" isEmpty={(d) => d.lawGroups.every((g) => g.lessons.length === 0)}>
        {(data) => {
          const total = data.lawGroups.reduce((n, g) => n + g.lessons.length, 0);
          const read = data.lawGroups.reduce((n, g) => n + g.lessons.filter((l) => l.read).length, 0);
          return (
            <>
              <Text className="t-s t-block">共 {total} 课，已读 {read} 课</Text>
              <LawGroupList groups={data.lawGroups} />
            </>
          );
        }}
      </AsyncView>
    </Screen>
  );
}
