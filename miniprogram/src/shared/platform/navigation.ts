/** Leaving a page: back when there is a page behind it, otherwise to the home tab (opened from a link or a scan). */
import Taro from '@tarojs/taro';
import { routes } from '../routes';

export function hasPageBehind(): boolean {
  try {
    return typeof Taro.getCurrentPages === 'function' && Taro.getCurrentPages().length > 1;
  } catch {
    return false;
  }
}

export function goBack(): void {
  if (hasPageBehind()) void Taro.navigateBack();
  else void Taro.switchTab({ url: routes.home });
}

/** The way out of a page, worded for where it leads. */
export const backExit = () => ({ label: hasPageBehind() ? '返回' : '返回首页', onPress: goBack });
