/** Charts as CSS bars (no chart library): every bar shows its number as text, so nothing depends on colour. */
import { View, Text } from '@tarojs/components';
import type { DayPoint } from '@contracts/reports';
import { monthDayLabel } from '@contracts/time';
import './reports.scss';

export interface BarItem {
  key: string;
  label: string;
  value: number;
  /** Shown instead of the bare value, e.g. `12 人 · 30 人次`. */
  text?: string;
}

const widthOf = (value: number, max: number) => (max > 0 ? Math.round((value / max) * 1000) / 10 : 0);

export function BarList({ items, testId }: { items: BarItem[]; testId?: string }) {
  const max = Math.max(0, ...items.map((i) => i.value));
  return (
    <View className="bars" data-testid={testId}>
      {items.map((i) => (
        <View className="bar-row" key={i.key} data-testid="bar">
          <Text className="bar-row__label">{i.label}</Text>
          <View className="bar-row__track">
            <View className={`bar-row__fill ${i.value === 0 ? 'bar-row__fill--zero' : ''}`} style={{ width: `${widthOf(i.value, max)}%` }} data-width={widthOf(i.value, max)} />
          </View>
          <Text className="bar-row__value">{i.text ?? String(i.value)}</Text>
        </View>
      ))}
    </View>
  );
}

/** Participation per day as columns, with the busiest day and the total spelled out below. */
export function DayColumns({ days }: { days: DayPoint[] }) {
  const max = Math.max(0, ...days.map((d) => d.times));
  const total = days.reduce((s, d) => s + d.times, 0);
  const busiest = days.reduce<DayPoint | null>((best, d) => (d.times > (best?.times ?? 0) ? d : best), null);
  if (!days.length) return null;
  return (
    <View data-testid="day-columns">
      <View className="columns" aria-hidden="true">
        {days.map((d) => (
          <View className="column" key={d.day} aria-label={`${monthDayLabel(d.day)} ${d.times} 人次`}>
            <View className="column__fill" style={{ height: `${widthOf(d.times, max)}%` }} data-height={widthOf(d.times, max)} />
          </View>
        ))}
      </View>
      <View className="column-axis">
        <Text>{monthDayLabel(days[0].day)}</Text>
        <Text>{monthDayLabel(days[days.length - 1].day)}</Text>
      </View>
      <Text className="t-m t-block">
        {days.length} 天共 {total} 人次{busiest ? `，最多的一天是 ${monthDayLabel(busiest.day)}（${busiest.times} 人次）` : '，还没有人参与'}
      </Text>
    </View>
  );
}
