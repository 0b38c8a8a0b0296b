import { render, screen, fireEvent, waitFor } from '@testing-library/react';
import type { CampaignFigures, DashboardView, ExportFile, QuestionFigures } from '@contracts/reports';
import { BarList, DayColumns } from './Bars';
import { CampaignTotals, FlaggedQuestions, YearOnYearCard, YearTotals } from './DashboardSections';
import { ExportPanel } from './ExportPanel';
import { periodRange } from './format';

jest.mock('./openExport', () => ({ openExport: jest.fn(async () => undefined) }));

const metrics = { people: 12, times: 30, quiz: 20, avgScore: 86.5, passRate: 0.9, read: 8, share: 1, practice: 7, review: 3, checkin: 1, offlineEvents: 2, unscanned: 40, offlineTimes: 41, leaflets: 300, banners: 4 };
const dashboard: DashboardView = {
  bannerUnit: '副',
  townName: '古路镇',
  today: '2026-12-04',
  year: '2026',
  yearTotals: { ...metrics, quizPeople: 10, readPeople: 5, certificates: 3 },
  campaigns: [],
  days: Array.from({ length: 30 }, (_, i) => ({ day: new Date(Date.UTC(2026, 10, 5 + i)).toISOString().slice(0, 10), times: i === 29 ? 50 : i, quiz: 0 })),
  villages: [],
  villageBoard: { rows: [], others: [], ranked: 0, notes: [] },
  flagged: [],
  paragraph: '段落',
  notes: [],
};

describe('dashboard parts', () => {
  it('shows the year totals as text, with units', () => {
    render(<YearTotals data={dashboard} />);
    expect(screen.getByTestId('total-people').textContent).toContain('12 人');
    expect(screen.getByText('90.0%')).toBeTruthy();
    expect(screen.getByText('86.5 分')).toBeTruthy();
    expect(screen.getByText('300 份')).toBeTruthy();
    expect(screen.getByTestId('total-practice').textContent).toContain('7');
    expect(screen.getByTestId('total-review').textContent).toContain('3');
  });

  it('compares the year with the same days last year: each figure, the change in numbers and in %', () => {
    const comparison: DashboardView['comparison'] = {
      from: '2025-01-01',
      to: '2025-12-04',
      rows: [
        { key: 'people', label: '参与人数', unit: '人', current: 12, previous: 10, change: 2, changeRate: 0.2 },
        { key: 'times', label: '参与人次', unit: '人次', current: 30, previous: 40, change: -10, changeRate: -0.25 },
        { key: 'quiz', label: '答题人次', unit: '人次', current: 20, previous: 0, change: 20, changeRate: null },
        { key: 'offlineEvents', label: '线下活动场次', unit: '场', current: 2, previous: 2, change: 0, changeRate: 0 },
      ],
    };
    const { rerender } = render(<YearOnYearCard data={{ ...dashboard, comparison }} />);
    expect(screen.getByTestId('year-on-year').textContent).toContain('上年同期：2025-01-01 至 2025-12-04');
    expect(screen.getByTestId('yoy-people').textContent).toBe('参与人数12 人上年同期 10 人，增加2人、增长20.0%');
    expect(screen.getByTestId('yoy-times').textContent).toContain('减少10人次、下降25.0%');
    expect(screen.getByTestId('yoy-quiz').textContent).toContain('增加20人次（上年同期为0）');
    expect(screen.getByTestId('yoy-offlineEvents').textContent).toContain('持平');
    rerender(<YearOnYearCard data={{ ...dashboard, comparison: null }} />);
    expect(screen.getByTestId('year-on-year').textContent).toContain('上年同期没有参与记录');
  });

  it("shows last year's edition beside a campaign row", () => {
    const c: CampaignFigures = {
      ...metrics,
      id: 'march-pufa-2027',
      title: '2027年 三月普法月',
      state: 'live',
      start: '2027-03-01T00:00:00+08:00',
      end: '2027-03-31T23:59:59+08:00',
      templateId: 'march-pufa',
      year: 2027,
      previousEdition: { id: 'march-pufa', title: '2026年 三月普法月', year: 2026, people: 9, times: 24, quiz: 15, offlineEvents: 1, timesChangeRate: 0.25 },
      certificates: 7,
    };
    render(<CampaignTotals campaigns={[c, { ...c, id: 'x', previousEdition: null }]} />);
    const rows = screen.getAllByTestId('campaign-row');
    expect(rows[0].textContent).toContain('上年同期 2026年 三月普法月：参与 9 人、24 人次，答题 15 人次；人次增加6、增长25.0%');
    expect(rows[1].textContent).not.toContain('上年同期');
    expect(rows[0].textContent).toContain('颁发电子证书 7 份');
  });

  it('draws bars in proportion and writes every value beside its bar', () => {
    render(<BarList items={[{ key: 'a', label: '一村', value: 40, text: '10 人 · 40 人次' }, { key: 'b', label: '二村', value: 10 }, { key: 'c', label: '三村', value: 0 }]} />);
    const bars = screen.getAllByTestId('bar');
    const widths = bars.map((b) => Number(b.querySelector('[data-width]')!.getAttribute('data-width')));
    expect(widths).toEqual([100, 25, 0]);
    expect(bars[0].textContent).toContain('10 人 · 40 人次');
    expect(bars[1].textContent).toContain('10');
  });

  it('spells out the busiest day under the day chart', () => {
    render(<DayColumns days={dashboard.days} />);
    expect(screen.getByTestId('day-columns').textContent).toContain('30 天共');
    expect(screen.getByTestId('day-columns').textContent).toContain('最多的一天是 12月4日（50 人次）');
  });

  it('labels flagged questions in words, not colour', () => {
    const q: QuestionFigures = { questionId: 'q1', stem: '宪法是国家的根本法。', law: 'xianfa', lawName: '宪法', answered: 100, shareCorrect: 0.99, pTop: 1, pBottom: 0.95, discrimination: 0.05, flags: ['too_easy'], archived: false };
    const { rerender } = render(<FlaggedQuestions questions={[q]} />);
    expect(screen.getByTestId('flagged').textContent).toContain('⚠ 太容易');
    rerender(<FlaggedQuestions questions={[]} />);
    expect(screen.getByTestId('flagged-questions').textContent).toContain('✓ 暂时没有');
  });
});

describe('export panel', () => {
  const file: ExportFile = { fileID: 'cloud://x/y.xlsx', url: 'http://127.0.0.1/y.xlsx', fileName: '古路镇普法参与统计_2025-01-01_2025-12-31.xlsx', format: 'xlsx', bytes: 20480, paragraph: '2025年，……' };
  beforeEach(() => {
    (global as { fetch?: unknown }).fetch = jest.fn(async (_url: string, init: { body: string }) => ({ ok: true, status: 200, json: async () => ({ ok: true, data: { ...file, requested: JSON.parse(init.body) } }) }));
  });

  it('offers periods and formats marked with ✓, and asks the server for the chosen range', async () => {
    render(<ExportPanel today="2026-12-04" />);
    expect(screen.getByTestId('export-range').textContent).toBe('2026-01-01 至 2026-12-04');
    fireEvent.click(screen.getByTestId('period-lastYear'));
    expect(screen.getByTestId('period-lastYear').textContent).toContain('✓');
    expect(screen.getByTestId('export-range').textContent).toBe('2025-01-01 至 2025-12-31');
    fireEvent.click(screen.getByTestId('format-csv'));
    fireEvent.click(screen.getByTestId('export-button'));
    await waitFor(() => expect(screen.getByTestId('export-done').textContent).toContain('✓ 已生成'));
    const [url, init] = (global.fetch as jest.Mock).mock.calls[0];
    expect(url).toBe('/api/fn/reports');
    expect(JSON.parse(init.body)).toEqual({ action: 'buildExport', input: { from: '2025-01-01', to: '2025-12-31', format: 'csv' } });
  });

  it('computes the preset ranges in China days', () => {
    expect(periodRange('month', '2026-12-04')).toEqual({ from: '2026-12-01', to: '2026-12-04' });
    expect(periodRange('year', '2026-01-01')).toEqual({ from: '2026-01-01', to: '2026-01-01' });
  });
});
