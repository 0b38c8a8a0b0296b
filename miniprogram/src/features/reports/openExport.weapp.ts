/**
 * WeChat: download the file from its temporary URL into the user data folder under its Chinese name. A
 * workbook opens with the menu shown (openDocument showMenu), so staff can 转发 it to 文件传输助手 and open it
 * on their computer; a CSV (which openDocument cannot show) goes straight to the forward sheet.
 */
import Taro from '@tarojs/taro';
import type { ExportFile } from '@contracts/reports';

export async function openExport(file: ExportFile): Promise<void> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${file.fileName.replace(/[\\/:*?"<>|]/g, '_')}`;
  const res = await Taro.downloadFile({ url: file.url, filePath });
  if (res.statusCode !== 200) throw new Error(`下载失败（${res.statusCode}）`);
  const saved = res.filePath || filePath;
  if (file.format === 'xlsx') await Taro.openDocument({ filePath: saved, fileType: 'xlsx', showMenu: true });
  else await Taro.shareFileMessage({ filePath: saved, fileName: file.fileName });
}
