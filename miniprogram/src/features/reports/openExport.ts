/** H5: the browser downloads the file from its temporary URL (the local cloud's storage, or COS). */
import type { ExportFile } from '@contracts/reports';

export async function openExport(file: ExportFile): Promise<void> {
  const a = document.createElement('a');
  a.href = file.url;
  a.download = file.fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
