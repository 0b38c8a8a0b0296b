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

const TAB_PAGES = [routes.home, routes.learn, routes.me].map((r) => r.replace(/^\//, ''));

/** Whether the page on top is a tab page (首页, 学法, 我的), which has the tab bar instead of a way back. */
export function isTabPage(): boolean {
  try {
    const pages = Taro.getCurrentPages();
    const route = (pages[pages.length - 1]?.route ?? '').replace(/^\//, '').split('?')[0];
    return route === '' || TAB_PAGES.includes(route);
  } catch {
    return true;
  }
}

export function goBack(): void {
  if (hasPageBehind()) void Taro.navigateBack();
  else void Taro.switchTab({ url: routes.home });
}

/** The way out of a page, worded for where it leads. */
export const backExit = () => ({ label: hasPageBehind() ? '返回' : '返回首页', onPress: goBack });
