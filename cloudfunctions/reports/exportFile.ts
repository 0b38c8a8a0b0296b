import { randomBytes } from 'node:crypto';
import type { ActionContext } from '../shared/handler';
import type { ExportFile } from '../contracts/reports';
import { MAX_EXPORT_DAYS } from '../contracts/reports';
import { getApp } from '../shared/cloudbase';
import { chinaDay } from '../contracts/time';
import { AppError, invalid } from '../shared/errors';
import { audit } from '../shared/staffAuth';
import type { StaffDoc } from '../shared/documents';
import { computeReport, rangeProblem } from '../shared/reporting/figures';
import { buildExportFile, exportFileName } from '../shared/reporting/workbook';

/** How long the download link lives (seconds). */
export const LINK_SECONDS = 3600;

/** Builds the workbook (or CSV) for [from, to] into cloud storage and returns a temporary download URL. */
export async function buildExport(ctx: ActionContext, staff: StaffDoc, input: { from: string; to: string; format: 'xlsx' | 'csv' }): Promise<ExportFile> {
  const problem = rangeProblem(input.from, input.to, MAX_EXPORT_DAYS);
  if (problem) throw invalid(problem, 'from');
  const now = ctx.now();
  const report = await computeReport(ctx.db, input.from, input.to, now);
  const file = await buildExportFile(report, input.format);
  // An unguessable folder; the file keeps its Chinese name, which a browser download takes from the URL.
  const fileName = exportFileName(report, input.format);
  const cloudPath = `exports/${chinaDay(now)}/${randomBytes(12).toString('hex')}/${fileName.replace(/[\\/:*?"<>|\s]/g, '_')}`;
  const app = getApp();
  const uploaded = await app.uploadFile({ cloudPath, fileContent: file });
  const fileID = (uploaded as { fileID?: string }).fileID;
  if (!fileID) throw new AppError('INTERNAL', '文件保存失败，请稍后重试');
  const links = await app.getTempFileURL({ fileList: [{ fileID, maxAge: LINK_SECONDS }] });
  const url = (links as { fileList?: { tempFileURL?: string }[] }).fileList?.[0]?.tempFileURL;
  if (!url) throw new AppError('INTERNAL', '下载链接生成失败，请稍后重试');
  await audit(ctx, staff, 'reports.buildExport', `${input.from}~${input.to}`, { format: input.format, bytes: file.length, fileID });
  return { fileID, url, fileName, format: input.format, bytes: file.length, paragraph: report.paragraph };
}
