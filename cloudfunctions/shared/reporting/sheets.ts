/**
 * The report as tables: one per sheet, with Chinese headers and a number format per cell. The xlsx and the
 * CSV are both rendered from these tables, so they always carry the same figures.
 */
import type { CampaignFigures, Metrics, ReportView, VillageBoard, VillageBoardRow } from '../../contracts/reports';
import { CAMPAIGN_STATE_LABEL, QUESTION_FLAG_LABEL } from '../../contracts/labels';
import { chinaDateTime, chinaDay, chineseMonth } from '../../contracts/time';
import { averageOf, averageText, percentText, rateOf } from '../../contracts/numbers';
import { SCORE_BANDS } from '../participation/questionStats';
import { ITEM_RULES } from './figures';

export type Fmt = 'int' | 'pct' | 'dec1' | 'dec2' | 'text';
export type Cell = string | number | null | { n: number | null; fmt: Fmt };

export interface Column {
  header: string;
  fmt: Fmt;
  /** Long free text: wrapped, width capped. */
  wrap?: boolean;
}

export interface Table {
  name: string;
  title: string;
  /** The report's date range, printed in every page header. */
  range: string;
  columns: Column[];
  rows: Cell[][];
  /** Index of rows to show as totals (bold). */
  totalRows?: number[];
  /** Lines below the table (notes, the draft paragraph). */
  footer?: { label: string; lines: string[] }[];
}

export const SHEET_NAMES = ['总览', '按活动', '按村社区', '村村比拼', '按月份', '按法律', '题目分析', '线下活动明细'] as const;

const STATE_LABEL: Record<CampaignFigures['state'], string> = { ...CAMPAIGN_STATE_LABEL, none: '—' };

const int = (header: string): Column => ({ header, fmt: 'int' });
const text = (header: string, wrap = false): Column => ({ header, fmt: 'text', wrap });

/** Columns shared by the campaign, village and month sheets. */
const metricColumns = (unit: string): Column[] => [
  int('参与人数'),
  int('参与人次'),
  int('答题人次'),
  { header: '平均分', fmt: 'dec1' },
  { header: '合格率', fmt: 'pct' },
  int('阅读人次'),
  int('分享人次'),
  int('每日一练人次'),
  int('错题复习人次'),
  int('扫码签到人次'),
  int('线下活动场次'),
  int('未扫码到场人数'),
  int('宣传单（份）'),
  int(`标语（${unit}）`),
];
/** 按活动: the same standing campaign's edition of the year before, over the same days one year earlier. */
const PREVIOUS_EDITION_COLUMNS: Column[] = [text('上年同期活动'), int('上年参与人数'), int('上年参与人次'), int('上年答题人次'), { header: '参与人次同比', fmt: 'pct' }];
const metricCells = (m: Metrics): Cell[] => [m.people, m.times, m.quiz, m.avgScore, m.passRate, m.read, m.share, m.practice, m.review, m.checkin, m.offlineEvents, m.unscanned, m.leaflets, m.banners];

const dayOf = (iso: string | null) => (iso ? chinaDay(iso) : '');

/** 村村比拼: per head (参与率, 每百人参与人次) beside the counts, ranked; one block for the range, one per campaign. */
const VILLAGE_BOARD_COLUMNS: Column[] = [
  text('范围'),
  int('排名'),
  text('村（社区）'),
  int('常住人口'),
  int('参与人数'),
  { header: '参与率', fmt: 'pct' },
  int('参与人次'),
  { header: '每百人参与人次', fmt: 'dec1' },
  int('答题人次'),
  { header: '平均分', fmt: 'dec1' },
  text('说明'),
];

function villageBoardRows(scope: string, board: VillageBoard, total: { label: string; m: Pick<Metrics, 'people' | 'times' | 'quiz' | 'avgScore'> }): Cell[][] {
  const row = (v: VillageBoardRow, note: string): Cell[] => [scope, v.rank, v.name, v.population, v.people, { n: v.rate, fmt: 'pct' }, v.times, { n: v.timesPer100, fmt: 'dec1' }, v.quiz, { n: v.avgScore, fmt: 'dec1' }, note];
  // The town's rate only when every listed village has a population.
  const population = board.rows.length && board.ranked === board.rows.length ? board.rows.reduce((s, v) => s + v.population!, 0) : null;
  return [
    ...board.rows.map((v) => row(v, v.population === null ? '未填写常住人口，不参与排名' : v.behind ? '落后' : '')),
    ...board.others.map((v) => row(v, '不参与排名')),
    [scope, null, total.label, population, total.m.people, { n: population ? rateOf(total.m.people, population) : null, fmt: 'pct' }, total.m.times, { n: population ? averageOf(total.m.times * 100, population) : null, fmt: 'dec1' }, total.m.quiz, { n: total.m.avgScore, fmt: 'dec1' }, '参与人数按人去重，不是各村相加'],
  ];
}

export function reportTables(r: ReportView): Table[] {
  const range = `${r.from} 至 ${r.to}`;
  const t = r.totals;
  const peopleLabel =
    r.peopleBasis === 'exact' ? '按人去重' : r.peopleBasis === 'year-to-date' ? `按人去重，自${r.from.slice(0, 4)}年1月1日起累计` : '按年去重后相加';
  const overviewRows: Cell[][] = [
    ['参与人数', t.people, `线上参与及扫码签到的居民，${peopleLabel}`],
    ...(r.newPeople !== null ? [['区间新增参与人数', r.newPeople, '当年首次参与落在本区间内的人数'] as Cell[]] : []),
    ['参与人次', t.times, '阅读、答题、每日一练、错题复习、分享、扫码签到次数，加未扫码到场人数'],
    ['答题人数', t.quizPeople, '至少答题一次的居民（去重）'],
    ['答题人次', t.quiz, '提交答卷的次数，重试不重复计'],
    ['平均分', { n: t.avgScore, fmt: 'dec1' }, '答题人次的平均得分（百分制）'],
    ['合格率', { n: t.passRate, fmt: 'pct' }, '达到活动合格分的答题人次占比'],
    ['阅读人次', t.read, '每人每篇课程首次阅读计一次'],
    ['阅读人数', t.readPeople, '至少读过一篇课程的居民（去重）'],
    ['分享人次', t.share, '点“转发”分享课程或活动的次数，每人每项每天最多计一次'],
    ['每日一练人次', t.practice, '活动之外每天 5 道题，每人每天最多计一次'],
    ['错题复习人次', t.review, '按复习计划重做错题本中到期题目的次数'],
    ['颁发电子证书', t.certificates, '答题合格的居民每个活动一份（90分及以上为优秀），按首次合格日期计入本区间；与按活动表“电子证书”一列的合计相同'],
    ['线上答题活动期数', r.onlineCampaigns, '本区间内有人答题的活动'],
    ['线下活动场次', t.offlineEvents, '工作人员录入的院坝会、法治讲座等'],
    ['线下参与人次', t.offlineTimes, '扫码签到人次加未扫码到场人数'],
    ['其中扫码签到人次', t.checkin, ''],
    ['其中未扫码到场人数', t.unscanned, ''],
    ['宣传单', t.leaflets, '发放份数'],
    ['标语', t.banners, `悬挂${r.bannerUnit}数`],
  ];
  if (r.comparison) {
    const span = `上年同期：${r.comparison.from} 至 ${r.comparison.to}`;
    for (const row of r.comparison.rows) {
      overviewRows.push([`${row.label}（上年同期）`, row.previous, span]);
      overviewRows.push([`${row.label}同比增减`, row.change, row.changeRate === null ? '上年同期为0，不计增长率' : `同比${row.change >= 0 ? '增长' : '下降'}${cellText(Math.abs(row.changeRate), 'pct')}`]);
    }
  }
  const totalRow = (label: string, extra: Cell[] = [], after: Cell[] = []): Cell[] => [label, ...extra, ...metricCells(t), ...after];

  // Last year's edition of the same standing campaign, beside this year's (同期: the same days a year earlier).
  const previousCells = (c: CampaignFigures): Cell[] => {
    const p = c.previousEdition;
    if (!p) return ['', null, null, null, null];
    return [p.title, p.people, p.times, p.quiz, { n: p.timesChangeRate, fmt: 'pct' }];
  };
  const campaignRows: Cell[][] = r.campaigns.map((c) => [c.title, STATE_LABEL[c.state], dayOf(c.start), dayOf(c.end), ...metricCells(c), c.certificates, ...previousCells(c)]);
  const villageRows: Cell[][] = r.villages.map((v) => [v.name, ...metricCells(v)]);
  const monthRows: Cell[][] = r.months.map((m) => [chineseMonth(m.month), ...metricCells(m)]);
  const boardBlocks: Cell[][][] = [
    villageBoardRows('本区间全部', r.villageBoard, { label: '合计', m: t }),
    ...r.campaignVillageBoards.map((b) => villageBoardRows(b.title, b.board, { label: '小计', m: r.campaigns.find((c) => c.id === b.campaignId)! })),
  ];
  const boardTotals = boardBlocks.map((_, i) => boardBlocks.slice(0, i + 1).reduce((n, b) => n + b.length, 0) - 1);

  return [
    {
      name: '总览',
      range,
      title: `${r.townName}普法参与统计（${range}）`,
      columns: [text('指标'), { header: '数值', fmt: 'int' }, text('说明', true)],
      rows: overviewRows,
      footer: [
        { label: '年度报告参考段落（请核对后使用）', lines: [r.paragraph] },
        { label: '统计口径', lines: r.notes },
        { label: '生成时间', lines: [`${chinaDateTime(r.generatedAt).date} ${chinaDateTime(r.generatedAt).time}（北京时间）`] },
      ],
    },
    {
      name: '按活动',
      range,
      title: `按活动统计（${range}）`,
      columns: [text('活动名称'), text('状态'), text('开始日期'), text('结束日期'), ...metricColumns(r.bannerUnit), int('电子证书（份）'), ...PREVIOUS_EDITION_COLUMNS],
      rows: [...campaignRows, totalRow('合计', ['', '', ''], [t.certificates, '', null, null, null, null])],
      totalRows: [campaignRows.length],
    },
    {
      name: '按村社区',
      range,
      title: `按村（社区）统计（${range}）`,
      columns: [text('村（社区）'), ...metricColumns(r.bannerUnit)],
      rows: [...villageRows, totalRow('合计')],
      totalRows: [villageRows.length],
    },
    {
      name: '村村比拼',
      range,
      title: `村村比拼（${range}）`,
      columns: VILLAGE_BOARD_COLUMNS,
      rows: boardBlocks.flat(),
      totalRows: boardTotals,
      footer: [{ label: '说明', lines: [...r.villageBoard.notes, '“本区间全部”的合计与总览相同；每个活动的小计与按活动中该活动一行相同。各活动的参与人数为活动开始至截止日的累计去重人数。'] }],
    },
    {
      name: '按月份',
      range,
      title: `按月份统计（${range}）`,
      columns: [text('月份'), ...metricColumns(r.bannerUnit)],
      rows: [...monthRows, totalRow('合计')],
      totalRows: [monthRows.length],
    },
    {
      name: '按法律',
      range,
      title: `按法律统计（${range}）`,
      columns: [text('法律'), text('类别'), int('参与人数'), int('学习答题等人次'), int('答题人次'), int('阅读人次'), int('扫码签到人次'), int('分享人次'), int('线下活动场次')],
      rows: r.laws.map((l) => [
        l.level === 'member' ? `　${l.name}` : l.name,
        l.level === 'group' ? '汇总（含各编）' : l.level === 'member' ? `${l.group}分编` : '法律法规',
        l.people,
        l.times,
        l.quiz,
        l.read,
        l.checkin,
        l.share,
        l.offlineEvents,
      ]),
    },
    {
      name: '题目分析',
      range,
      title: '题目分析（累计）',
      columns: [
        text('题目编号'),
        text('题干', true),
        text('所属法律'),
        int('作答次数'),
        { header: '正确率', fmt: 'pct' },
        { header: '高分组正确率', fmt: 'pct' },
        { header: '低分组正确率', fmt: 'pct' },
        { header: '区分度', fmt: 'dec2' },
        text('提示', true),
        text('状态'),
      ],
      rows: r.questions.map((q) => [
        q.questionId,
        q.stem,
        q.lawName,
        q.answered,
        q.shareCorrect,
        q.pTop,
        q.pBottom,
        q.discrimination,
        q.flags.length ? q.flags.map((f) => QUESTION_FLAG_LABEL[f]).join('；') : q.answered < ITEM_RULES.minAnswered ? '作答次数较少，暂不判断' : '',
        q.archived ? '已下架' : '在用',
      ]),
      footer: [{ label: '说明', lines: [`正确率：得分占满分的比例（多选题部分正确计一半）。高分组为得分${SCORE_BANDS.top}分及以上的答卷，低分组为${SCORE_BANDS.bottom}分以下的答卷；区分度 = 高分组正确率 − 低分组正确率。`] }],
    },
    {
      name: '线下活动明细',
      range,
      title: `线下活动明细（${range}）`,
      columns: [
        text('日期'),
        text('类型'),
        text('活动名称'),
        text('村（社区）'),
        text('地点'),
        text('宣传法律'),
        text('关联线上活动'),
        int('扫码签到人数'),
        int('未扫码到场人数'),
        int('到场合计'),
        int('宣传单（份）'),
        int(`标语（${r.bannerUnit}）`),
        text('备注', true),
      ],
      rows: r.offline.map((e) => [e.date, e.type, e.title, e.village, e.place, e.laws, e.campaign, e.checkIns, e.attendees, e.total, e.leaflets, e.banners, e.notes]),
    },
  ];
}

/** Every cell's value, formatted as the CSV writes it (also what widths are fitted to). */
export function cellText(cell: Cell, fmt: Fmt): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'object') return cellText(cell.n, cell.fmt);
  if (typeof cell === 'string') return cell;
  switch (fmt) {
    case 'pct':
      return percentText(cell);
    case 'dec1':
      return averageText(cell);
    case 'dec2':
      return cell.toFixed(2);
    default:
      return String(cell);
  }
}
