/**
 * WeChat: an image drawn on an offscreen 2D canvas (posters, certificates, share cards), exported to a temporary
 * PNG (wx.canvasToTempFilePath) and saved to the photo album (wx.saveImageToPhotosAlbum, scope.writePhotosAlbum;
 * declared in docs/privacy.md as 相册（仅写入）). Images given by cloud fileID are downloaded first (no
 * downloadFile domain needed).
 */
import Taro from '@tarojs/taro';
import type { DrawContext } from '@/shared/ui/canvasText';

type Canvas2D = { getContext(t: '2d'): unknown; createImage(): { onload: () => void; onerror: () => void; src: string }; toDataURL?: (type?: string) => string };

async function localPath(src: string): Promise<string> {
  if (src.startsWith('cloud://')) return (await Taro.cloud.downloadFile({ fileID: src })).tempFilePath;
  if (/^https?:\/\//.test(src)) return (await Taro.downloadFile({ url: src })).tempFilePath;
  return src;
}

export async function renderCanvasImage(width: number, height: number, imageSources: string[], draw: (ctx: DrawContext, images: unknown[]) => void): Promise<string> {
  const canvas = Taro.createOffscreenCanvas({ type: '2d', width, height }) as unknown as Canvas2D;
  const ctx = canvas.getContext('2d') as DrawContext;
  const images = await Promise.all(
    imageSources.map(async (src) => {
      const image = canvas.createImage();
      const path = await localPath(src);
      await new Promise<void>((resolve, reject) => {
        image.onload = () => resolve();
        image.onerror = () => reject(new Error('二维码图片加载失败'));
        image.src = path;
      });
      return image;
    }),
  );
  draw(ctx, images);
  try {
    const out = await Taro.canvasToTempFilePath({ canvas: canvas as never, fileType: 'png', destWidth: width, destHeight: height } as never);
    return out.tempFilePath;
  } catch {
    // some iOS versions cannot export an offscreen canvas: write its PNG data to a file instead
    const data = (canvas.toDataURL?.('image/png') ?? '').replace(/^data:image\/png;base64,/, '');
    const file = `${Taro.env.USER_DATA_PATH}/canvas-${Date.now()}.png`;
    Taro.getFileSystemManager().writeFileSync(file, data, 'base64');
    return file;
  }
}

/** Saves to the album; when the permission was refused before, offers the settings page. */
export async function saveCanvasImage(filePath: string, _fileName: string, what: string): Promise<void> {
  try {
    await Taro.saveImageToPhotosAlbum({ filePath });
  } catch (error) {
    const msg = String((error as { errMsg?: string })?.errMsg ?? '');
    if (/auth|deny|denied/i.test(msg)) {
      const { confirm } = await Taro.showModal({ title: '需要相册权限', content: `保存${what}需要允许“添加到相册”。去设置里打开吗？`, confirmText: '去设置', cancelText: '取消' });
      if (confirm) await Taro.openSetting();
      throw new Error(`没有相册权限，${what}未保存`);
    }
    throw new Error(`保存失败，可长按${what}图片保存`);
  }
}

export const SAVES_TO_ALBUM = true;
