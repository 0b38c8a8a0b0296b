import { filterLessons } from './filterLessons';
import type { LawGroup } from '@contracts/resident';

const lesson = (id: string, title: string, tags: string[]) => ({ id, title, law: id.split('-')[0], readingMinutes: 1, read: false, tags });
const groups: LawGroup[] = [
  { law: 'minfadian', shortName: '民法典', lessons: [lesson('minfadian-1', '彩礼能不能要回来', ['婚姻', '彩礼']), lesson('minfadian-2', '邻居漏水怎么办', ['相邻关系'])] },
  { law: 'fanzhapian', shortName: '反电信网络诈骗法', lessons: [lesson('fanzhapian-1', '陌生来电让转账', ['反诈', '转账'])] },
];

describe('filterLessons', () => {
  it('keeps one law, or all', () => {
    expect(filterLessons(groups, 'fanzhapian', '').map((g) => g.law)).toEqual(['fanzhapian']);
    expect(filterLessons(groups, null, '').map((g) => g.lessons.length)).toEqual([2, 1]);
  });
  it('searches titles and tags, every word, and drops laws with nothing left', () => {
    expect(filterLessons(groups, null, '转账').flatMap((g) => g.lessons.map((l) => l.id))).toEqual(['fanzhapian-1']);
    expect(filterLessons(groups, null, ' 婚姻 ').flatMap((g) => g.lessons.map((l) => l.id))).toEqual(['minfadian-1']);
    expect(filterLessons(groups, null, '彩礼 转账')).toEqual([]);
    expect(filterLessons(groups, 'minfadian', '转账')).toEqual([]);
  });
});
