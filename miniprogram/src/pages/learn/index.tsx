import { useState } from 'react';
import { View, Text, Input } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { Screen } from '@/shared/ui/Screen';
import { AsyncView } from '@/shared/ui/AsyncView';
import { Empty } from '@/shared/ui/StateView';
import { useServerData } from '@/shared/data/serverData';
import { homeQuery } from '@/shared/data/homeQuery';
import { LawGroupList } from '@/features/lessons/LawGroupList';
import { filterLessons } from '@/features/lessons/filterLessons';
import { useLawFocus } from '@/features/lessons/lawFocus';

/** 学法: every lesson, by law (the laws of live campaigns first), with a filter by law and a search. */
export default function LearnPage() {
  const home = useServerData(homeQuery, { refreshOnShow: true });
  const [law, setLaw] = useState<string | null>(() => useLawFocus.getState().law);
  const [query, setQuery] = useState('');
  // "还有 N 课" on home opens 学法 at that law.
  useDidShow(() => {
    const focus = useLawFocus.getState().law;
    if (focus) {
      setLaw(focus);
      setQuery('');
      useLawFocus.getState().set(null);
    }
  });
  return (
    <Screen>
      <AsyncView state={home} empty="还没有课程" isEmpty={(d) => d.lawGroups.every((g) => g.lessons.length === 0)}>
        {(data) => {
          const total = data.lawGroups.reduce((n, g) => n + g.lessons.length, 0);
          const read = data.lawGroups.reduce((n, g) => n + g.lessons.filter((l) => l.read).length, 0);
          const shown = filterLessons(data.lawGroups, law, query);
          const themed = new Set(data.campaigns.flatMap((c) => c.themeLaws.map((l) => l.id)));
          return (
            <>
              <Text className="t-s t-block">共 {total} 课，已读 {read} 课</Text>
              <View className="search">
                <Input className="search__input" value={query} placeholder="搜索课程，例如 彩礼、转账" confirmType="search" onInput={(e) => setQuery(e.detail.value)} aria-label="搜索课程" data-testid="lesson-search" />
              </View>
              <View className="filter-row" role="radiogroup" aria-label="按法律查看" data-testid="law-filter">
                {[{ law: null as string | null, shortName: '全部' }, ...data.lawGroups].map((g) => {
                  const on = law === g.law;
                  return (
                    <View key={g.law ?? 'all'} className={`chip ${on ? 'chip--on' : ''}`} role="radio" aria-checked={on} onClick={() => setLaw(g.law)} data-testid={`law-filter-${g.law ?? 'all'}`}>
                      {on ? '✓ ' : ''}
                      {g.shortName}
                      {g.law && themed.has(g.law) ? ' · 活动中' : ''}
                    </View>
                  );
                })}
              </View>
              {shown.length ? <LawGroupList groups={shown} /> : <Empty message={`没有找到和“${query.trim()}”有关的课程，换个词试试`} />}
            </>
          );
        }}
      </AsyncView>
    </Screen>
  );
}
