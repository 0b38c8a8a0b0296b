/**
 * WeChat open APIs (subscribe messages, mini-program codes) through wx-server-sdk's `cloud.openapi`.
 *
 * wx-server-sdk sends open API calls through its bundled @cloudbase/node-sdk (action `wx.openApi`) and
 * passes `serviceUrl` from `cloud.init` through, so locally (LOCALCLOUD_URL set) the very same calls go to
 * the local cloud, which records each one in its outbox (GET <LOCALCLOUD_URL>/outbox) instead of sending it
 * and answers like WeChat does (`{ errcode: 0 }`, or a PNG for wxacode.*). In the cloud nothing changes:
 * `cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })`, and the function's config.json must list the APIs under
 * `permissions.openapi`.
 *
 * Get wx-server-sdk from getWxCloud() rather than calling `cloud.init` yourself: wx-server-sdk keeps the
 * first init of the process.
 */
import { localInitOptions } from './cloudbase';

type WxCloud = typeof import('wx-server-sdk');
// required, not imported: wx-server-sdk's exports are live getters that an import-interop copy would freeze
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cloud = require('wx-server-sdk') as WxCloud;

let initedFor: string | null | undefined;

export function getWxCloud(): WxCloud {
  const url = process.env.LOCALCLOUD_URL ?? null;
  if (initedFor === undefined) {
    if (url) {
      if (process.env.TENCENTCLOUD === undefined) process.env.TENCENTCLOUD = 'true'; // see cloudbase.ts
      cloud.init(localInitOptions(url) as unknown as Parameters<WxCloud['init']>[0]);
    } else {
      cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV } as unknown as Parameters<WxCloud['init']>[0]);
    }
    initedFor = url;
  } else if (initedFor !== url) {
    throw new Error('wx-server-sdk was initialised for another LOCALCLOUD_URL; it can only be initialised once per process');
  }
  return cloud;
}

export interface SubscribeMessage {
  /** The receiver's OPENID. */
  touser: string;
  templateId: string;
  /** Page opened from the message, e.g. 'pages/home/index?campaign=x'. */
  page?: string;
  /** Template fields: `{ thing1: { value: '...' }, time2: { value: '2024-01-01 10:00' } }`. */
  data: Record<string, { value: string | number }>;
  miniprogramState?: 'developer' | 'trial' | 'formal';
  lang?: 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW';
}

export interface OpenApiResult {
  errCode: number;
  errMsg: string;
  [key: string]: unknown;
}

/**
 * subscribeMessage.send. Resolves with `{ errCode: 0, errMsg }`; rejects with wx-server-sdk's error
 * (`errCode` 43101 when the user has not subscribed, 40003 for a bad OPENID, ...).
 */
export async function sendSubscribeMessage(message: SubscribeMessage): Promise<OpenApiResult> {
  return (await getWxCloud().openapi.subscribeMessage.send(message)) as OpenApiResult;
}

export interface UnlimitedCodeOptions {
  /** At most 32 visible characters; the page reads it from the `scene` query parameter. */
  scene: string;
  page?: string;
  checkPath?: boolean;
  envVersion?: 'release' | 'trial' | 'develop';
  width?: number;
  autoColor?: boolean;
  lineColor?: { r: number; g: number; b: number };
  isHyaline?: boolean;
}

/** wxacode.getUnlimited: the mini-program code image (`contentType` 'image/png' or 'image/jpeg'). */
export async function getUnlimitedCode(options: UnlimitedCodeOptions): Promise<{ contentType: string; buffer: Buffer }> {
  const res = (await getWxCloud().openapi.wxacode.getUnlimited(options)) as { contentType: string; buffer: Buffer };
  return { contentType: res.contentType, buffer: Buffer.from(res.buffer) };
}
