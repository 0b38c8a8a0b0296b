/** WeChat: follow the 微信字体大小 setting (关怀模式 ≈ 1.4) via getAppBaseInfo().fontSizeScaleFactor. */
import Taro from '@tarojs/taro';

export function systemFontScale(): number {
  try {
    const info = Taro.getAppBaseInfo ? Taro.getAppBaseInfo() : Taro.getSystemInfoSync();
    const factor = Number((info as { fontSizeScaleFactor?: number }).fontSizeScaleFactor);
    return Number.isFinite(factor) && factor > 0 ? factor : 1;
  } catch {
    return 1;
  }
}
