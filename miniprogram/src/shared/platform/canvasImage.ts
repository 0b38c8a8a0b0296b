/**
 * H5: an image drawn on a 2D canvas (posters, certificates, share cards) as a PNG data URL, and saving it as a
 * PNG download. WeChat: canvasImage.weapp.ts.
 */
import type { DrawContext } from '@/shared/ui/canvasText';

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.crossOrigin = 'anonymous';
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('二维码图片加载失败'));
    img.src = src;
  });
}

/** Loads `imageSources`, then draws with `draw`; returns a displayable image (a PNG data URL). */
export async function renderCanvasImage(width: number, height: number, imageSources: string[], draw: (ctx: DrawContext, images: unknown[]) => void): Promise<string> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('浏览器不支持画图');
  draw(ctx as unknown as DrawContext, await Promise.all(imageSources.map(loadImage)));
  return canvas.toDataURL('image/png');
}

/** Downloads the image under `fileName`; `what` names it in messages (海报, 证书). */
export async function saveCanvasImage(url: string, fileName: string, _what: string): Promise<void> {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** Whether saving puts the image in the photo album (WeChat) or downloads a file (H5). */
export const SAVES_TO_ALBUM = false;
