import type { PropsWithChildren } from 'react';
import { View } from '@tarojs/components';
import { useFontScale } from './fontScaleStore';
import './ui.scss';

/** Root of every page: applies the font scale (CSS variable --fs) so all text grows together. */
export function Screen({ children, className }: PropsWithChildren<{ className?: string }>) {
  const scale = useFontScale();
  return (
    <View className={`screen ${className ?? ''}`} style={`--fs:${scale}`} data-font-scale={scale}>
      {children}
    </View>
  );
}
