/**
 * WeChat: the event poster drawn on an offscreen 2D canvas, exported to a temporary PNG and saved to the
 * photo album (scope.writePhotosAlbum; declared in docs/privacy.md as 相册（仅写入）). The mini-program code
 * is fetched by its cloud fileID (no downloadFile domain needed).
 */
import Taro from '@tarojs/taro';
import { POSTER_HEIGHT, POSTER_WIDTH, drawPoster, type PosterContext, type PosterInfo } from './posterLayout';

type Canvas2D = { getContext(t: '2d'): unknown; createImage(): { onload: () => void; onerror: () => void; src: string }; toDataURL?: (type?: string) => string };

async function localPath(src: string): Promise<string> {
  if (src.startsWith('cloud://')) return (await Taro.cloud.downloadFile({ fileID: src })).tempFilePath;
  if (/^https?:\/\//.test(src)) return (await Taro.downloadFile({ url: src })).tempFilePath;
  return src;
}

export async function makePoster(info: PosterInfo, codeSrc: string): Promise<string> {
  const canvas = Taro.createOffscreenCanvas({ type: '2d', width: POSTER_WIDTH, height: POSTER_HEIGHT }) as unknown as Canvas2D;
  const ctx = canvas.getContext('2d') as PosterContext;
  const image = canvas.createImage();
  const path = await localPath(codeSrc);
  await new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('签到码图片加载失败'));
    image.src = path;
  });
  drawPoster(ctx, image, info);
  try {
    const out = await Taro.canvasToTempFilePath({ canvas: canvas as never, fileType: 'png', destWidth: POSTER_WIDTH, destHeight: POSTER_HEIGHT } as never);
    return out.tempFilePath;
  } catch {
    // some iOS versions cannot export an offscreen canvas: write its PNG data to a file instead
    const data = (canvas.toDataURL?.('image/png') ?? '').replace(/^data:image\/png;base64,/, '');
    const file = `${Taro.env.USER_DATA_PATH}/poster-${Date.now()}.png`;
    Taro.getFileSystemManager().writeFileSync(file, data, 'base64');
    return file;
  }
}

/** Saves to the album; when the permission was refused before, offers the settings page. */
export async function savePoster(filePath: string, _info?: PosterInfo): Promise<string> {
  try {
    await Taro.saveImageToPhotosAlbum({ filePath });
    return '已保存到相册，可用 A4 纸打印';
  } catch (error) {
    const msg = String((error as { errMsg?: string })?.errMsg ?? '');
    if (/auth|deny|denied/i.test(msg)) {
      const { confirm } = await Taro.showModal({ title: '需要相册权限', content: '保存海报需要允许“添加到相册”。去设置里打开吗？', confirmText: '去设置', cancelText: '取消' });
      if (confirm) await Taro.openSetting();
      throw new Error('没有相册权限，海报未保存');
    }
    throw new Error('保存失败，可长按海报图片保存');
  }
}

export const posterCodeSource = (codes: { h5QrDataUrl: string | null; wxacodeUrl: string | null; wxacodeFileId: string | null }) => codes.wxacodeFileId ?? codes.wxacodeUrl ?? codes.h5QrDataUrl;
