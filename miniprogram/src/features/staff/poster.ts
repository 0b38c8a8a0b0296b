/**
 * The event poster: drawn on a canvas (shared/platform/canvasImage: a PNG data URL on H5, a temporary PNG in
 * WeChat), then downloaded (H5, print it on A4) or saved to the album (WeChat).
 */
import { renderCanvasImage, saveCanvasImage, SAVES_TO_ALBUM } from '@/shared/platform/canvasImage';
import { POSTER_HEIGHT, POSTER_WIDTH, drawPoster, posterFileName, type PosterInfo } from './posterLayout';

/** Draws the poster; returns a displayable image URL. */
export function makePoster(info: PosterInfo, codeSrc: string): Promise<string> {
  return renderCanvasImage(POSTER_WIDTH, POSTER_HEIGHT, [codeSrc], (ctx, [code]) => drawPoster(ctx, code, info));
}

export async function savePoster(url: string, info: PosterInfo): Promise<string> {
  await saveCanvasImage(url, posterFileName(info), '海报');
  return SAVES_TO_ALBUM ? '已保存到相册，可用 A4 纸打印' : '已下载海报图片（PNG），可用 A4 纸打印';
}

/** Where the code image comes from: the mini-program code in WeChat (by fileID), the H5 QR in a browser. */
export const posterCodeSource = (codes: { h5QrDataUrl: string | null; wxacodeUrl: string | null; wxacodeFileId?: string | null }) =>
  process.env.TARO_ENV === 'weapp' ? (codes.wxacodeFileId ?? codes.wxacodeUrl ?? codes.h5QrDataUrl) : (codes.h5QrDataUrl ?? codes.wxacodeUrl);
