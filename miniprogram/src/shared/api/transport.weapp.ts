/** WeChat transport: wx.cloud.callFunction; identity is the caller's OPENID, added by WeChat. */
import Taro from '@tarojs/taro';

let initialised = false;
function ensureCloud() {
  if (initialised) return;
  const env = process.env.TARO_APP_CLOUD_ENV;
  Taro.cloud.init(env ? { env, traceUser: false } : { traceUser: false });
  initialised = true;
}

export async function invokeFunction(name: string, data: unknown): Promise<unknown> {
  ensureCloud();
  const res = await Taro.cloud.callFunction({ name, data: data as Record<string, unknown> });
  return (res as { result?: unknown }).result;
}
