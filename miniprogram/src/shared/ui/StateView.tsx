import { View, Text, Button } from '@tarojs/components';

export function Loading({ label = '正在加载…' }: { label?: string }) {
  return (
    <View className="state state--loading" aria-busy="true">
      <View className="state__spinner" />
      <Text className="state__text">{label}</Text>
    </View>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <View className="state state--error" role="alert">
      <Text className="state__icon">⚠️</Text>
      <Text className="state__text">{message}</Text>
      {onRetry ? (
        <Button className="btn btn--primary" onClick={onRetry}>
          重试
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
