/**
 * The four states of server data on a screen: loading, error (with 重试 when trying again can help and a way
 * out when it cannot), empty, and the content. When a refresh fails while something is already shown, the
 * content stays with a note above it (the resident keeps reading on a dropped connection).
 */
import type { ReactNode } from 'react';
import { View, Text, Button } from '@tarojs/components';
import type { CallFail } from '../api/callFunction';
import { canRetry, type UseServerData } from '../data/serverData';
import { backExit } from '../platform/navigation';
import { Empty, ErrorState, Loading } from './StateView';

export interface AsyncViewProps<T> {
  state: Pick<UseServerData<T>, 'data' | 'error' | 'fromCache'> & { reload: () => unknown };
  children: (data: T) => ReactNode;
  /** The message when there is nothing to show; `isEmpty` decides (default: an empty array). */
  empty?: string;
  isEmpty?: (data: T) => boolean;
  loadingLabel?: string;
  /** Where a refused resident can go instead (default: 返回, or 返回首页 when there is no page behind). */
  exit?: { label: string; onPress: () => void };
}

export function AsyncView<T>({ state, children, empty, isEmpty, loadingLabel, exit }: AsyncViewProps<T>) {
  const { data, error, fromCache } = state;
  const retry = () => void state.reload();
  if (data === null) {
    if (!error) return <Loading label={loadingLabel} />;
    return <ErrorState message={error.message} onRetry={canRetry(error) ? retry : undefined} exit={exit ?? (canRetry(error) ? undefined : backExit())} />;
  }
  const nothing = empty !== undefined && (isEmpty ? isEmpty(data) : Array.isArray(data) && data.length === 0);
  return (
    <>
      {error ? <StaleNotice error={error} fromCache={fromCache} onRetry={retry} /> : null}
      {nothing ? <Empty message={empty} /> : children(data)}
    </>
  );
}

/** Shown above content the last refresh could not confirm. */
export function StaleNotice({ error, fromCache, onRetry }: { error: CallFail; fromCache: boolean; onRetry: () => void }) {
  return (
    <View className="card" role="alert" data-testid="stale-notice">
      <Text className="t-m t-block">{error.message}</Text>
      <Text className="t-s t-block">{fromCache ? '下面是您上次打开时的内容。' : '下面是刚才的内容。'}</Text>
      <Button className="btn" onClick={onRetry}>
        重试
      </Button>
    </View>
  );
}
