import { useEffect } from 'react';
import { Text } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { Screen } from '@/shared/ui/Screen';
import { Empty, ErrorState, Loading } from '@/shared/ui/StateView';
import { useHomeStore } from '@/features/home/homeStore';
import { LawGroupList } from '@/features/lessons/LawGroupList';

export default function LearnPage() {
  const { home, error, load } = useHomeStore();
  useEffect(() => {
    if (!home) void load();
  }, []);
  useDidShow(() => {
    if (home) void load();
  });
  if (!home) return <Screen>{error ? <ErrorState message={error.message} onRetry={load} /> : <Loading />}</Screen>;
  const total = home.lawGroups.reduce((n, g) => n + g.lessons.length, 0);
  const read = home.lawGroups.reduce((n, g) => n + g.lessons.filter((l) => l.read).length, 0);
  return (
    <Screen>
      <Text className="t-s t-block">共 {total} 课，已读 {read} 课</Text>
      {total === 0 ? <Empty message="还没有课程" /> : <LawGroupList groups={home.lawGroups} />}
    </Screen>
  );
}
