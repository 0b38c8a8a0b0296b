/** The export in progress (a write, not server data to show): building the file, then opening it. */
import { create } from 'zustand';
import type { ExportFile } from '@contracts/reports';
import { callReports } from '@/shared/api/clients';
import { openExport } from './openExport';

interface ExportState {
  exporting: boolean;
  exportError: string | null;
  lastExport: ExportFile | null;
  /** Builds the file on the server, then downloads and opens it. Returns true when it opened. */
  exportRange: (from: string, to: string, format: 'xlsx' | 'csv') => Promise<boolean>;
}

export const useExportStore = create<ExportState>((set, get) => ({
  exporting: false,
  exportError: null,
  lastExport: null,
  exportRange: async (from, to, format) => {
    if (get().exporting) return false;
    set({ exporting: true, exportError: null });
    const res = await callReports('buildExport', { from, to, format });
    if (!res.ok) {
      set({ exporting: false, exportError: res.message });
      return false;
    }
    set({ lastExport: res.data });
    try {
      await openExport(res.data);
      set({ exporting: false });
      return true;
    } catch (error) {
      set({ exporting: false, exportError: `文件已生成，但没能打开：${(error as Error).message || '请稍后重试'}` });
      return false;
    }
  },
}));
