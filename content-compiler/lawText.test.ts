import { describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  findArticle,
  formatArticleLabel,
  parseArticleLabel,
  parseChineseNumeral,
  parseLawText,
  readLawIndex,
  readLawText,
  toChineseNumeral,
  LawsDirMissingError,
} from './lawText';
import { defaultPaths } from './library';

describe('parseChineseNumeral', () => {
  it.each([
    ['一', 1],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['一百', 100],
    ['一百零五', 105],
    ['一百一十', 110],
    ['一百十', 110],
    ['一百二十', 120],
    ['九百八十九', 989],
    ['一千', 1000],
    ['一千零一十', 1010],
    ['一千零七十九', 1079],
    ['一千二百六十', 1260],
    ['两百', 200],
    ['零', 0],
    ['一万零一', 10001],
  ])('%s = %d', (s, n) => {
    expect(parseChineseNumeral(s)).toBe(n);
  });

  it.each(['', '一二', '五零', '零五', '十十', '百', '二十零', '一千千', '一千零零一', '33', 'abc'])('rejects %p', (s) => {
    expect(() => parseChineseNumeral(s)).toThrow();
  });

  it('round-trips toChineseNumeral for 1..2000', () => {
    const bad: number[] = [];
    for (let n = 1; n <= 2000; n++) if (parseChineseNumeral(toChineseNumeral(n)) !== n) bad.push(n);
    expect(bad).toEqual([]);
    expect(toChineseNumeral(10)).toBe('十');
    expect(toChineseNumeral(110)).toBe('一百一十');
    expect(toChineseNumeral(1079)).toBe('一千零七十九');
    expect(toChineseNumeral(205)).toBe('二百零五');
  });
});

describe('article labels', () => {
  it('parses 第一百二十条之一', () => {
    expect(parseArticleLabel('第一百二十条之一')).toEqual({ label: '第一百二十条之一', number: 120, sub: 1, sortKey: 12001 });
  });
  it('parses 第一千零七十九条', () => {
    expect(parseArticleLabel('第一千零七十九条')).toMatchObject({ number: 1079, sub: 0 });
  });
  it.each(['第33条', '第三十三', '三十三条', '第三十三条之', '第三十三条 ', '第零条', '第一二条'])('rejects %p', (s) => {
    expect(parseArticleLabel(s)).toBeNull();
  });
  it('formats labels', () => {
    expect(formatArticleLabel(120, 1)).toBe('第一百二十条之一');
    expect(formatArticleLabel(33)).toBe('第三十三条');
  });
});

describe('parseLawText', () => {
  const src = [
    '# 中华人民共和国测试法',
    '',
    '2001年2月3日 第一次会议通过',
    '',
    '2019年12月28日 第二次会议《关于修改〈测试法〉的决定》修正　',
    '',
    '2020年1月1日 施行',
    '',
    '<!-- INFO END -->',
    '',
    '## 序言',
    '',
    '这是序言的第一段。',
    '',
    '## 第一章 总则',
    '',
    '第一条 为了测试，制定本法。',
    '',
    '第二条 第一段。',
    '',
    '（一）第一项；',
    '',
    '### 第一节 分则',
    '',
    '第十条 一段。',
    '',
    '第十条之一 补充的一条。',
    '第一百零五条 最后一条。',
    '',
  ].join('\n');
  const law = parseLawText(src, 'fixture');

  it('reads the header dates: version is the latest adoption/amendment, effective the 施行 line', () => {
    expect(law.titles).toEqual(['中华人民共和国测试法']);
    expect(law.header.dates.map((d) => [d.date, d.kind])).toEqual([
      ['2001-02-03', 'adopted'],
      ['2019-12-28', 'amended'],
      ['2020-01-01', 'effective'],
    ]);
    expect(law.header.versionDate).toBe('2019-12-28');
    expect(law.header.effectiveDate).toBe('2020-01-01');
  });

  it('indexes articles with ordinals, paragraphs and headings', () => {
    expect(law.articles.map((a) => a.label)).toEqual(['第一条', '第二条', '第十条', '第十条之一', '第一百零五条']);
    expect(law.articles.map((a) => a.ordinal)).toEqual([1, 2, 3, 4, 5]);
    const a2 = findArticle(law, '第二条')!;
    expect(a2.text).toBe('第一段。\n（一）第一项；');
    expect(a2.headings).toEqual(['第一章 总则']);
    expect(findArticle(law, '第十条')!.text).toBe('一段。'); // the 节 heading is not part of 第二条, nor is 之一 part of 第十条
    expect(findArticle(law, '第十条')!.headings).toEqual(['第一章 总则', '第一节 分则']);
    expect(findArticle(law, '第十条之一')).toMatchObject({ number: 10, sub: 1, text: '补充的一条。' });
    expect(findArticle(law, '第一百零五条')!.line).toBe(28);
    expect(findArticle(law, '第三条')).toBeUndefined();
  });

  it('keeps the preamble as 序言', () => {
    expect(findArticle(law, '序言')!.text).toBe('这是序言的第一段。');
  });

  it('rejects a file without the header marker and duplicate headings', () => {
    expect(() => parseLawText('# x\n第一条 a', 'bad')).toThrow(/INFO END/);
    expect(() => parseLawText('<!-- INFO END -->\n第一条 a\n第一条 b', 'dup')).toThrow(/duplicate/);
  });
});

describe('real law texts (../shared/laws or $LAWS_DIR)', () => {
  const { lawsDir } = defaultPaths();
  const index = readLawIndex(lawsDir);
  const get = (id: string) => readLawText(lawsDir, index.find((e) => e.id === id)!);

  it('every file parses to the article count and version of index.json', () => {
    expect(index.length).toBeGreaterThanOrEqual(20);
    for (const e of index) {
      const t = readLawText(lawsDir, e);
      expect([e.id, t.articles.length]).toEqual([e.id, e.articles]);
      expect([e.id, t.header.versionDate]).toEqual([e.id, e.version]);
      // ascending article numbers
      for (let i = 1; i < t.articles.length; i++) expect(t.articles[i].sortKey).toBeGreaterThan(t.articles[i - 1].sortKey);
    }
  });

  it('宪法 第三十三条 and its 序言', () => {
    const xianfa = get('xianfa');
    const a = findArticle(xianfa, '第三十三条')!;
    expect(a.number).toBe(33);
    expect(a.text).toContain('中华人民共和国公民在法律面前一律平等。');
    expect(a.paragraphs.length).toBeGreaterThanOrEqual(3);
    expect(findArticle(xianfa, '序言')!.text).toContain('具有最高的法律效力');
  });

  it('民法典·婚姻家庭编 第一千零七十九条 (numbers run through the code)', () => {
    const hunyin = get('minfadian-5-hunyin');
    expect(hunyin.articles[0].label).toBe('第一千零四十条');
    const a = findArticle(hunyin, '第一千零七十九条')!;
    expect(a).toMatchObject({ number: 1079, ordinal: 40 });
    expect(a.paragraphs).toContain('（四）因感情不和分居满二年；');
    expect(a.text).not.toMatch(/第一千零八十条/);
  });

  it('刑法 第一百二十条之一 follows 第一百二十条', () => {
    const xingfa = get('xingfa');
    const a = findArticle(xingfa, '第一百二十条之一')!;
    const b = findArticle(xingfa, '第一百二十条')!;
    expect(a).toMatchObject({ number: 120, sub: 1 });
    expect(a.ordinal).toBe(b.ordinal + 1);
    expect(a.text.startsWith('资助恐怖活动组织')).toBe(true);
    expect(b.text).not.toContain('资助恐怖活动组织');
  });

  it('a missing folder raises LawsDirMissingError with a Chinese and English message', () => {
    const missing = path.join(fs.realpathSync(os.tmpdir()), 'no-such-laws-dir-xyz');
    expect(() => readLawIndex(missing)).toThrow(LawsDirMissingError);
    expect(() => readLawIndex(missing)).toThrow(/找不到.*not found/s);
  });
});
