/** Export: choose a period and a format, the server builds the file into storage, the phone opens it. */
import { useState } from 'react';
import { View, Text, Button, Picker } from '@tarojs/components';
import { PERIOD_LABEL, RANGE_ORDER_ERROR, periodRange, type PeriodKey } from './format';
import { useExportStore } from './exportStore';
import './reports.scss';

const PERIODS: PeriodKey[] = ['year', 'lastYear', 'month', 'custom'];

export function ExportPanel({ today }: { today: string }) {
  const { exporting, exportError, lastExport, exportRange } = useExportStore();
  const [period, setPeriod] = useState<PeriodKey>('year');
  const [format, setFormat] = useState<'xlsx' | 'csv'>('xlsx');
  const [custom, setCustom] = useState(() => periodRange('year', today));
  const range = period === 'custom' ? custom : periodRange(period, today);
  const badRange = range.from > range.to;

  return (
    <View className="card" data-testid="export">
      <Text className="card__title">导出统计表</Text>
      <Text className="t-s t-block">生成 Excel 工作簿（总览、按活动、按村社区、按月份、按法律、题目分析、线下活动明细），打开后可点右上角“…”转发到电脑。</Text>
      <View className="choice-row" role="radiogroup" aria-label="统计时段">
        {PERIODS.map((p) => (
          <View key={p} className={`choice ${period === p ? 'choice--on' : ''}`} role="radio" aria-checked={period === p} onClick={() => setPeriod(p)} data-testid={`period-${p}`}>
            {period === p ? '✓ ' : ''}
            {PERIOD_LABEL[p]}
          </View>
        ))}
      </View>
      {period === 'custom' ? (
        <View className="date-row">
          <Picker mode="date" value={custom.from} end={today} onChange={(e) => setCustom({ ...custom, from: String(e.detail.value) })}>
            <View className="date-box">起始 {custom.from}</View>
          </Picker>
          <Picker mode="date" value={custom.to} end={today} onChange={(e) => setCustom({ ...custom, to: String(e.detail.value) })}>
            <View className="date-box">截止 {custom.to}</View>
          </Picker>
        </View>
      ) : (
        <Text className="t-m t-block" data-testid="export-range">
          {range.from} 至 {range.to}
        </Text>
      )}
      <View className="choice-row" role="radiogroup" aria-label="文件格式">
        {(['xlsx', 'csv'] as const).map((f) => (
          <View key={f} className={`choice ${format === f ? 'choice--on' : ''}`} role="radio" aria-checked={format === f} onClick={() => setFormat(f)} data-testid={`format-${f}`}>
            {format === f ? '✓ ' : ''}
            {f === 'xlsx' ? 'Excel 工作簿' : 'CSV 表格'}
          </View>
        ))}
      </View>
      {badRange ? <Text className="t-s t-block outcome--wrong">{RANGE_ORDER_ERROR}</Text> : null}
      <Button className="btn btn--primary" disabled={exporting || badRange} onClick={() => void exportRange(range.from, range.to, format)} data-testid="export-button">
        {exporting ? '正在生成，请稍候…' : '生成并打开'}
      </Button>
      {exportError ? (
        <View role="alert">
          <Text className="t-s t-block outcome--wrong">✗ {exportError}</Text>
        </View>
      ) : null}
      {lastExport && !exporting && !exportError ? (
        <Text className="t-s t-block outcome--correct" data-testid="export-done">
          ✓ 已生成 {lastExport.fileName}（{Math.max(1, Math.round(lastExport.bytes / 1024))} KB）
        </Text>
      ) : null}
    </View>
  );
}
