import { usePullDownRefresh, stopPullDownRefresh } from '@tarojs/taro';
import { Screen } from '@/shared/ui/Screen';
import { AsyncView } from '@/shared/ui/AsyncView';
import { useServerData } from '@/shared/data/serverData';
import { reportsQuery } from '@/shared/data/queries';
import { useExportStore } from '@/features/reports/exportStore';
import { CampaignTotals, DayChart, FlaggedQuestions, ParagraphCard, VillageChart, YearTotals } from '@/features/reports/DashboardSections';
import { ExportPanel } from '@/features/reports/ExportPanel';

/** 数据看板 (staff, viewer and up): this year's totals, live campaigns, per day and per village, flagged questions, export. */
export default function DashboardPage() {
  const dashboard = useServerData(reportsQuery('dashboard', {}));
  const lastExport = useExportStore((s) => s.lastExport);
  usePullDownRefresh(() => {
    void dashboard.reload().finally(() => stopPullDownRefresh());
  });
  return (
    <Screen>
      <AsyncView state={dashboard} loadingLabel="正在统计…">
        {(data) => (
          <>
            <YearTotals data={data} />
            <CampaignTotals campaigns={data.campaigns} />
            <DayChart data={data} />
            <VillageChart data={data} />
            <FlaggedQuestions questions={data.flagged} />
            <ExportPanel today={data.today} />
            {lastExport ? <ParagraphCard title="年度报告参考段落（所选时段）" paragraph={lastExport.paragraph} /> : <ParagraphCard title={`年度报告参考段落（${data.year} 年至今）`} paragraph={data.paragraph} notes={data.notes} />}
          </>
        )}
      </AsyncView>
    </Screen>
  );
}
