/**
 * The error map: every limit of every action's input schema (staff, resident, reports) gives a Chinese
 * message that names the field and its allowed range, and none shows a raw field path.
 */
import type { z } from 'zod';
import type { Contract } from './common';
import { staffContract, campaignInput } from './staff';
import { residentContract } from './resident';
import { reportsContract } from './reports';
import { checkInput, describeIssue, fieldName, limitsOf, maxLengthAt, rangeText, schemaAt, type Limits } from './fieldErrors';

type Path = (string | number)[];
interface Leaf {
  action: string;
  root: z.ZodTypeAny;
  path: Path;
  schema: z.ZodTypeAny;
}

const defOf = (s: z.ZodTypeAny) => (s as unknown as { _def: { typeName: string; innerType?: z.ZodTypeAny; schema?: z.ZodTypeAny; type?: z.ZodTypeAny; shape?: () => Record<string, z.ZodTypeAny> } })._def;
function unwrap(s: z.ZodTypeAny): z.ZodTypeAny {
  const d = defOf(s);
  return d.innerType ? unwrap(d.innerType) : d.typeName === 'ZodEffects' && d.schema ? unwrap(d.schema) : s;
}

/** Every field of a schema (objects opened, arrays at index 0), with its own schema. */
function leaves(action: string, root: z.ZodTypeAny, s: z.ZodTypeAny = root, path: Path = []): Leaf[] {
  const u = unwrap(s);
  const d = defOf(u);
  if (d.typeName === 'ZodObject') return Object.entries(d.shape!()).flatMap(([k, v]) => leaves(action, root, v, [...path, k]));
  if (d.typeName === 'ZodArray') return [{ action, root, path, schema: s }, ...leaves(action, root, d.type!, [...path, 0])];
  return path.length ? [{ action, root, path, schema: s }] : [];
}

const contracts: Record<string, Contract> = { staff: staffContract, resident: residentContract, reports: reportsContract };
const all: Leaf[] = Object.entries(contracts).flatMap(([fn, c]) => Object.entries(c).flatMap(([name, spec]) => leaves(`${fn}.${name}`, spec.input)));

/** Values just outside each bound a schema sets (and a fraction for integers). */
function badValues(l: Limits): unknown[] {
  switch (l.kind) {
    case 'number':
      return [l.min !== undefined ? l.min - 1 : null, l.max !== undefined ? l.max + 1 : null, l.int ? (l.min ?? 0) + 0.5 : null, Number.NaN].filter((v) => v !== null);
    case 'text':
      return [l.max !== undefined ? '字'.repeat(l.max + 1) : null, l.min ? '' : null].filter((v) => v !== null);
    case 'list':
      return [l.max !== undefined ? Array.from({ length: l.max + 1 }, () => 'x') : null, l.min ? [] : null].filter((v) => v !== null);
    default:
      return [];
  }
}

/** The rule: Chinese, names the field, no raw path, no field-name-like ASCII. */
function expectReadable(message: string, path: Path) {
  expect(message).toMatch(/[\u4e00-\u9fff]/);
  expect(message).not.toContain('字段');
  for (const part of path) if (typeof part === 'string') expect(message).not.toContain(part);
  expect(message).not.toMatch(/[A-Za-z_]+\.[A-Za-z_]+/);
}

describe('every input field has a Chinese name', () => {
  it.each(all.map((l) => [`${l.action} ${l.path.join('.')}`, l] as const))('%s', (_name, leaf) => {
    const name = fieldName(leaf.path);
    expect(name).not.toBeNull();
    expect(name!.label).toMatch(/^[^A-Za-z]*[\u4e00-\u9fff][^A-Za-z]*$/);
  });
});

describe('every schema limit produces a ranged Chinese message', () => {
  const limited = all.filter((l) => badValues(limitsOf(l.schema)).length > 0);
  it('covers the limits the issue names', () => {
    const keys = limited.map((l) => `${l.action} ${l.path.join('.')}`);
    expect(keys).toEqual(expect.arrayContaining(['staff.saveCampaign campaign.quiz.questionsPerQuiz', 'staff.redeemInvitation code', 'staff.recordEventNumbers leaflets', 'staff.saveCampaign campaign.title']));
    expect(limited.length).toBeGreaterThan(40);
  });
  it.each(limited.map((l) => [`${l.action} ${l.path.join('.')}`, l] as const))('%s', (_name, leaf) => {
    const limits = limitsOf(leaf.schema);
    const range = rangeText(limits, fieldName(leaf.path)?.unit);
    expect(range).not.toBe('');
    for (const bad of badValues(limits)) {
      const parsed = leaf.schema.safeParse(bad);
      expect(parsed.success).toBe(false);
      if (parsed.success) continue;
      // the issue as the whole input would raise it: same code, at the field's path
      const issue = { ...parsed.error.issues[0]!, path: [...leaf.path, ...parsed.error.issues[0]!.path] };
      const { message, field } = describeIssue(leaf.root, issue);
      expect(field).toBe(issue.path.join('.'));
      expect(message.startsWith(`${fieldName(leaf.path)!.label}：`)).toBe(true);
      expect(message).toContain(range);
      expectReadable(message, leaf.path);
    }
  });
});

describe('the messages staff read', () => {
  const saveCampaign = staffContract.saveCampaign.input;
  const valid = {
    campaign: {
      title: '宪法宣传周',
      summary: '',
      bannerText: '学宪法',
      bannerImage: null,
      start: '2026-12-01T00:00:00+08:00',
      end: '2026-12-08T00:00:00+08:00',
      themeLaws: ['xianfa'],
      lessonIds: [],
      quiz: { questionsPerQuiz: 10, passMark: 60, attemptsPerDay: 3, pool: { laws: ['xianfa'], tags: [], questionIds: [] } },
    },
  };
  const withQuiz = (quiz: Record<string, unknown>) => ({ campaign: { ...valid.campaign, quiz: { ...valid.campaign.quiz, ...quiz } } });

  it('a valid input passes', () => {
    expect(checkInput(saveCampaign, valid).ok).toBe(true);
  });
  it('out-of-range and fractional numbers are refused with the range, never changed', () => {
    expect(checkInput(saveCampaign, withQuiz({ questionsPerQuiz: 31 }))).toMatchObject({ ok: false, fields: { 'campaign.quiz.questionsPerQuiz': '每次题数：1–30 题' } });
    expect(checkInput(saveCampaign, withQuiz({ questionsPerQuiz: -1 }))).toMatchObject({ ok: false, fields: { 'campaign.quiz.questionsPerQuiz': '每次题数：1–30 题' } });
    expect(checkInput(saveCampaign, withQuiz({ passMark: 2.5 }))).toMatchObject({ ok: false, fields: { 'campaign.quiz.passMark': '合格分：请填整数，0–100 分' } });
    expect(checkInput(saveCampaign, withQuiz({ attemptsPerDay: Number.NaN }))).toMatchObject({ ok: false, fields: { 'campaign.quiz.attemptsPerDay': '每天可答次数：请填整数，1–20 次' } });
  });
  it('every wrong field gets its own message', () => {
    const r = checkInput(saveCampaign, { campaign: { ...valid.campaign, title: '', quiz: { ...valid.campaign.quiz, passMark: 101 } } });
    expect(r).toMatchObject({ ok: false, fields: { 'campaign.title': '活动名称：不能为空，1–40 字', 'campaign.quiz.passMark': '合格分：0–100 分' } });
  });
  it('the two messages of the issue are now ranged', () => {
    expect(checkInput(staffContract.redeemInvitation.input, { code: 'AB' })).toMatchObject({ ok: false, message: '邀请码：4–20 字' });
    expect(checkInput(staffContract.recordEventNumbers.input, { id: 'e1', attendees: 0, leaflets: 99999999, banners: 0 })).toMatchObject({ ok: false, message: '宣传单：0–100000 份' });
  });
  it('a text field’s counter reads its maximum from the schema', () => {
    expect(maxLengthAt(campaignInput, ['title'])).toBe(40);
    expect(maxLengthAt(campaignInput, ['summary'])).toBe(200);
    expect(maxLengthAt(campaignInput, ['quiz', 'questionsPerQuiz'])).toBeUndefined();
    expect(schemaAt(campaignInput, ['nope'])).toBeNull();
  });
  it('the readability check fails on the old raw-path messages', () => {
    expect(() => expectReadable('字段 campaign.quiz.questionsPerQuiz 超出允许的长度或范围', ['campaign', 'quiz', 'questionsPerQuiz'])).toThrow();
    expect(() => expectReadable('字段 code 过短或过小', ['code'])).toThrow();
    expect(() => expectReadable('每次题数：1–30 题', ['campaign', 'quiz', 'questionsPerQuiz'])).not.toThrow();
  });
});
