import { create } from 'zustand';
import type { DashboardView, ExportFile } from '@contracts/reports';
import type { CallFail } from '@/shared/api/callFunction';
import { callReports } from './reportsApi';
import { openExport } from './openExport';

interface DashboardState {
  data: DashboardView | null;
  loading: boolean;
  error: CallFail | null;
  exporting: boolean;
  exportError: string | null;
  lastExport: ExportFile | null;
  load: () => Promise<void>;
  /** Builds the file on the server, then downloads and opens it. Returns true when it opened. */
  exportRange: (from: string, to: string, format: 'xlsx' | 'csv') => Promise<boolean>;
}

export const useDashboardStore = create<DashboardState>((set, get) => ({
  data: null,
  loading: false,
  error: null,
  exporting: false,
  exportError: null,
  lastExport: null,
  load: async () => {
    set({ loading: true, error: null });
    const res = await callReports('dashboard', {});
    if (!res.ok) return set({ loading: false, error: res });
    set({ loading: false, data: res.data });
  },
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
