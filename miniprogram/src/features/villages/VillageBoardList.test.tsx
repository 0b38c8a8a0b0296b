import { render, screen } from '@testing-library/react';
import type { VillageBoard, VillageBoardRow } from '@contracts/reports';
import { VillageBoardList } from './VillageBoardList';

const row = (over: Partial<VillageBoardRow>): VillageBoardRow => ({ villageId: 'v', name: '村', population: null, people: 0, rate: null, times: 0, timesPer100: null, quiz: 0, avgScore: null, rank: null, behind: false, ...over });
const board: VillageBoard = {
  rows: [
    row({ villageId: 'a', name: '一村', population: 800, people: 12, rate: 0.015, times: 30, timesPer100: 3.8, quiz: 10, avgScore: 86.5, rank: 1 }),
    row({ villageId: 'b', name: '二村', population: 500, people: 2, rate: 0.004, times: 2, timesPer100: 0.4, rank: 2, behind: true }),
    row({ villageId: 'c', name: '三社区', people: 5, times: 9 }),
  ],
  others: [row({ villageId: 'unknown', name: '未选择村（社区）', people: 1, times: 4 })],
  ranked: 2,
  notes: ['参与率 = 参与人数 ÷ 常住人口'],
};

describe('村村比拼 list', () => {
  it('writes rank, 参与率 and counts as text, and marks the resident\'s own village', () => {
    render(<VillageBoardList board={board} myVillageId="b" />);
    const mine = screen.getByTestId('village-row-mine');
    expect(mine.getAttribute('data-village')).toBe('b');
    expect(mine.textContent).toContain('我的村');
    const rows = screen.getAllByTestId('village-row');
    expect(rows[0].textContent).toBe('1一村参与率 1.5%（12 / 800 人）12 人参与 · 30 人次 · 每百人 3.8 人次 · 平均 86.5 分');
    expect(rows[1].textContent).toContain('—三社区未填写常住人口，只显示人数5 人参与 · 9 人次');
    expect(screen.getByTestId('village-board').textContent).toContain('另有 4 人次来自未选择村（社区）的居民');
    // Residents never see 落后.
    expect(screen.getByTestId('village-board').textContent).not.toContain('落后');
  });

  it('marks the villages furthest behind for staff', () => {
    render(<VillageBoardList board={board} showBehind />);
    expect(screen.queryByTestId('village-row-mine')).toBeNull();
    const behind = screen.getAllByTestId('village-row').filter((r) => r.textContent!.includes('⚠ 落后'));
    expect(behind.map((r) => r.getAttribute('data-village'))).toEqual(['b']);
  });
});
