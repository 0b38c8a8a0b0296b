/** 村村比拼 rows from tallies: per-head rates from exact counts, ranks, ties, the villages furthest behind. */
import { NO_VILLAGE } from '../participation/keys';
import { buildVillageBoard, tallyVillages, VILLAGE_BOARD_NOTES, type VillageTally } from './villageBoard';

const tally = (times: number, quiz = 0, scoreSum = 0): VillageTally => ({ times, quiz, scoreSum });
const nameOf = (id: string) => `名${id}`;

describe('village leaderboard', () => {
  it('ranks by the exact 参与率, shares a rank on equal rates, and marks the lowest quarter', () => {
    // 10/1000 = 1 %, 5/500 = 1 % (tie), 30/1000 = 3 %, 1/300, 0/200, 2/2000 (0.1 %), 9/900 (1 %, tie)
    const villages = [
      { id: 'a', name: '甲村', population: 1000 },
      { id: 'b', name: '乙村', population: 500 },
      { id: 'c', name: '丙村', population: 1000 },
      { id: 'd', name: '丁村', population: 300 },
      { id: 'e', name: '戊村', population: 200 },
      { id: 'f', name: '己村', population: 2000 },
      { id: 'g', name: '庚村', population: 900 },
      { id: 'h', name: '辛社区', population: null },
    ];
    const people: Record<string, number> = { a: 10, b: 5, c: 30, d: 1, e: 0, f: 2, g: 9, h: 40 };
    const tallies = new Map([['a', tally(25, 4, 330)], ['c', tally(3)], ['h', tally(50)]]);
    const board = buildVillageBoard(villages, tallies, (id) => people[id] ?? 0, nameOf);
    expect(board.rows.map((r) => [r.villageId, r.rank])).toEqual([['c', 1], ['a', 2], ['g', 2], ['b', 2], ['d', 5], ['f', 6], ['e', 7], ['h', null]]);
    // 7 ranked: the lowest ceil(7/4) = 2 are behind.
    expect(board.rows.filter((r) => r.behind).map((r) => r.villageId)).toEqual(['f', 'e']);
    const a = board.rows.find((r) => r.villageId === 'a')!;
    expect(a).toMatchObject({ people: 10, population: 1000, rate: 0.01, times: 25, timesPer100: 2.5, quiz: 4, avgScore: 82.5 });
    expect(board.rows.find((r) => r.villageId === 'd')!.rate).toBe(0.003); // 1/300 = 0.333 % → 0.3 %
    expect(board.rows.find((r) => r.villageId === 'h')).toMatchObject({ population: null, rate: null, timesPer100: null, people: 40, times: 50 });
    expect(board.ranked).toBe(7);
    expect(board.notes).toEqual(expect.arrayContaining([VILLAGE_BOARD_NOTES.rate, VILLAGE_BOARD_NOTES.noPopulation, VILLAGE_BOARD_NOTES.behind]));
  });

  it('shows counts only, ranks nobody and says so when no population is set', () => {
    const villages = [
      { id: 'a', name: '甲村', population: null },
      { id: 'b', name: '乙村' },
    ];
    const board = buildVillageBoard(villages, new Map([['b', tally(9)]]), (id) => (id === 'b' ? 4 : 1), nameOf);
    expect(board.rows.map((r) => [r.villageId, r.people, r.rank, r.rate, r.behind])).toEqual([['b', 4, null, null, false], ['a', 1, null, null, false]]);
    expect(board.ranked).toBe(0);
    expect(board.notes[0]).toBe(VILLAGE_BOARD_NOTES.nonePopulated);
  });

  it('marks nobody when every village is level, or when asked not to (residents)', () => {
    const villages = [
      { id: 'a', name: '甲村', population: 100 },
      { id: 'b', name: '乙村', population: 200 },
    ];
    expect(buildVillageBoard(villages, new Map(), (id) => (id === 'a' ? 1 : 2), nameOf).rows.some((r) => r.behind)).toBe(false);
    const uneven = (markBehind?: boolean) => buildVillageBoard(villages, new Map(), (id) => (id === 'a' ? 1 : 20), nameOf, { markBehind });
    expect(uneven().rows.filter((r) => r.behind).map((r) => r.villageId)).toEqual(['a']);
    expect(uneven(false).rows.some((r) => r.behind)).toBe(false);
    expect(uneven(false).notes).not.toContain(VILLAGE_BOARD_NOTES.behind);
  });

  it('keeps participation from no listed village apart, never ranked', () => {
    const tallies = tallyVillages(
      [
        { villageId: 'a', kind: 'quiz_attempt', count: 2, scoreSum: 150 },
        { villageId: 'a', kind: 'lesson_read', count: 3 },
        { villageId: NO_VILLAGE, kind: 'share', count: 1 },
        { villageId: 'gone', kind: 'quiz_attempt', count: 1, scoreSum: 60 },
      ],
      [{ villageId: 'a', attendees: 12 }, { villageId: '', attendees: 5 }],
    );
    expect(tallies.get('a')).toEqual({ times: 17, quiz: 2, scoreSum: 150 });
    expect(tallies.get(NO_VILLAGE)).toEqual({ times: 6, quiz: 0, scoreSum: 0 });
    const board = buildVillageBoard([{ id: 'a', name: '甲村', population: 100 }], tallies, () => 1, nameOf);
    expect(board.rows.map((r) => r.villageId)).toEqual(['a']);
    expect(board.others.map((r) => [r.villageId, r.name, r.rank, r.times])).toEqual([['gone', '名gone', null, 1], [NO_VILLAGE, `名${NO_VILLAGE}`, null, 6]]);
  });
});
