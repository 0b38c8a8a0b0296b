import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { LawGroup } from '@contracts/resident';
import { routes } from '@/shared/routes';
import { ListItem } from '@/shared/ui/ListItem';
import { openLearnAt } from './lawFocus';

/** Lessons grouped by law; `limit` shows the first few of each law (home), none means all (学法 tab). */
export function LawGroupList({ groups, limit }: { groups: LawGroup[]; limit?: number }) {
  return (
    <View>
      {groups.map((g) => (
        <View className="card" key={g.law} data-testid={`law-${g.law}`}>
          <Text className="card__title">{g.shortName}</Text>
          {(limit ? g.lessons.slice(0, limit) : g.lessons).map((l) => (
            <ListItem
              key={l.id}
              title={l.title}
              titleTestId="lesson-link-title"
              lines={[`约 ${l.readingMinutes} 分钟`]}
              trailing={<Text className="mark-read">{l.read ? '✓ 已读' : '去阅读 ›'}</Text>}
              onPress={() => Taro.navigateTo({ url: routes.lesson(l.id) })}
              testId="lesson-link"
            />
          ))}
          {limit && g.lessons.length > limit ? <ListItem title={`还有 ${g.lessons.length - limit} 课，去「学法」查看全部 ›`} onPress={() => openLearnAt(g.law)} testId="more-lessons" /> : null}
        </View>
      ))}
    </View>
  );
}
