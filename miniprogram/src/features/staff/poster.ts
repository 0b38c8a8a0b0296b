/** H5: the event poster drawn on a canvas, offered as a PNG download (print it on A4). */
import { POSTER_HEIGHT, POSTER_WIDTH, drawPoster, posterFileName, type PosterContext, type PosterInfo } from './posterLayout';

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.crossOrigin = 'anonymous';
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('签到码图片加载失败'));
    img.src = src;
  });
}

/** Draws the poster; returns a displayable image URL (a PNG data URL). */
export async function makePoster(info: PosterInfo, codeSrc: string): Promise<string> {
  const canvas = document.createElement('canvas');
  canvas.width = POSTER_WIDTH;
  canvas.height = POSTER_HEIGHT;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('浏览器不支持画图');
  drawPoster(ctx as unknown as PosterContext, await loadImage(codeSrc), info);
  return canvas.toDataURL('image/png');
}

/** Downloads the poster PNG under a Chinese file name. */
export async function savePoster(url: string, info: PosterInfo): Promise<string> {
  const a = document.createElement('a');
  a.href = url;
  a.download = posterFileName(info);
  document.body.appendChild(a);
  a.click();
  a.remove();
  return '已下载海报图片（PNG），可用 A4 纸打印';
}

/** Where the code image comes from on this platform: the H5 QR (the mini-program code needs WeChat). */
export const posterCodeSource = (codes: { h5QrDataUrl: string | null; wxacodeUrl: string | null }) => codes.h5QrDataUrl ?? codes.wxacodeUrl;
