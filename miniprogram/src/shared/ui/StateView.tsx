import { View, Text, Button } from '@tarojs/components';

export function Loading({ label = '正在加载…' }: { label?: string }) {
  return (
    <View className="state state--loading" aria-busy="true">
      <View className="state__spinner" />
      <Text className="state__text">{label}</Text>
    </View>
  );
}

/** An error in plain Chinese, with 重试 when trying again can help, and a way out (e.g. 返回首页) when it cannot. */
export function ErrorState({ message, onRetry, exit }: { message: string; onRetry?: () => void; exit?: { label: string; onPress: () => void } }) {
  return (
    <View className="state state--error" role="alert">
      <Text className="state__icon">⚠️</Text>
      <Text className="state__text">{message}</Text>
      {onRetry ? (
        <Button className="btn btn--primary" onClick={onRetry}>
          重试
        </Button>
      ) : null}
      {exit ? (
        <Button className="btn" onClick={exit.onPress}>
          {exit.label}
        </Button>
      ) : null}
    </View>
  );
}

export function Empty({ message }: { message: string }) {
  return (
    <View className="state state--empty">
      <Text className="state__text">{message}</Text>
    </View>
  );
}
