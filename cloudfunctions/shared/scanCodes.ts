/**
 * Codes people scan: a mini-program code (wxacode.getUnlimited, made once and kept in cloud storage) and, for
 * local and H5 runs, a QR of the H5 URL. Used by offline-event check-in codes (staff) and certificate
 * verification codes (resident).
 */
import QRCode from 'qrcode';
import { getApp } from './cloudbase';
import { getUnlimitedCode } from './openapi';

/** Temporary download URLs for cloud fileIDs (missing ones map to null). */
export async function tempUrls(fileIds: string[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  const ids = [...new Set(fileIds.filter(Boolean))];
  if (!ids.length) return out;
  try {
    const res = await getApp().getTempFileURL({ fileList: ids.map((fileID) => ({ fileID, maxAge: 3600 })) });
    for (const f of res.fileList ?? []) out.set(f.fileID, f.tempFileURL || null);
  } catch (error) {
    console.error('[storage] getTempFileURL failed', error);
  }
  return out;
}

function describeOpenApiError(error: unknown, page: string): string {
  const e = error as { errCode?: number; errMsg?: string; message?: string };
  const code = e?.errCode;
  if (code === 41030) return `小程序还没有发布${page}（41030），发布后再生成小程序码`;
  if (code === 45009) return '今天生成小程序码的次数已达上限（45009）';
  return `生成小程序码失败${code !== undefined ? `（${code}）` : ''}：${e?.errMsg ?? e?.message ?? '未知错误'}`;
}

/**
 * Makes a mini-program code for `page` with `scene` and stores it at `cloudPath` (without extension). Returns
 * its fileID, or the Chinese reason WeChat refused (the caller keeps the fileID so it is made only once).
 */
export async function storeMiniProgramCode(options: { scene: string; page: string; pageName: string; cloudPath: string }): Promise<{ fileId: string | null; error: string | null }> {
  try {
    const code = await getUnlimitedCode({
      scene: options.scene,
      page: options.page,
      checkPath: false,
      envVersion: (process.env.WXACODE_ENV_VERSION as 'release' | 'trial' | 'develop' | undefined) ?? 'release',
      width: 430,
    });
    const ext = code.contentType.includes('jpeg') ? 'jpg' : 'png';
    const up = await getApp().uploadFile({ cloudPath: `${options.cloudPath}.${ext}`, fileContent: code.buffer });
    return { fileId: up.fileID, error: null };
  } catch (error) {
    console.error('[codes] wxacode.getUnlimited failed', error);
    return { fileId: null, error: describeOpenApiError(error, options.pageName) };
  }
}

/** An H5 hash-router URL: `<base>/#/<page>?<query>`. */
export function h5PageUrl(h5Base: string, page: string, query: Record<string, string>): string {
  return `${h5Base.replace(/[#/]+$/, '')}/#/${page}?${new URLSearchParams(query).toString()}`;
}

/** A QR of `url` as a PNG data URL (quiet zone of 2 modules, error correction M). */
export function qrDataUrl(url: string): Promise<string> {
  return QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 480 });
}
