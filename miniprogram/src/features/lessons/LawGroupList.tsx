import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { LawGroup } from '@contracts/resident';
import { routes } from '@/shared/routes';

/** Lessons grouped by law; `limit` shows the first few of each law (home), none means all (学法 tab). */
export function LawGroupList({ groups, limit }: { groups: LawGroup[]; limit?: number }) {
  return (
    <View>
      {groups.map((g) => (
        <View className="card" key={g.law} data-testid={`law-${g.law}`}>
          <Text className="card__title">{g.shortName}</Text>
          {(limit ? g.lessons.slice(0, limit) : g.lessons).map((l) => (
            <View className="list-item" key={l.id} hoverClass="list-item--hover" onClick={() => Taro.navigateTo({ url: routes.lesson(l.id) })} data-testid="lesson-link">
              <View className="list-item__main">
                <Text className="t-m t-block" data-testid="lesson-link-title">{l.title}</Text>
                <Text className="t-s">约 {l.readingMinutes} 分钟</Text>
              </View>
              <Text className="mark-read">{l.read ? '✓ 已读' : '去阅读 ›'}</Text>
            </View>
          ))}
          {limit && g.lessons.length > limit ? (
            <View className="list-item" onClick={() => Taro.switchTab({ url: routes.learn })}>
              <Text className="t-s">还有 {g.lessons.length - limit} 课，去「学法」查看全部 ›</Text>
            </View>
          ) : null}
        </View>
      ))}
    </View>
  );
}
