import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { main, renderReport, reportJson, runCheck, type CheckReport } from './check';
import { FIXTURE_RULES, baseFixture, writeFixture, type Fixture, type WrittenFixture } from './fixtures';
import { LibraryError, articleText, campaignPool, countHan, loadLibrary, loadLibraryOrThrow, normalizeStem, type Issue } from './library';

const written: WrittenFixture[] = [];
afterAll(() => {
  for (const w of written) fs.rmSync(w.root, { recursive: true, force: true });
});

type Q = Record<string, unknown>;

function check(mutate?: (f: Fixture) => void, rules = FIXTURE_RULES): CheckReport {
  const f = baseFixture();
  mutate?.(f);
  const w = writeFixture(f);
  written.push(w);
  return runCheck({ contentDir: w.contentDir, lawsDir: w.lawsDir, contextDir: w.contextDir, rules });
}
const q = (f: Fixture, i: number): Q => f.questions.testlaw[i] as Q;
const codes = (issues: Issue[]) => issues.map((i) => i.code);
function only(r: CheckReport, code: Issue['code']): Issue[] {
  const found = r.errors.filter((e) => e.code === code);
  // The mutation must produce this error and nothing unrelated.
  expect(codes(r.errors).filter((c) => c !== code)).toEqual([]);
  expect(found.length).toBeGreaterThan(0);
  return found;
}

describe('content:check on fixture libraries', () => {
  it('prints every item-writing rule with its figure; a failing gating rule fails the check, a reported-only one does not', () => {
    const wrongName = (f: Fixture) => {
      f.lessons[0].body = '家里困难打不起官司，可以拨打12348法律援助热线。';
      f.raw['public-facts.yaml'] =
        'facts:\n  - id: h12348\n    number: "12348"\n    name: 12348公共法律服务热线\n    wrongNames: [法律援助热线]\n    source: { title: t, url: u, says: s }\n';
    };
    const reported = check(wrongName);
    expect(reported.ok).toBe(true);
    expect(reported.itemRules.find((r) => r.id === 'hotline-names')).toMatchObject({ pass: false, gating: false, figure: '1 item(s)' });
    const text = renderReport(reported);
    expect(text).toMatch(/hotline-names\s+items giving a hotline a wrong name\s+1 item\(s\)\s+0\s+FAIL \(reported only\)/);
    expect(text).toMatch(/judge-balance\s+judge: statements that are true\s+1 of 1 \(100\.0%\)/);
    const gated = check(wrongName, { ...FIXTURE_RULES, itemGating: ['hotline-names'] });
    expect(gated.ok).toBe(false);
    expect(gated.errors).toEqual([expect.objectContaining({ code: 'item-rule', id: 'l-testlaw-01', field: 'hotline-names', file: 'content/lessons/testlaw/l-testlaw-01.md' })]);
  });

  it('passes the clean fixture and counts it', () => {
    const r = check();
    expect(r.errors).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.summary.laws).toEqual([
      { id: 'testlaw', shortName: '测试法', code: '测试法', listed: true, lessons: 1, single: 4, multiple: 1, judge: 1, questions: 6, citations: 8, quotes: 9 },
    ]);
    expect(r.summary.letters).toEqual({ A: 1, B: 1, C: 1, D: 1, E: 0 });
    expect(r.summary.campaigns[0]).toMatchObject({ id: 'march-pufa', pool: 6, lessons: 1 });
    const text = renderReport(r);
    expect(text).toMatch(/testlaw\s+测试法\s+1\s+4\s+1\s+1\s+6\s+8\s+9/);
    expect(text).toContain('content:check passed');
  });

  it('wrong quote: reports file, id, field and where the text diverges', () => {
    const r = check((f) => {
      (q(f, 0).citation as Q).quote = '公民在法律面前基本平等。';
    });
    const [e] = only(r, 'quote-mismatch');
    expect(e).toMatchObject({ file: 'content/questions/testlaw.yaml', id: 'q-testlaw-001', field: 'citation.quote' });
    expect(e.line).toBeGreaterThan(1);
    expect(e.message).toContain('matches up to "…公民在法律面前"');
    expect(e.message).toContain('"基本平等。…"');
    expect(r.ok).toBe(false);
  });

  it('wrong quote in a list of quotes (lesson) and a quote from another article', () => {
    const r = check((f) => {
      const c = (f.lessons[0].frontMatter.citations as Q[])[0];
      c.quote = ['公民在法律面前一律平等。', '禁止非法拘禁'];
    });
    const [e] = only(r, 'quote-mismatch');
    expect(e).toMatchObject({ file: 'content/lessons/testlaw/l-testlaw-01.md', id: 'l-testlaw-01', field: 'citations.0.quote.1' });
    expect(e.message).toContain('is in 第三条 instead');
  });

  it('half-width punctuation is a mismatch with a hint', () => {
    const r = check((f) => {
      (q(f, 5).citation as Q).article = '第二条';
      (q(f, 5).citation as Q).quote = '公民在法律面前一律平等.任何组织';
    });
    // '.' then newline in the text: not a punctuation-only difference, so check a plain comma case too
    expect(codes(r.errors)).toContain('quote-mismatch');
    const r2 = check((f) => {
      (q(f, 4).citation as Q).quote = '国家保护公民的人身自由,禁止非法拘禁';
    });
    expect(only(r2, 'quote-mismatch')[0].message).toContain('differs only in punctuation');
  });

  it('missing article', () => {
    const r = check((f) => {
      (q(f, 0).citation as Q).article = '第九十九条';
    });
    const [e] = only(r, 'missing-article');
    expect(e).toMatchObject({ id: 'q-testlaw-001', field: 'citation.article' });
    expect(e.message).toContain('testlaw has no 第九十九条 (article 99)');
  });

  it('article label not written as in the text (schema)', () => {
    const r = check((f) => {
      (q(f, 0).citation as Q).article = '第2条';
    });
    const [e] = only(r, 'schema');
    expect(e).toMatchObject({ id: 'q-testlaw-001', field: 'citation.article' });
    expect(e.message).toContain('not an article label');
  });

  it('an article suffix 之一 is found', () => {
    const r = check((f) => {
      (q(f, 5).citation as Q).article = '第一百二十条之一';
      (q(f, 5).citation as Q).quote = '本法自2020年1月1日起施行。';
    });
    expect(r.errors).toEqual([]);
  });

  it('duplicate ids across questions and lessons', () => {
    const r = check((f) => {
      q(f, 1).id = 'q-testlaw-001';
    });
    const [e] = only(r, 'duplicate-id');
    expect(e.message).toContain('already used in content/questions/testlaw.yaml:');
    const r2 = check((f) => {
      const l = f.lessons[0];
      f.lessons.push({ ...l, dir: 'testlaw', file: 'l-testlaw-02.md', frontMatter: { ...l.frontMatter } });
    });
    // the copy keeps id l-testlaw-01 in file l-testlaw-02.md: duplicate id and file-name mismatch
    expect(codes(r2.errors).sort()).toEqual(['duplicate-id', 'id-format']);
  });

  it('unbalanced single-choice letters', () => {
    const r = check((f) => {
      for (let i = 0; i < 4; i++) {
        q(f, i).answer = 'A';
        q(f, i).options = ['一律平等', '按财产区别对待', '按职务区别对待', '按户籍区别对待'];
      }
    });
    const [e] = only(r, 'letter-balance');
    expect(e.message).toContain('answer A is 100.0% of 4 single-choice questions (max 35.0%)');
  });

  it('letters at 2 of 6 (33%) pass, 3 of 6 (50%) fail', () => {
    const add = (f: Fixture, n: number, answer: string) =>
      f.questions.testlaw.push({ ...q(f, 0), id: `q-testlaw-01${n}`, stem: `平等问题第${n}题`, answer });
    expect(check((f) => { add(f, 1, 'A'); add(f, 2, 'B'); }).errors).toEqual([]);
    expect(codes(check((f) => { add(f, 1, 'A'); add(f, 2, 'A'); }).errors)).toEqual(['letter-balance']);
  });

  it('以上都对 options above 5%', () => {
    const r = check((f) => {
      q(f, 4).options = ['公民在法律面前一律平等', '国家禁止非法拘禁', '可以随意歧视他人', '以上都对'];
    });
    const [e] = only(r, 'all-of-above');
    expect(e.message).toContain('q-testlaw-005');
  });

  it('duplicate stems after normalising whitespace and punctuation', () => {
    expect(normalizeStem('公民在法律面前（  ）。')).toBe(normalizeStem('公民在法律面前 ( ) '));
    const r = check((f) => {
      q(f, 1).stem = '公民在法律面前 ( ) ';
    });
    const [e] = only(r, 'duplicate-stem');
    expect(e).toMatchObject({ id: 'q-testlaw-002', field: 'stem' });
    expect(e.message).toContain('same stem as q-testlaw-001');
  });

  it('judge answers must be booleans', () => {
    const r = check((f) => {
      q(f, 5).answer = '对';
    });
    const [e] = only(r, 'schema');
    expect(e).toMatchObject({ id: 'q-testlaw-006', field: 'answer' });
    expect(e.message).toContain('true or false');
  });

  it('multiple answers need two valid letters; single answers a valid letter', () => {
    expect(only(check((f) => { q(f, 4).answer = ['B']; }), 'answer')[0].message).toContain('at least two letters');
    expect(only(check((f) => { q(f, 4).answer = ['A', 'E']; }), 'answer')[0].message).toContain('E not among the 4 options');
    expect(only(check((f) => { q(f, 4).answer = 'AB'; }), 'schema')[0].message).toContain('list of letters');
    expect(only(check((f) => { q(f, 1).answer = 'E'; }), 'answer')[0].message).toContain('answer E is not one of the 3 options (A–C)');
    expect(only(check((f) => { q(f, 1).options = ['A. 按财产区别对待', '一律平等', '按职务']; }), 'options')[0].field).toBe('options.0');
    expect(only(check((f) => { q(f, 1).options = ['一律平等', '按财产']; }), 'options')[0].message).toContain('3–5 options');
    expect(only(check((f) => { q(f, 5).options = ['对', '错']; }), 'schema')[0].message).toContain('unknown field(s): options');
  });

  it('missing laws folder fails with a Chinese and English message and checks nothing', () => {
    const f = baseFixture();
    const w = writeFixture(f);
    written.push(w);
    const r = runCheck({ contentDir: w.contentDir, lawsDir: path.join(w.root, 'nowhere'), contextDir: w.contextDir, rules: FIXTURE_RULES });
    expect(r.ok).toBe(false);
    expect(r.lawTextsAvailable).toBe(false);
    const e = r.errors.find((x) => x.code === 'laws-dir-missing')!;
    expect(e.message).toMatch(/找不到法律法规官方文本目录/);
    expect(e.message).toMatch(/Official law texts folder not found/);
    expect(e.message).toMatch(/LAWS_DIR/);
    expect(r.summary.totals.citations).toBe(0);
    expect(renderReport(r)).toContain('MISSING');
  });

  it('laws folder without index.json fails too', () => {
    const r = check((f) => {
      f.index = [];
    });
    expect(codes(r.errors)).toContain('unknown-law');
    const w = writeFixture(baseFixture());
    written.push(w);
    fs.rmSync(path.join(w.lawsDir, 'index.json'));
    const r2 = runCheck({ contentDir: w.contentDir, lawsDir: w.lawsDir, rules: FIXTURE_RULES });
    expect(codes(r2.errors)).toContain('laws-dir-missing');
    expect(r2.ok).toBe(false);
  });

  it('law version must equal index.json and the text header', () => {
    const [e] = only(check((f) => { f.laws[0].version = '2001-02-03'; }), 'version-mismatch');
    expect(e).toMatchObject({ file: 'content/laws.yaml', id: 'testlaw', field: 'version' });
    const r = check((f) => {
      f.index[0].version = '2020-06-01';
      f.laws[0].version = '2020-06-01';
    });
    expect(only(r, 'version-mismatch')[0].message).toContain("text header's latest adoption/amendment date 2019-12-28");
    const idx = check((f) => { f.index[0].version = '2020-06-01'; });
    expect(only(idx, 'version-mismatch')[0].message).toBe("version 2019-12-28 differs from index.json's 2020-06-01");
    expect(only(check((f) => { f.laws[0].effective = '2020-01-01'; }), 'law-meta')[0].field).toBe('effective');
    expect(only(check((f) => { f.laws[0].code = '民法典'; }), 'law-meta')[0].field).toBe('code');
    expect(only(check((f) => { (f.laws[0].commencement as Q).quote = '本法自2021年1月1日起施行。'; }), 'quote-mismatch')[0].field).toBe('commencement.quote');
  });

  it('lesson body length: warning above 300 Han characters, error above 350', () => {
    const warn = check((f) => { f.lessons[0].body = '法'.repeat(320); });
    expect(warn.errors).toEqual([]);
    expect(codes(warn.warnings)).toContain('body-length');
    const [e] = only(check((f) => { f.lessons[0].body = `${'法'.repeat(351)} ABC 123`; }), 'body-length');
    expect(e.message).toContain('351 Han characters');
    expect(countHan('借钱不还，abc 怎么办？')).toBe(7);
  });

  it('explanation length: error above 150 characters', () => {
    const [e] = only(check((f) => { q(f, 0).explanation = '因'.repeat(151); }), 'explanation-length');
    expect(e).toMatchObject({ id: 'q-testlaw-001', field: 'explanation' });
    const w = check((f) => { q(f, 0).explanation = '因'.repeat(130); });
    expect(w.errors).toEqual([]);
    expect(codes(w.warnings)).toContain('explanation-length');
  });

  it('references: unknown campaign, law, lesson and tag', () => {
    expect(only(check((f) => { q(f, 0).campaigns = ['no-such-campaign']; }), 'unknown-campaign')[0].field).toBe('campaigns');
    expect(only(check((f) => { (q(f, 0).citation as Q).law = 'hunyinfa'; }), 'unknown-law')[0].message).toContain('neither in content/laws.yaml nor an official text id');
    expect(only(check((f) => { f.campaigns[0].lessonIds = ['l-testlaw-01', 'l-testlaw-09']; }), 'unknown-lesson')[0].message).toContain('l-testlaw-09');
    expect(only(check((f) => { (f.campaigns[0].quiz as { pool: Q }).pool.tags = ['没有这个标签']; }), 'unknown-tag')[0].field).toBe('quiz.pool.tags');
    const moved = check((f) => { f.lessons[0].frontMatter.law = 'otherlaw'; f.lessons[0].dir = 'otherlaw'; f.lessons[0].file = 'l-otherlaw-01.md'; f.lessons[0].frontMatter.id = 'l-otherlaw-01'; });
    expect(moved.errors.find((e) => e.code === 'unknown-law')).toMatchObject({ id: 'l-otherlaw-01', field: 'law' });
    expect(moved.summary.laws.map((l) => [l.id, l.listed])).toEqual([['testlaw', true], ['otherlaw', false]]);
  });

  it('campaign pool must be at least 3× the quiz length', () => {
    const [e] = only(check((f) => { (f.campaigns[0].quiz as Q).questionsPerQuiz = 3; }), 'pool-size');
    expect(e.message).toContain('pool has 6 question(s); at least 3 × 3 = 9 are required');
  });

  it('coverage under the default rules', () => {
    const r = check((f) => {
      f.questions.testlaw = f.questions.testlaw.slice(0, 4);
    }, {});
    const msgs = r.errors.filter((e) => e.code === 'coverage').map((e) => e.message);
    expect(msgs).toEqual(expect.arrayContaining([
      '1 laws and regulations have content (the Civil Code counted once); at least 32 are required',
      '1 lessons; at least 160 are required',
      '4 questions; at least 1300 are required',
      '测试法 has 4 question(s); at least 5 are required',
      'required law "xianfa" is not in content/laws.yaml',
      'campaign file content/campaigns/consumer-315.yaml is missing',
    ]));
  });

  it('schema: unknown and missing fields with line numbers; YAML syntax errors', () => {
    const r = check((f) => {
      q(f, 2).explaination = q(f, 2).explanation;
      delete q(f, 2).explanation;
    });
    const errs = only(r, 'schema');
    expect(errs.map((e) => [e.id, e.field, e.message])).toEqual(expect.arrayContaining([
      ['q-testlaw-003', 'explanation', 'required field is missing'],
      ['q-testlaw-003', undefined, 'unknown field(s): explaination'],
    ]));
    expect(errs[0].line).toBeGreaterThan(1);
    const y = check((f) => { f.raw['questions/broken.yaml'] = 'law: broken\nquestions:\n  - id: [oops\n'; });
    const ye = y.errors.find((e) => e.code === 'yaml')!;
    expect(ye.file).toBe('content/questions/broken.yaml');
    expect(ye.line).toBeGreaterThan(0);
    const t = check((f) => { q(f, 0).type = 'essay'; });
    expect(only(t, 'schema')[0]).toMatchObject({ field: 'type', message: 'type must be single, multiple or judge' });
  });

  it('warns when an explanation or a lesson body names an article the citation does not', () => {
    const r = check((f) => {
      q(f, 0).explanation = '测试法第三条规定公民在法律面前一律平等。';
      f.lessons[0].body += '详见第三条。';
    });
    expect(r.errors).toEqual([]);
    expect(r.warnings.filter((w) => w.code === 'citation-articles').map((w) => [w.id, w.field, w.message])).toEqual([
      ['l-testlaw-01', 'body', 'body names 第三条, which articles/citations do not list'],
      ['q-testlaw-001', 'explanation', 'explanation names 第三条 but the citation is 第二条'],
    ]);
  });

  it('lesson citations must match its articles, ids must follow the naming rule', () => {
    const r = check((f) => { (f.lessons[0].frontMatter.articles as string[]).push('第三条'); });
    expect(only(r, 'citation-articles')[0].message).toContain('第三条 is in articles but has no citation');
    expect(only(check((f) => { q(f, 0).id = 'q-other-001'; }), 'id-format')[0].message).toContain('q-testlaw-<3 digits>');
    expect(only(check((f) => { f.raw['lessons/testlaw/l-testlaw-03.md'] = 'no front matter'; }), 'schema')[0].file).toBe('content/lessons/testlaw/l-testlaw-03.md');
  });

  it('town profile: placeholders, village flags and source quotes', () => {
    const r = check((f) => {
      const t = f.town as { villages: Q[]; offices: Q[] };
      t.villages[0].placeholder = false;
      t.offices[0].phone = '待填写：司法所电话';
    });
    expect(codes(r.errors).sort()).toEqual(['placeholder', 'placeholder']);
    const s = check((f) => { ((f.town as { mediation: Q }).mediation.source as Q).quote = '全镇有 18 个人民调委会'; });
    expect(codes(s.errors)).toContain('source-quote');
    expect(only(check((f) => { f.town = null; }), 'file')[0].message).toContain('town.yaml');
    expect(only(check((f) => { (f.town as { hotlines: Q[] }).hotlines[0].number = '12345'; }), 'town')[0].message).toContain('12348');
    // 标语's unit (reporting.bannerUnit) is quoted from the report, in that unit
    const reporting = (unit: string, quote: string) => check((f) => { (f.town as Q).reporting = { bannerUnit: unit, source: { ref: 'report', quote } }; });
    expect(reporting('副', '悬挂宣传标语 10 余副').errors).toEqual([]);
    expect(only(reporting('条', '悬挂宣传标语 10 余副'), 'source-quote')[0].message).toContain('bannerUnit "条"');
    expect(only(reporting('条', '悬挂宣传标语 10 余条'), 'source-quote')[0].message).toContain('is not in source report');
    expect(codes(reporting('pcs', '悬挂宣传标语 10 余副').errors)).toContain('schema');
  });

  it('derives campaign lessonIds and the quiz pool', () => {
    const f = baseFixture();
    const w = writeFixture(f);
    written.push(w);
    const lib = loadLibraryOrThrow({ contentDir: w.contentDir, lawsDir: w.lawsDir, contextDir: w.contextDir });
    const c = lib.campaignById.get('march-pufa')!;
    expect(c.lessonIdsDerived).toBe(true);
    expect(c.lessonIds).toEqual(['l-testlaw-01']);
    expect(campaignPool(lib, { id: 'x', quiz: { ...c.quiz, pool: { laws: [], tags: ['人身自由'] } } }).map((x) => x.id)).toEqual(['q-testlaw-005']);
    const judge = lib.questionById.get('q-testlaw-006')!;
    expect(judge.type === 'judge' && judge.answer).toBe(true);
    expect(lib.lawById.get('testlaw')!.text!.articles).toHaveLength(5);
    expect(lib.lessonById.get('l-testlaw-01')!.citations[0].quotes).toHaveLength(2);
    expect(articleText(lib, 'testlaw', '第二条')).toBe('公民在法律面前一律平等。\n任何组织和个人不得歧视他人。');
    expect(articleText(lib, 'testlaw', '第四条')).toBeUndefined();
  });

  it('loadLibraryOrThrow throws LibraryError listing the errors', () => {
    const f = baseFixture();
    (f.questions.testlaw[0].citation as Q).article = '第九十九条';
    const w = writeFixture(f);
    written.push(w);
    expect(loadLibrary({ contentDir: w.contentDir, lawsDir: w.lawsDir, contextDir: w.contextDir }).ok).toBe(false);
    expect(() => loadLibraryOrThrow({ contentDir: w.contentDir, lawsDir: w.lawsDir })).toThrow(LibraryError);
    expect(() => loadLibraryOrThrow({ contentDir: w.contentDir, lawsDir: w.lawsDir })).toThrow(/第九十九条/);
  });
});

describe('CLI', () => {
  it('--json prints the report as JSON and returns 1 on errors', () => {
    const f = baseFixture();
    (f.questions.testlaw[0].citation as Q).quote = '不存在的句子';
    const w = writeFixture(f);
    written.push(w);
    const chunks: string[] = [];
    const orig = process.stdout.write.bind(process.stdout);
    (process.stdout as { write: unknown }).write = (s: string) => { chunks.push(s); return true; };
    let code: number;
    try {
      code = main(['--json', '--content-dir', w.contentDir, '--laws-dir', w.lawsDir, '--context-dir', w.contextDir]);
    } finally {
      (process.stdout as { write: unknown }).write = orig;
    }
    expect(code).toBe(1);
    const out = JSON.parse(chunks.join('')) as ReturnType<typeof reportJson> & { errors: Issue[] };
    expect(out.errors.map((e) => e.code)).toContain('quote-mismatch');
    expect(main(['--bogus'])).toBe(2);
  });

  it('npm run content:check (tsx) exits 1 when LAWS_DIR does not exist', () => {
    const repo = path.resolve(__dirname, '..');
    const tsx = path.join(repo, 'node_modules', '.bin', 'tsx');
    const res = spawnSync(tsx, [path.join(__dirname, 'check.ts'), '--no-warnings'], {
      cwd: repo,
      env: { ...process.env, LAWS_DIR: path.join(repo, 'no-such-laws-folder') },
      encoding: 'utf8',
      timeout: 60000,
    });
    expect(res.status).toBe(1);
    expect(res.stdout).toContain('找不到法律法规官方文本目录');
    expect(res.stdout).toContain('Official law texts folder not found');
    expect(res.stdout).toContain('content:check FAILED');
  });
});
