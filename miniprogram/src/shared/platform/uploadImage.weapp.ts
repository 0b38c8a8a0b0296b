/**
 * Picks one image and uploads it to cloud storage under `cloudDir` (e.g. banners/<campaign>), returning its
 * fileID. wx.cloud is initialised by the first cloud function call (shared/api/transport.weapp.ts), which
 * every page that uploads has made before.
 */
import Taro from '@tarojs/taro';

export const canUploadImage = true;

export async function chooseAndUploadImage(cloudDir: string): Promise<string | null> {
  const picked = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] }).catch(() => null);
  const file = picked?.tempFiles?.[0];
  if (!file) return null;
  const ext = (/\.(png|jpe?g|webp)$/i.exec(file.tempFilePath)?.[1] ?? 'jpg').toLowerCase();
  const name = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.${ext}`;
  const res = await Taro.cloud.uploadFile({ cloudPath: `${cloudDir}/${name}`, filePath: file.tempFilePath });
  return res.fileID;
}
