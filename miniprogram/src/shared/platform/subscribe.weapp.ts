/** One-time subscribe messages in WeChat: Taro.requestSubscribeMessage, one message per accepted template. */
import Taro from '@tarojs/taro';

/** Template ids from the build configuration (TARO_APP_SUBSCRIBE_TEMPLATE_IDS, at most 3 per request). */
export function subscribeTemplateIds(): string[] {
  return (process.env.TARO_APP_SUBSCRIBE_TEMPLATE_IDS || '').split(',').map((s) => s.trim()).filter(Boolean).slice(0, 3);
}

/** Asks the person; resolves with the template ids they accepted (empty when they declined or it failed). */
export async function requestSubscribe(templateIds: string[]): Promise<string[]> {
  if (!templateIds.length) return [];
  try {
    const res = (await Taro.requestSubscribeMessage({ tmplIds: templateIds, entityIds: [] })) as Record<string, unknown>;
    return templateIds.filter((id) => res[id] === 'accept');
  } catch {
    return [];
  }
}
