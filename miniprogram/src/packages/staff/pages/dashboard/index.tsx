import { useEffect } from 'react';
import { usePullDownRefresh, stopPullDownRefresh } from '@tarojs/taro';
import { Screen } from '@/shared/ui/Screen';
import { ErrorState, Loading } from '@/shared/ui/StateView';
import { useDashboardStore } from '@/features/reports/dashboardStore';
import { CampaignTotals, DayChart, FlaggedQuestions, ParagraphCard, VillageChart, YearTotals } from '@/features/reports/DashboardSections';
import { ExportPanel } from '@/features/reports/ExportPanel';

/** 数据看板 (staff, viewer and up): this year's totals, live campaigns, per day and per village, flagged questions, export. */
export default function DashboardPage() {
  const { data, loading, error, lastExport, load } = useDashboardStore();
  useEffect(() => {
    void load();
  }, []);
  usePullDownRefresh(() => {
    void load().finally(() => stopPullDownRefresh());
  });
  if (!data) return <Screen>{error && !loading ? <ErrorState message={error.message} onRetry={load} /> : <Loading label="正在统计…" />}</Screen>;
  return (
    <Screen>
      {error ? <ErrorState message={error.message} onRetry={load} /> : null}
      <YearTotals data={data} />
      <CampaignTotals campaigns={data.campaigns} />
      <DayChart data={data} />
      <VillageChart data={data} />
      <FlaggedQuestions questions={data.flagged} />
      <ExportPanel today={data.today} />
      {lastExport ? <ParagraphCard title="年度报告参考段落（所选时段）" paragraph={lastExport.paragraph} /> : <ParagraphCard title={`年度报告参考段落（${data.year} 年至今）`} paragraph={data.paragraph} notes={data.notes} />}
    </Screen>
  );
}
