/**
 * One-time subscribe messages, H5 (local runs): there is no WeChat here, so the tap is confirmed in a
 * dialog and every requested template counts as accepted. The weapp build uses subscribe.weapp.ts.
 */
import Taro from '@tarojs/taro';

/** Template ids from the build configuration (TARO_APP_SUBSCRIBE_TEMPLATE_IDS); locally a demo id. */
export function subscribeTemplateIds(): string[] {
  const ids = (process.env.TARO_APP_SUBSCRIBE_TEMPLATE_IDS || '').split(',').map((s) => s.trim()).filter(Boolean);
  return ids.length ? ids.slice(0, 3) : ['LOCAL_DEMO_TEMPLATE_reminder'];
}

/** Asks the person; resolves with the template ids they accepted (empty when they declined). */
export async function requestSubscribe(templateIds: string[]): Promise<string[]> {
  if (!templateIds.length) return [];
  const { confirm } = await Taro.showModal({ title: '活动提醒', content: '本地演示：这里没有微信订阅消息，点“同意”模拟接受一次提醒。', confirmText: '同意', cancelText: '不用了' });
  return confirm ? templateIds : [];
}
