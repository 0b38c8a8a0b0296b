/** The dashboard's cards, from a DashboardView (presentational: the page and the tests feed them). */
import { View, Text, Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { CampaignFigures, DashboardView, QuestionFigures, QuestionFlag } from '@contracts/reports';
import { ListItem } from '@/shared/ui/ListItem';
import { BarList, DayColumns } from './Bars';
import { monthDayLabel } from '@contracts/time';
import { chinaDayOf, num, pct, score } from './format';
import { describeChange } from '@contracts/numbers';
import './reports.scss';

function Total({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <View className="total" data-testid={testId}>
      <Text className="total__num">{value}</Text>
      <Text className="total__label">{label}</Text>
    </View>
  );
}

export function YearTotals({ data }: { data: DashboardView }) {
  const t = data.yearTotals;
  return (
    <View className="card" data-testid="year-totals">
      <Text className="card__title">{data.year} 年至今（截至 {monthDayLabel(data.today)}）</Text>
      <View className="totals">
        <Total label="参与人数" value={`${num(t.people)} 人`} testId="total-people" />
        <Total label="参与人次" value={num(t.times)} testId="total-times" />
        <Total label="答题人次" value={num(t.quiz)} />
        <Total label="平均分" value={score(t.avgScore)} />
        <Total label="合格率" value={pct(t.passRate)} />
        <Total label="阅读人次" value={num(t.read)} />
        <Total label="每日一练人次" value={num(t.practice)} testId="total-practice" />
        <Total label="错题复习人次" value={num(t.review)} testId="total-review" />
        <Total label="电子证书" value={`${num(t.certificates ?? 0)} 份`} testId="total-certificates" />
        <Total label="线下活动" value={`${num(t.offlineEvents)} 场`} />
        <Total label="线下参与人次" value={num(t.offlineTimes)} />
        <Total label="宣传单" value={`${num(t.leaflets)} 份`} />
        <Total label="标语" value={`${num(t.banners)} ${data.bannerUnit ?? '副'}`} />
      </View>
    </View>
  );
}

/** 同比 of this year so far: 参与人数、人次、答题人次、线下活动场次 beside the same days last year (the workbook's 总览 figures). */
export function YearOnYearCard({ data }: { data: DashboardView }) {
  const c = data.comparison;
  return (
    <View className="card" data-testid="year-on-year">
      <Text className="card__title">与上年同期比</Text>
      {c ? (
        <>
          <Text className="t-s t-block">
            上年同期：{c.from} 至 {c.to}
          </Text>
          {c.rows.map((r) => (
            <View className="rule" key={r.key} data-testid={`yoy-${r.key}`}>
              <Text className="rule__label">{r.label}</Text>
              <Text className="rule__value">
                {num(r.current)} {r.unit}
              </Text>
              <Text className="t-s t-block yoy__change">
                上年同期 {num(r.previous)} {r.unit}，{describeChange(r)}
              </Text>
            </View>
          ))}
        </>
      ) : (
        <Text className="t-m t-block">上年同期没有参与记录，暂不比较。</Text>
      )}
    </View>
  );
}

/** Last year's edition of the same standing campaign, over the same days (the workbook's 上年同期活动 columns). */
const previousLine = (c: CampaignFigures) => {
  const p = c.previousEdition;
  if (!p) return null;
  return `上年同期 ${p.title}：参与 ${p.people} 人、${p.times} 人次，答题 ${p.quiz} 人次；人次${describeChange({ change: c.times - p.times, changeRate: p.timesChangeRate, unit: '' })}`;
};

function CampaignRow({ c }: { c: CampaignFigures }) {
  return (
    <ListItem
      testId="campaign-row"
      title={c.title}
      lines={[
        `${c.state === 'live' ? '进行中' : '已结束'}${c.end ? ` · ${c.state === 'live' ? '截止' : '结束于'} ${monthDayLabel(chinaDayOf(Date.parse(c.end)))}` : ''}`,
        `参与 ${c.people} 人、${c.times} 人次；答题 ${c.quiz} 人次，平均 ${score(c.avgScore)}，合格率 ${pct(c.passRate)}`,
        `颁发电子证书 ${num(c.certificates ?? 0)} 份`,
        previousLine(c),
      ]}
    />
  );
}

export function CampaignTotals({ campaigns }: { campaigns: CampaignFigures[] }) {
  return (
    <View className="card" data-testid="campaigns">
      <Text className="card__title">{campaigns.some((c) => c.state === 'live') ? '进行中的活动' : '最近结束的活动'}</Text>
      {campaigns.length ? campaigns.map((c) => <CampaignRow key={c.id} c={c} />) : <Text className="t-m t-block">今年还没有线上活动。</Text>}
    </View>
  );
}

export function DayChart({ data }: { data: DashboardView }) {
  const last7 = data.days.slice(-7).reverse();
  return (
    <View className="card">
      <Text className="card__title">最近 {data.days.length} 天每天参与人次</Text>
      <DayColumns days={data.days} />
      <Text className="t-m t-block" style={{ marginTop: '16px' }}>
        最近 7 天
      </Text>
      <BarList testId="last-7-days" items={last7.map((d) => ({ key: d.day, label: monthDayLabel(d.day), value: d.times, text: `${d.times} 人次` }))} />
    </View>
  );
}

export const FLAG_TEXT: Record<QuestionFlag, string> = {
  too_easy: '⚠ 太容易：正确率超过 95%',
  too_hard: '⚠ 太难：正确率不到 30%',
  negative_discrimination: '⚠ 高分的人反而答错得多，请检查答案是否有误',
  low_discrimination: '⚠ 区分度低：答得好和答得差的人差别不大',
};

function FlaggedRow({ q }: { q: QuestionFigures }) {
  return (
    <ListItem testId="flagged" title={q.stem} lines={[`${q.lawName} · 作答 ${q.answered} 次 · 正确率 ${pct(q.shareCorrect)}${q.discrimination !== null ? ` · 区分度 ${q.discrimination.toFixed(2)}` : ''}`]}>
      {q.flags.map((f) => (
        <Text className="flag" key={f}>
          {FLAG_TEXT[f]}
        </Text>
      ))}
    </ListItem>
  );
}

export function FlaggedQuestions({ questions }: { questions: QuestionFigures[] }) {
  return (
    <View className="card" data-testid="flagged-questions">
      <Text className="card__title">需要复核的题目</Text>
      {questions.length ? questions.map((q) => <FlaggedRow key={q.questionId} q={q} />) : <Text className="t-m t-block">✓ 暂时没有需要复核的题目（作答满 20 次的题目才会判断）。</Text>}
    </View>
  );
}

export function ParagraphCard({ title, paragraph, notes }: { title: string; paragraph: string; notes?: string[] }) {
  return (
    <View className="card" data-testid="paragraph">
      <Text className="card__title">{title}</Text>
      <Text className="paragraph" selectable>
        {paragraph}
      </Text>
      <Button className="btn" onClick={() => void Taro.setClipboardData({ data: paragraph })}>
        复制这段文字
      </Button>
      <Text className="note">这是根据统计数字自动生成的草稿，使用前请核对。</Text>
      {notes?.map((n) => (
        <Text className="note" key={n}>
          · {n}
        </Text>
      ))}
    </View>
  );
}
