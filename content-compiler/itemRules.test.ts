import { describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ITEM_RULE_IDS,
  answerInStem,
  isNumberRecall,
  isSituational,
  wordingGuesser,
  itemRuleIssues,
  loadItemRuleFiles,
  measureItemRules,
  type ItemRuleFigure,
  type ItemRuleId,
  type ItemRuleLibrary,
  type PublicFact,
  type SameFactException,
} from './itemRules';
import type { Lesson, Question } from './model';

// In-memory banks: each rule is shown passing on a clean bank and failing on one built to violate it.

let n = 0;
const base = (article?: string) => ({
  id: `q-t-${String(++n).padStart(3, '0')}`,
  law: 't',
  explanation: '因为。',
  citation: { law: 't', article: article ?? `第${n}条`, quotes: ['这是被引用的条文原文。'] },
  difficulty: 1 as const,
  tags: ['x'],
  campaigns: [],
  source: { file: 'content/questions/t.yaml', line: n },
});
function single(stem: string, options: string[], answer: 'A' | 'B' | 'C' | 'D', article?: string): Question {
  return { ...base(article), type: 'single', stem, options, answer };
}
function multiple(stem: string, options: string[], answer: ('A' | 'B' | 'C' | 'D' | 'E')[], article?: string): Question {
  return { ...base(article), type: 'multiple', stem, options, answer };
}
function judge(stem: string, answer: boolean, quote?: string): Question {
  const b = base();
  return { ...b, type: 'judge', stem, answer, citation: { ...b.citation, quotes: [quote ?? b.citation.quotes[0]] } };
}
function lesson(body: string, citations: Lesson['citations']): Lesson {
  n++;
  return { id: `l-t-${n}`, title: '课', law: 't', articles: citations.map((c) => c.article), tags: [], campaigns: [], readingMinutes: 1, citations, body, hanChars: body.length, source: { file: `content/lessons/t/l-t-${n}.md`, line: 1 } };
}

const FACT_12348: PublicFact = {
  id: 'h12348',
  number: '12348',
  name: '12348公共法律服务热线',
  wrongNames: ['法律援助热线'],
  source: { title: '司法部', url: 'https://example.org', says: '12348公共法律服务热线' },
};

function lib(questions: Question[], lessons: Lesson[] = []): ItemRuleLibrary {
  return {
    questions,
    lessons,
    laws: [],
    lawIndex: [
      { id: 't', title: '中华人民共和国测试法', heading: '', version: '2020-01-01', file: 't.md', articles: 9 },
      { id: 'other', title: '中华人民共和国别的法', heading: '', version: '2020-01-01', file: 'o.md', articles: 9 },
    ],
  };
}
function figure(l: ItemRuleLibrary, id: ItemRuleId, exceptions: SameFactException[] = [], gating: ItemRuleId[] = []): ItemRuleFigure {
  return measureItemRules(l, { publicFacts: [FACT_12348], exceptions }, undefined, gating).find((f) => f.id === id)!;
}

/** Four single-choice questions with equally long options, answers spread, each with a person in a situation. */
function cleanSingles(): Question[] {
  return [
    single('老王借钱给邻居，邻居到期不还，老王可以（  ）。', ['到法院告他', '砸他家大门', '扣他家牛', '堵他家路'], 'A'),
    single('李大妈网购的衣服七天内想退，她应当（  ）。', ['直接扔掉', '联系卖家', '找村干部', '找派出所'], 'B'),
    single('小明在学校被同学打了，他应当（  ）。', ['忍着不说', '打回去', '告诉老师', '逃学躲着'], 'C'),
    single('张某的承包地被占了，他可以（  ）。', ['自己抢回', '拆人房子', '堵人家门', '找村里评理'], 'D'),
  ];
}

describe('item-writing rules', () => {
  it('measures every rule and a clean bank passes them all', () => {
    const qs = [
      ...cleanSingles(),
      judge('老王的儿子可以不经同意卖掉老王的房子。', false),
      judge('李大妈遇到纠纷可以申请人民调解。', true),
      multiple('村民王某遇到欠薪，可以找（  ）。', ['劳动监察', '调解组织', '仲裁委员会', '黑社会'], ['A', 'B', 'C']),
      multiple('张某的孩子受欺负，可以告诉（  ）。', ['老师', '父母', '陌生网友', '游戏好友'], ['A', 'B']),
    ];
    const figures = measureItemRules(lib(qs, [lesson('有困难拨打12348公共法律服务热线。', [])]), { publicFacts: [FACT_12348], exceptions: [] });
    expect(figures.map((f) => f.id)).toEqual(ITEM_RULE_IDS);
    expect(figures.filter((f) => !f.pass).map((f) => `${f.id}: ${f.figure}`)).toEqual([]);
  });

  it('longest-right: fails when the right option is the longest too often, and ≥ 1.5× the next', () => {
    const clean = lib(cleanSingles());
    expect(figure(clean, 'longest-right').pass).toBe(true);
    const giveaway = lib([
      single('甲（  ）。', ['短', '很短', '依法向人民法院提起诉讼', '不短'], 'C'),
      single('乙（  ）。', ['短的', '也短', '不长', '可以申请人民调解委员会调解'], 'D'),
      ...cleanSingles().slice(0, 2),
    ]);
    const f = figure(giveaway, 'longest-right');
    expect(f).toMatchObject({ pass: false, figure: '2 of 4 (50.0%)' });
    expect(figure(giveaway, 'much-longest-right')).toMatchObject({ pass: false, figure: '2 of 4 (50.0%)' });
    // Longest but under 1.5×: the first rule counts it, the second does not.
    const slightly = lib([single('丙（  ）。', ['四个字的', '四个字的话', '五个字的话语', '四个字啊'], 'C')]);
    expect(figure(slightly, 'longest-right').pass).toBe(false);
    expect(figure(slightly, 'much-longest-right').pass).toBe(true);
  });

  it('stem-has-answer: a right option whose distinctive text is in the stem', () => {
    const q = single('法律援助机构应当依法为家庭暴力受害人提供（  ）。', ['法律援助', '经济补偿', '住房', '工作'], 'A');
    expect(answerInStem(q)).toBe('法律援助');
    expect(figure(lib([q]), 'stem-has-answer')).toMatchObject({ pass: false, figure: '1 of 1 (100.0%)' });
    // Text shared with a wrong option is not a giveaway.
    const fair = single('受到家暴，可以向（  ）申请法律援助。', ['法律援助机构', '法律援助律师的亲戚', '村委会', '妇联'], 'A');
    expect(answerInStem(fair)).toBeNull();
    expect(figure(lib(cleanSingles()), 'stem-has-answer').pass).toBe(true);
  });

  it('judge-balance: true statements between 40% and 60%', () => {
    const allTrue = lib([judge('甲可以。', true), judge('乙可以。', true), judge('丙可以。', true), judge('丁不可以。', false)]);
    expect(figure(allTrue, 'judge-balance')).toMatchObject({ pass: false, figure: '3 of 4 (75.0%)' });
    const even = lib([judge('甲可以。', true), judge('乙可以。', true), judge('丙可以。', false), judge('丁不可以。', false)]);
    expect(figure(even, 'judge-balance').pass).toBe(true);
  });

  it('judge-absolute-words: absolute words may not mark the false statements', () => {
    const marked = lib([judge('只要签了字就随便处理。', false), judge('一概不用管。', false), judge('老人可以申请调解。', true), judge('孩子可以告诉老师。', true)]);
    const f = figure(marked, 'judge-absolute-words');
    expect(f.pass).toBe(false);
    expect(f.figure).toMatch(/^100\.0 points/);
    expect(f.offenders.map((o) => o.detail)).toEqual(['false statement uses "只要"', 'false statement uses "一概"']);
    const balanced = lib([judge('只要签了字就随便处理。', false), judge('老人不用证明经济困难也能申请法律援助。', true)]);
    expect(figure(balanced, 'judge-absolute-words').pass).toBe(true);
  });

  it('judge-verbatim: at most a third of statements copy the quote', () => {
    const quote = '公民在法律面前一律平等。';
    const copied = lib([judge('根据宪法，公民在法律面前一律平等。', true, quote), judge('公民在法律面前不平等。', false, quote), judge('老王和村主任打官司，法院应当平等对待。', true, quote)]);
    const f = figure(copied, 'judge-verbatim');
    expect(f).toMatchObject({ pass: false, figure: '2 of 3 (66.7%)' });
    const own = lib([judge('老王和村主任打官司，法院应当平等对待。', true, quote), judge('村主任打官司可以享受特殊待遇。', false, quote), judge('根据宪法，公民在法律面前一律平等。', true, quote)]);
    expect(figure(own, 'judge-verbatim').pass).toBe(true);
  });

  it('multiple-right-counts: no one count of right options above half', () => {
    const same = lib([
      multiple('甲（  ）。', ['一', '二', '三', '四'], ['A', 'B', 'C']),
      multiple('乙（  ）。', ['一', '二', '三', '四'], ['A', 'B', 'D']),
      multiple('丙（  ）。', ['一', '二', '三', '四'], ['B', 'C']),
    ]);
    const f = figure(same, 'multiple-right-counts');
    expect(f.pass).toBe(false);
    expect(f.figure).toContain('2 of 3 (66.7%); counts 2 right: 1, 3 right: 2; exactly one wrong option: 2');
    const varied = lib([multiple('甲（  ）。', ['一', '二', '三', '四'], ['A', 'B', 'C']), multiple('丙（  ）。', ['一', '二', '三', '四'], ['B', 'C'])]);
    expect(figure(varied, 'multiple-right-counts').pass).toBe(true);
  });

  it('same-fact: two questions on one fact fail unless listed as an exception with a reason', () => {
    const a = single('网购商品，消费者自收到商品之日起（  ）内可以无理由退货。', ['七日', '三日', '十五日', '一个月'], 'A', '第二十五条');
    const b = single('老王网购了一件衣服，收到后几天内可以无理由退货？', ['三日', '七日', '十五日', '三十日'], 'B', '第二十五条');
    const c = single('老王网购的衣服有质量问题，他可以找谁投诉？', ['12315', '12306', '12123', '12580'], 'A', '第三十九条');
    const f = figure(lib([a, b, c]), 'same-fact');
    expect(f.pass).toBe(false);
    expect(f.offenders).toHaveLength(1);
    expect(f.offenders[0].detail).toContain(`same fact as ${a.id}`);
    const ok = figure(lib([a, b, c]), 'same-fact', [{ questions: [b.id, a.id], reason: '一题记期限，一题用情境' }]);
    expect(ok.pass).toBe(true);
    expect(ok.figure).toBe('0 pair(s) (1 listed exception(s))');
    const stale = figure(lib([a, c]), 'same-fact', [{ questions: [b.id, a.id], reason: '一题记期限，一题用情境' }]);
    expect(stale.pass).toBe(false);
    expect(stale.offenders[0].detail).toContain(`names ${b.id}, which is not a question`);
  });

  it('situational: at least half of the questions put a person in a situation', () => {
    expect(isSituational(single('老王借钱不还，怎么办？', ['a', 'b', 'c'], 'A'))).toBe(true);
    expect(isSituational(single('根据宪法，国家的根本制度是（  ）。', ['a', 'b', 'c'], 'A'))).toBe(false);
    // 其他、他人、我国 name nobody; 他/她/你 in a story do.
    expect(isSituational(single('侵害他人隐私的，其他组织和我国公民都可以举报吗？', ['a', 'b'], 'A'))).toBe(false);
    expect(isSituational(judge('她的房子被占了，可以申请调解。', true))).toBe(true);
    expect(isSituational(judge('你收到陌生短信，不要点链接。', true))).toBe(true);
    const textbook = lib([
      single('根据宪法，国家的根本制度是（  ）。', ['社会主义制度', '资本主义制度', '封建制度'], 'A'),
      single('宪法规定，公民的基本义务是（  ）。', ['纳税', '经商', '旅游'], 'A'),
      single('张某的地被占了，他可以（  ）。', ['申请调解', '拆人房子', '堵人家门'], 'A'),
    ]);
    const f = figure(textbook, 'situational');
    expect(f).toMatchObject({ pass: false, figure: '1 of 3 (33.3%)' });
    expect(f.offenders).toHaveLength(2);
    expect(figure(lib(cleanSingles()), 'situational').pass).toBe(true);
  });

  it('number-recall: questions whose options differ only in a number, at most 15%', () => {
    const days = single('申请人应当在（  ）内提出。', ['三日', '五日', '七日', '十日'], 'C');
    expect(isNumberRecall(days)).toBe(true);
    expect(isNumberRecall(single('承包期是（  ）。', ['30年', '6个月', '1年', '50年'], 'A'))).toBe(true);
    expect(isNumberRecall(cleanSingles()[0])).toBe(false);
    expect(figure(lib([days, ...cleanSingles()]), 'number-recall')).toMatchObject({ pass: false, figure: '1 of 5 (20.0%)' });
    expect(figure(lib([days, ...cleanSingles(), ...cleanSingles()]), 'number-recall').pass).toBe(true);
  });

  it('lesson-mentions: a lesson cites every law, article and hotline its body names, or lists it as a public fact', () => {
    const cites = [{ law: 't', article: '第二条', quotes: ['原文'] }];
    const good = lesson('测试法第二条说得清楚：有困难拨打12348公共法律服务热线。', cites);
    const bad = lesson('按照别的法第九条，可以拨打12355，也可以打12348公共法律服务热线。', cites);
    const f = figure(lib([], [good, bad]), 'lesson-mentions');
    expect(f.pass).toBe(false);
    expect(f.offenders).toHaveLength(1);
    expect(f.offenders[0]).toMatchObject({ id: bad.id });
    expect(f.offenders[0].detail).toContain('《别的法》、第九条、12355');
  });

  it('hotline-names: 12348 is the public legal service hotline, never "法律援助热线"', () => {
    const wrong = lesson('拨打12348法律援助热线咨询。', []);
    const q = judge('老王可以拨打法律援助热线12348咨询。', true);
    const f = figure(lib([q], [wrong]), 'hotline-names');
    expect(f.pass).toBe(false);
    expect(f.offenders.map((o) => o.id)).toEqual([wrong.id, q.id]);
    expect(figure(lib([], [lesson('拨打12348公共法律服务热线。', [])]), 'hotline-names').pass).toBe(true);
  });

  it('option-giveaways: wrong options may not carry give-away words (只能、自认倒霉…) that right options do not', () => {
    const tells = [
      single('老王被狗咬了，狗主人应当（  ）。', ['承担赔偿责任', '只能自认倒霉', '赔一半', '道个歉'], 'A'),
      single('李大妈买到假货，她可以（  ）。', ['要求三倍赔偿', '只能退货', '一律不退', '不退不换'], 'A'),
      ...cleanSingles(),
    ];
    const f = figure(lib(tells), 'option-giveaways');
    expect(f.pass).toBe(false);
    expect(f.figure).toBe('16.7 points (wrong 3/18 = 16.7%, right 0/6 = 0.0%)');
    expect(f.offenders.map((o) => o.detail)).toEqual([
      'wrong option "只能自认倒霉" gives itself away with "自认倒霉"',
      'wrong option "只能退货" gives itself away with "只能"',
      'wrong option "一律不退" gives itself away with "一律"',
    ]);
    // The same words in right options as often: no tell.
    const balanced = [
      ...tells,
      single('小明骑车撞了人，他（  ）。', ['不管不问', '只能赔偿', '逃走', '躲起来'], 'B'),
      single('张某欠钱不还，债主（  ）。', ['砸他家', '不用等', '一律去告', '抢他家牛'], 'C'),
    ];
    expect(figure(lib(balanced), 'option-giveaways').figure).toBe('-4.2 points (wrong 5/24 = 20.8%, right 2/8 = 25.0%)');
    expect(figure(lib(balanced), 'option-giveaways').pass).toBe(true);
    expect(figure(lib(cleanSingles()), 'option-giveaways').pass).toBe(true);
    // 确认了 is not 认了.
    expect(figure(lib([single('老王买到假货，他（  ）。', ['要求赔偿', '确认了就不能退', '退一半', '换一件'], 'A')]), 'option-giveaways').offenders).toEqual([]);
  });

  it('word-guesser: a guesser who picks the legal-sounding option and distrusts give-away words must not beat chance by > 10 points', () => {
    const sounding = [
      single('老王被狗咬了，他（  ）。', ['可以要求赔偿', '找狗算账', '打狗一顿', '离狗远点'], 'A'),
      single('李大妈买到假货，她（  ）。', ['拿回家用', '扔掉算了', '依法投诉', '送给别人'], 'C'),
      single('小明被打了，他（  ）。', ['打回去', '忍着', '逃学', '报警'], 'D'),
      single('张某的地被占了，他（  ）。', ['去闹', '申请调解', '去闹大', '去堵门'], 'B'),
      judge('老王可以依法申请调解。', true),
      judge('李大妈只能自认倒霉。', false),
    ];
    const odds = wordingGuesser(sounding.filter((q) => q.type === 'single'));
    expect(odds).toMatchObject({ guesser: 1, chance: 0.25 });
    expect(odds.sure).toHaveLength(4);
    expect(wordingGuesser(sounding.filter((q) => q.type === 'judge'))).toMatchObject({ guesser: 1, chance: 0.5 });
    const f = figure(lib(sounding), 'word-guesser');
    expect(f.pass).toBe(false);
    expect(f.figure).toBe('single 100.0% (chance 25.0%), judge 100.0% (chance 50.0%), multiple 0.0% (chance 0.0%)');
    expect(f.offenders).toHaveLength(6);
    // Wording that says nothing: the guesser is at chance (ties are split evenly).
    const plain = wordingGuesser(cleanSingles());
    expect(plain.guesser).toBeCloseTo(0.25);
    expect(figure(lib(cleanSingles()), 'word-guesser').pass).toBe(true);
    // Multiple choice: it marks every option not rated below zero; chance is one of the 11 sets of ≥ 2 of 4 options.
    const m = multiple('王某被欠薪，可以（  ）。', ['申请仲裁', '投诉', '只能忍着', '找人调解'], ['A', 'B', 'D']);
    expect(wordingGuesser([m])).toMatchObject({ guesser: 1, chance: 1 / 11 });
  });

  it('a gating rule that fails yields errors naming each offender; a reported-only rule yields none', () => {
    const q = single('法律援助机构应当依法为家庭暴力受害人提供（  ）。', ['法律援助', '经济补偿', '住房', '工作'], 'A');
    const reported = measureItemRules(lib([q]), { publicFacts: [], exceptions: [] }, undefined, []);
    expect(itemRuleIssues(reported)).toEqual([]);
    const gated = measureItemRules(lib([q]), { publicFacts: [], exceptions: [] }, undefined, ['stem-has-answer', 'judge-balance']);
    const issues = itemRuleIssues(gated);
    expect(issues).toEqual([expect.objectContaining({ severity: 'error', code: 'item-rule', id: q.id, field: 'stem-has-answer', line: q.source.line })]);
  });

  it('reads public facts and exceptions from content/, and reports a malformed file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'item-rules-'));
    try {
      expect(loadItemRuleFiles(dir)).toEqual({ publicFacts: [], exceptions: [], issues: [] });
      fs.writeFileSync(path.join(dir, 'public-facts.yaml'), 'facts:\n  - id: h12348\n    number: "12348"\n    name: 12348公共法律服务热线\n    source: { title: t, url: u, says: s }\n');
      fs.writeFileSync(path.join(dir, 'same-fact-exceptions.yaml'), 'exceptions:\n  - questions: [q-a-001, q-a-002]\n');
      const r = loadItemRuleFiles(dir);
      expect(r.publicFacts).toEqual([expect.objectContaining({ number: '12348', wrongNames: [] })]);
      expect(r.exceptions).toEqual([]);
      expect(r.issues).toEqual([expect.objectContaining({ code: 'schema', file: 'content/same-fact-exceptions.yaml' })]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
