/**
 * WeChat: fetch the workbook by its cloud fileID (wx.cloud.downloadFile needs no downloadFile domain in the
 * admin console, unlike a plain download of the temporary URL) and keep it under its Chinese name in the user
 * data folder. A workbook opens with the menu shown (openDocument showMenu), so staff can 转发 it to
 * 文件传输助手 and open it on their computer; a CSV (which openDocument cannot show) goes straight to the forward
 * sheet.
 */
import Taro from '@tarojs/taro';
import type { ExportFile } from '@contracts/reports';

export async function openExport(file: ExportFile): Promise<void> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${file.fileName.replace(/[\\/:*?"<>|]/g, '_')}`;
  const res = await Taro.cloud.downloadFile({ fileID: file.fileID });
  if (!res.tempFilePath) throw new Error('下载失败，请重试');
  Taro.getFileSystemManager().copyFileSync(res.tempFilePath, filePath);
  if (file.format === 'xlsx') await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true });
  else await Taro.shareFileMessage({ filePath, fileName: file.fileName });
}
