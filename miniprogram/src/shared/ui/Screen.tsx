import { useEffect, type PropsWithChildren } from 'react';
import { View, Text } from '@tarojs/components';
import { useFontScale } from './fontScaleStore';
import { goBack, hasPageBehind, isTabPage } from '../platform/navigation';
import './ui.scss';

/**
 * Root of every page: applies the font scale (CSS variable --fs) so all text grows together. On H5 (no WeChat
 * navigation bar) a page that is not a tab gets a 返回 bar: back, or to 首页 when it was opened from a link.
 */
export function Screen({ children, className }: PropsWithChildren<{ className?: string }>) {
  const scale = useFontScale();
  const backBar = process.env.TARO_ENV === 'h5' && !isTabPage();
  // H5: the tab bar, dialogs and pickers live outside the page; they read the same --fs from the root.
  useEffect(() => {
    if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') document.documentElement.style.setProperty('--fs', String(scale));
  }, [scale]);
  return (
    <View className={`screen ${className ?? ''}`} style={`--fs:${scale}`} data-font-scale={scale}>
      {backBar ? (
        <View className="back-bar" role="button" onClick={goBack} data-testid="back-bar">
          <Text className="back-bar__text">‹ {hasPageBehind() ? '返回' : '首页'}</Text>
        </View>
      ) : null}
      {children}
    </View>
  );
}
