/**
 * Small fixture libraries for the checker's tests: a fake laws folder (one law, five articles) and a
 * content folder that passes every check under FIXTURE_RULES. Tests mutate the plain objects, then write.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import type { Rules } from './rules';

export const FIXTURE_LAW_TEXT = [
  '# 中华人民共和国测试法',
  '',
  '2001年2月3日 第一次会议通过',
  '',
  '2019年12月28日 第二次会议修正',
  '',
  '<!-- INFO END -->',
  '',
  '## 第一章 总则',
  '',
  '第一条 为了保护公民的合法权益，制定本法。',
  '',
  '第二条 公民在法律面前一律平等。',
  '',
  '任何组织和个人不得歧视他人。',
  '',
  '第三条 国家保护公民的人身自由，禁止非法拘禁。',
  '',
  '第十条 经济困难的公民可以申请法律援助。',
  '',
  '第一百二十条之一 本法自2020年1月1日起施行。',
  '',
].join('\n');

type Obj = Record<string, unknown>;

export interface Fixture {
  index: Obj[];
  lawTexts: Record<string, string>;
  laws: Obj[];
  lessons: { dir: string; file: string; frontMatter: Obj; body: string }[];
  questions: Record<string, Obj[]>;
  campaigns: Obj[];
  town: Obj | null;
  /** Raw files to write verbatim (relative to the content folder), e.g. broken YAML. */
  raw: Record<string, string>;
}

const cite = (article: string, quote: string | string[]) => ({ law: 'testlaw', article, quote });

export function baseFixture(): Fixture {
  const single = (n: number, answer: string, stem: string): Obj => ({
    id: `q-testlaw-00${n}`,
    type: 'single',
    stem,
    options: ['一律平等', '按财产区别对待', '按职务区别对待', '按户籍区别对待'],
    answer,
    explanation: '测试法第二条规定公民在法律面前一律平等。',
    citation: cite('第二条', '公民在法律面前一律平等。'),
    difficulty: 1,
    tags: ['平等'],
    campaigns: ['march-pufa'],
  });
  return {
    index: [{ id: 'testlaw', title: '中华人民共和国测试法', heading: '中华人民共和国测试法', version: '2019-12-28', file: 'testlaw.md', articles: 5 }],
    lawTexts: { 'testlaw.md': FIXTURE_LAW_TEXT },
    laws: [
      {
        id: 'testlaw',
        shortName: '测试法',
        code: '测试法',
        title: '中华人民共和国测试法',
        version: '2019-12-28',
        effective: null,
        commencement: { article: '第一百二十条之一', quote: '本法自2020年1月1日起施行。' },
      },
    ],
    lessons: [
      {
        dir: 'testlaw',
        file: 'l-testlaw-01.md',
        frontMatter: {
          id: 'l-testlaw-01',
          title: '人人平等',
          law: 'testlaw',
          articles: ['第二条', '第十条'],
          tags: ['平等'],
          campaigns: ['march-pufa'],
          readingMinutes: 1,
          citations: [
            { article: '第二条', quote: ['公民在法律面前一律平等。', '任何组织和个人不得歧视他人。'] },
            { article: '第十条', quote: '经济困难的公民可以申请法律援助。' },
          ],
        },
        body: '村里办事，不论穷富，规矩都一样。家里困难打不起官司，可以申请法律援助。',
      },
    ],
    questions: {
      testlaw: [
        { ...single(1, 'A', '公民在法律面前（  ）。') },
        { ...single(2, 'B', '根据测试法，公民在法律面前是否平等？'), options: ['按财产区别对待', '一律平等', '按职务区别对待'] },
        { ...single(3, 'C', '测试法规定，公民在法律面前怎样？'), options: ['按财产区别对待', '按职务区别对待', '一律平等', '按户籍区别对待'] },
        { ...single(4, 'D', '关于公民在法律面前的地位，正确的是（  ）。'), options: ['按财产区别对待', '按职务区别对待', '按户籍区别对待', '一律平等'] },
        {
          id: 'q-testlaw-005',
          type: 'multiple',
          stem: '根据测试法，下列说法正确的有（  ）。',
          options: ['公民在法律面前一律平等', '国家禁止非法拘禁', '可以随意歧视他人', '有钱人享有特权'],
          answer: ['A', 'B'],
          explanation: '第二条规定一律平等，第三条禁止非法拘禁；歧视和特权都不允许。',
          citation: cite('第三条', '禁止非法拘禁'),
          difficulty: 2,
          tags: ['人身自由'],
        },
        {
          id: 'q-testlaw-006',
          type: 'judge',
          stem: '经济困难的公民可以申请法律援助。',
          answer: true,
          explanation: '测试法第十条规定经济困难的公民可以申请法律援助。',
          citation: cite('第十条', '经济困难的公民可以申请法律援助。'),
          difficulty: 1,
          tags: ['法律援助'],
        },
      ],
    },
    campaigns: [
      {
        id: 'march-pufa',
        title: '三月普法月',
        recurrence: { start: '03-01', end: '03-31' },
        firstYear: 2026,
        editionIds: { 2026: 'march-pufa' },
        themeLaws: ['testlaw'],
        quiz: { questionsPerQuiz: 1, pool: { laws: ['testlaw'], tags: ['平等'] }, passMark: 60, attemptsPerDay: 3 },
        bannerText: '三月普法月',
        summary: '测试用活动。',
      },
    ],
    town: {
      id: 'test-town',
      name: '测试镇',
      fullName: '测试市测试区测试镇',
      government: '测试镇人民政府',
      region: { province: '测试市', district: '测试区', town: '测试镇' },
      sources: [{ id: 'report', title: '测试报告', date: '2022-01-10', file: 'report.txt' }],
      offices: [
        { id: 'sifasuo', name: '测试镇司法所', role: '法治建设', phone: { placeholder: true, hint: '待填写：司法所电话' }, source: { ref: 'report', quote: '镇司法所' } },
      ],
      publicLegalService: {
        station: { id: 'station', name: '测试镇公共法律服务工作站', level: '镇', phone: { placeholder: true, hint: '待填写：工作站电话' }, source: { ref: 'report', quote: '公共法律服务工作站' } },
        villageRooms: { name: '村居公共法律服务工作室', level: '村（社区）', note: '各村设工作室', source: { ref: 'report', quote: '村居公共法律服务工作室' } },
      },
      legalAdvisers: [{ id: 'firm', name: '测试律师事务所', role: '法律顾问', phone: { placeholder: true, hint: '待填写：电话' }, source: { ref: 'report', quote: '聘请测试律师事务所' } }],
      mediation: { committees: 16, mediators: 136, asOf: '2021', source: { ref: 'report', quote: '全镇有 16 个人民调委会，136 名人民调解员' } },
      hotlines: [{ id: 'h12348', number: '12348', name: '12348 公共法律服务热线', scope: 'national', use: '法律咨询' }],
      villages: [
        { id: 'v01', name: '（待填写）村社区1', placeholder: true },
        { id: 'v02', name: '（待填写）村社区2', placeholder: true },
      ],
    },
    raw: {
      '../context/report.txt': '镇司法所负责。公共法律服务工作站、村居公共法律服务工作室。聘请测试律师事务所。目前全镇有 16 个人民调委会，\n136 名人民调解员。悬挂宣传标语 10 余副。',
    },
  };
}

/** Rules small enough for the fixture; every rule still applies. */
export const FIXTURE_RULES: Partial<Rules> = {
  minLaws: 1,
  minLessons: 1,
  minQuestions: 1,
  perLawLessons: 1,
  perLawQuestions: 1,
  requiredLaws: ['testlaw'],
  minCivilCodeBooks: 0,
  requiredCampaigns: ['march-pufa'],
  // The six-question fixture cannot meet bank-wide shares; itemRules.test.ts tests those rules on their own.
  itemGating: [],
};

export interface WrittenFixture {
  root: string;
  contentDir: string;
  lawsDir: string;
  contextDir: string;
}

/** Writes the fixture to a fresh temp folder: <root>/repo/content, <root>/laws, <root>/repo/../context. */
export function writeFixture(f: Fixture): WrittenFixture {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'content-fixture-'));
  const contentDir = path.join(root, 'repo', 'content');
  const lawsDir = path.join(root, 'laws');
  const contextDir = path.join(root, 'repo', 'context');
  fs.mkdirSync(contentDir, { recursive: true });
  fs.mkdirSync(lawsDir, { recursive: true });
  fs.writeFileSync(path.join(lawsDir, 'index.json'), JSON.stringify(f.index, null, 1));
  for (const [name, text] of Object.entries(f.lawTexts)) fs.writeFileSync(path.join(lawsDir, name), text);
  const write = (rel: string, text: string) => {
    const p = path.join(contentDir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  };
  write('laws.yaml', YAML.stringify({ laws: f.laws }));
  for (const l of f.lessons) write(path.join('lessons', l.dir, l.file), `---\n${YAML.stringify(l.frontMatter)}---\n${l.body}\n`);
  for (const [law, qs] of Object.entries(f.questions)) write(path.join('questions', `${law}.yaml`), YAML.stringify({ law, questions: qs }));
  for (const c of f.campaigns) write(path.join('campaigns', `${String(c.id)}.yaml`), YAML.stringify(c));
  if (f.town) write('town.yaml', YAML.stringify(f.town));
  for (const [rel, text] of Object.entries(f.raw)) write(rel, text);
  return { root, contentDir, lawsDir, contextDir };
}
