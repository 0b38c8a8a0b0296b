/**
 * 村村比拼 as a list (presentational: the resident page and the staff dashboard feed it a VillageBoard). Each
 * village's 参与率 is the big figure, its counts below; rank and 落后 are written as text, never colour alone.
 */
import { View, Text } from '@tarojs/components';
import type { VillageBoard, VillageBoardRow } from '@contracts/reports';
import { averageText, percentText } from '@contracts/numbers';
import './villages.scss';

/** `4 人参与 · 12 人次 · 平均 72.1 分` (and 每百人 12.5 人次 where a population is set). */
export function countsLine(r: VillageBoardRow): string {
  const parts = [`${r.people} 人参与`, `${r.times} 人次`];
  if (r.timesPer100 !== null) parts.push(`每百人 ${averageText(r.timesPer100)} 人次`);
  if (r.quiz > 0) parts.push(`平均 ${averageText(r.avgScore)} 分`);
  return parts.join(' · ');
}

function Row({ r, mine, showBehind, maxRate }: { r: VillageBoardRow; mine: boolean; showBehind: boolean; maxRate: number }) {
  const behind = showBehind && r.behind;
  const width = r.rate !== null && maxRate > 0 ? Math.round((r.rate / maxRate) * 1000) / 10 : 0;
  return (
    <View className={`vb-row ${mine ? 'vb-row--mine' : ''} ${behind ? 'vb-row--behind' : ''}`} data-testid={mine ? 'village-row-mine' : 'village-row'} data-village={r.villageId}>
      <Text className="vb-row__rank" aria-label={r.rank ? `第 ${r.rank} 名` : '未排名'}>
        {r.rank ?? '—'}
      </Text>
      <View className="vb-row__main">
        <View className="vb-row__head">
          <Text className="vb-row__name">{r.name}</Text>
          {mine ? <Text className="tag vb-tag">我的村</Text> : null}
          {behind ? <Text className="vb-behind">⚠ 落后</Text> : null}
        </View>
        {r.population !== null ? (
          <Text className="vb-row__rate">
            参与率 {percentText(r.rate)}
            <Text className="vb-row__of">
              （{r.people} / {r.population} 人）
            </Text>
          </Text>
        ) : (
          <Text className="vb-row__of t-block">未填写常住人口，只显示人数</Text>
        )}
        {r.population !== null ? (
          <View className="vb-track" aria-hidden="true">
            <View className="vb-track__fill" style={{ width: `${width}%` }} />
          </View>
        ) : null}
        <Text className="t-s t-block">{countsLine(r)}</Text>
      </View>
    </View>
  );
}

export function VillageBoardList({ board, myVillageId = null, showBehind = false, testId = 'village-board' }: { board: VillageBoard; myVillageId?: string | null; showBehind?: boolean; testId?: string }) {
  const maxRate = Math.max(0, ...board.rows.map((r) => r.rate ?? 0));
  const others = board.others.reduce((s, r) => s + r.times, 0);
  return (
    <View data-testid={testId}>
      {board.rows.map((r) => (
        <Row key={r.villageId} r={r} mine={r.villageId === myVillageId} showBehind={showBehind} maxRate={maxRate} />
      ))}
      {others > 0 ? <Text className="t-s t-block vb-note">另有 {others} 人次来自未选择村（社区）的居民，不参与比拼。</Text> : null}
      {board.notes.map((n) => (
        <Text className="t-s t-block vb-note" key={n}>
          · {n}
        </Text>
      ))}
    </View>
  );
}
