import { usePullDownRefresh, stopPullDownRefresh } from '@tarojs/taro';
import { Screen } from '@/shared/ui/Screen';
import { AsyncView } from '@/shared/ui/AsyncView';
import { useServerData } from '@/shared/data/serverData';
import { reportsQuery } from '@/shared/data/queries';
import { useExportStore } from '@/features/reports/exportStore';
import { View, Text, Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { CampaignTotals, DayChart, FlaggedQuestions, ParagraphCard, YearOnYearCard, YearTotals } from '@/features/reports/DashboardSections';
import { VillageBoardList } from '@/features/villages/VillageBoardList';
import { routes } from '@/shared/routes';
import { ExportPanel } from '@/features/reports/ExportPanel';

/** 数据看板 (staff, viewer and up): this year's totals and 同比, live campaigns, per day, 村村比拼, flagged questions, export. */
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
            <YearOnYearCard data={data} />
            <CampaignTotals campaigns={data.campaigns} />
            <DayChart data={data} />
            <View className="card" data-testid="village-board-card">
              <Text className="card__title">村村比拼（{data.year} 年至今）</Text>
              <VillageBoardList board={data.villageBoard} showBehind testId="villages" />
              <Button className="btn" onClick={() => void Taro.navigateTo({ url: routes.villageBoard() })}>
                看各活动的村村比拼
              </Button>
            </View>
            <FlaggedQuestions questions={data.flagged} />
            <ExportPanel today={data.today} />
            {lastExport ? <ParagraphCard title="年度报告参考段落（所选时段）" paragraph={lastExport.paragraph} /> : <ParagraphCard title={`年度报告参考段落（${data.year} 年至今）`} paragraph={data.paragraph} notes={data.notes} />}
          </>
        )}
      </AsyncView>
    </Screen>
  );
}
