/**
 * One row of a list: a title, lines of detail below it, and something on the right (a button, a status, ›).
 * The text column keeps at least 8 characters of width; when the right side needs more room the row wraps and
 * the right side goes under the text, so nothing ever overlaps or collapses to one character per line.
 */
import type { ReactNode } from 'react';
import { View, Text } from '@tarojs/components';

export interface ListItemProps {
  title: ReactNode;
  /** Lines under the title, in the muted small style; falsy lines are left out. */
  lines?: ReactNode[];
  /** Bigger second line (e.g. a phone number). */
  emphasis?: ReactNode;
  trailing?: ReactNode;
  onPress?: () => void;
  testId?: string;
  titleTestId?: string;
  className?: string;
  children?: ReactNode;
}

export function ListItem({ title, lines, emphasis, trailing, onPress, testId, titleTestId, className, children }: ListItemProps) {
  return (
    <View className={`list-item ${onPress ? 'list-item--link' : ''} ${className ?? ''}`} hoverClass={onPress ? 'list-item--hover' : undefined} onClick={onPress} role={onPress ? 'link' : undefined} data-testid={testId}>
      <View className="list-item__main">
        <Text className="t-m t-block list-item__title" data-testid={titleTestId}>
          {title}
        </Text>
        {emphasis ? <Text className="t-l t-block">{emphasis}</Text> : null}
        {(lines ?? []).filter((l) => l !== null && l !== undefined && l !== false && l !== '').map((l, i) => (
          <Text className="t-s t-block" key={i}>
            {l}
          </Text>
        ))}
        {children}
      </View>
      {trailing !== undefined && trailing !== null ? <View className="list-item__trailing">{trailing}</View> : null}
    </View>
  );
}
