/**
 * One error map for every input the functions check: a zod issue becomes a Chinese message that names the
 * field and its allowed range ("每次题数：1–30 题"), read from the same schema the server validates with.
 * The server's structured errors (shared/handler.ts) and the staff forms (which check the same schemas
 * before sending) both use it, so a form and the server never word the same limit differently, and no
 * message ever shows a raw field path.
 */
import type { z, ZodError, ZodIssue } from 'zod';

export interface FieldName {
  label: string;
  /** Unit of a number or of the items of a list: 题, 分, 次, 人 … (text is counted in 字). */
  unit?: string;
}

/** Labels by field path (array indices left out), for names that differ between forms. */
const BY_PATH: Record<string, FieldName> = {
  'campaign.title': { label: '活动名称' },
  'campaign.summary': { label: '活动简介' },
  'campaign.bannerText': { label: '横幅标语' },
  'campaign.bannerImage': { label: '横幅图片' },
  'campaign.start': { label: '开始时间' },
  'campaign.end': { label: '结束时间' },
  'campaign.themeLaws': { label: '主题法律', unit: '部' },
  'campaign.lessonIds': { label: '关联课程', unit: '课' },
  'campaign.quiz.questionsPerQuiz': { label: '每次题数', unit: '题' },
  'campaign.quiz.passMark': { label: '合格分', unit: '分' },
  'campaign.quiz.attemptsPerDay': { label: '每天可答次数', unit: '次' },
  'campaign.quiz.pool.laws': { label: '出题的法律', unit: '部' },
  'campaign.quiz.pool.tags': { label: '出题的标签', unit: '个' },
  'campaign.quiz.pool.questionIds': { label: '指定题号', unit: '道' },
  'notice.title': { label: '通知标题' },
  'notice.body': { label: '通知内容' },
  'notice.date': { label: '通知日期' },
  'notice.status': { label: '通知状态' },
  'event.type': { label: '活动类型' },
  'event.title': { label: '活动名称' },
  'event.date': { label: '活动日期' },
  'event.time': { label: '开始时间' },
  'event.villageId': { label: '举办的村（社区）' },
  'event.place': { label: '地点' },
  'event.themeLaws': { label: '宣讲的法律', unit: '部' },
  'event.campaignId': { label: '关联的线上活动' },
  'event.lessonId': { label: '签到后看的课程' },
  'event.notes': { label: '备注' },
  'town.villages': { label: '村（社区）', unit: '个' },
  'town.villages.id': { label: '村（社区）编号' },
  'town.villages.name': { label: '村（社区）名称' },
  'town.villages.population': { label: '常住人口', unit: '人' },
  'town.station.address': { label: '服务站地址' },
  'town.station.phones': { label: '服务站电话', unit: '个' },
  'town.station.hours': { label: '办公时间' },
  'town.advisers': { label: '法律顾问单位', unit: '家' },
  'town.bannerUnit': { label: '标语计量单位' },
};

/** Labels by the field's own name, for names that mean the same everywhere. */
const BY_KEY: Record<string, FieldName> = {
  id: { label: '编号' },
  code: { label: '邀请码' },
  name: { label: '姓名或称呼' },
  role: { label: '角色' },
  limit: { label: '条数', unit: '条' },
  before: { label: '时间' },
  state: { label: '活动状态' },
  expectedVersion: { label: '版本号' },
  op: { label: '操作' },
  pinned: { label: '置顶' },
  includeArchived: { label: '是否含已删除' },
  attendees: { label: '未扫码的到场人数', unit: '人' },
  leaflets: { label: '宣传单', unit: '份' },
  banners: { label: '标语', unit: '条' },
  notes: { label: '备注' },
  note: { label: '备注' },
  h5Base: { label: '网页地址' },
  campaignId: { label: '活动' },
  audience: { label: '推送对象' },
  jobId: { label: '推送任务' },
  pageSize: { label: '每批人数', unit: '人' },
  maxPages: { label: '批数', unit: '批' },
  // resident and reports functions
  lessonId: { label: '课程' },
  attemptId: { label: '答题编号' },
  sessionId: { label: '练习编号' },
  number: { label: '证书编号' },
  answers: { label: '作答', unit: '题' },
  questionId: { label: '题目' },
  answer: { label: '答案' },
  durationMs: { label: '用时' },
  villageId: { label: '村（社区）' },
  target: { label: '分享的内容' },
  targetId: { label: '分享的内容' },
  eventCode: { label: '签到码' },
  checkInId: { label: '签到编号' },
  templateIds: { label: '提醒模板', unit: '个' },
  requestId: { label: '请求编号' },
  source: { label: '来源' },
  from: { label: '起始日期' },
  to: { label: '截止日期' },
  format: { label: '文件格式' },
};

type Path = readonly (string | number)[];

/** `campaign.quiz.pool.laws` (array indices left out): the key of the label tables. */
export const labelKey = (path: Path) => path.filter((p) => typeof p === 'string').join('.');

/** The Chinese name of a field, or null when no table names it. */
export function fieldName(path: Path): FieldName | null {
  const key = labelKey(path);
  if (BY_PATH[key]) return BY_PATH[key];
  const last = [...path].reverse().find((p): p is string => typeof p === 'string');
  return (last && BY_KEY[last]) || null;
}

// ---------------------------------------------------------------------------------------------------------
// Limits read from a schema

type AnyDef = { typeName?: string; innerType?: z.ZodTypeAny; schema?: z.ZodTypeAny; type?: z.ZodTypeAny; checks?: { kind: string; value?: number; inclusive?: boolean }[]; minLength?: { value: number } | null; maxLength?: { value: number } | null; exactLength?: { value: number } | null; values?: readonly string[] | Record<string, string>; shape?: () => Record<string, z.ZodTypeAny>; options?: z.ZodTypeAny[]; in?: z.ZodTypeAny };
const defOf = (s: z.ZodTypeAny) => (s as unknown as { _def: AnyDef })._def;

/** Strips optional / nullable / default / effects wrappers. */
function unwrap(schema: z.ZodTypeAny): z.ZodTypeAny {
  let s = schema;
  for (let i = 0; i < 10; i++) {
    const d = defOf(s);
    const next = d.innerType ?? (d.typeName === 'ZodEffects' ? d.schema : undefined) ?? (d.typeName === 'ZodPipeline' ? d.in : undefined);
    if (!next) return s;
    s = next;
  }
  return s;
}

/** The schema of the field at `path` inside `root`, or null. */
export function schemaAt(root: z.ZodTypeAny, path: Path): z.ZodTypeAny | null {
  let s: z.ZodTypeAny | undefined = root;
  for (const part of path) {
    if (!s) return null;
    const d = defOf(unwrap(s));
    if (d.typeName === 'ZodObject' && typeof part === 'string') s = d.shape?.()[part];
    else if (d.typeName === 'ZodArray' && typeof part === 'number') s = d.type;
    else return null;
  }
  return s ?? null;
}

export type Limits =
  | { kind: 'number'; min?: number; max?: number; int: boolean }
  | { kind: 'text'; min?: number; max?: number }
  | { kind: 'list'; min?: number; max?: number }
  | { kind: 'choice'; values: string[] }
  | { kind: 'other' };

export function limitsOf(schema: z.ZodTypeAny): Limits {
  const d = defOf(unwrap(schema));
  const bound = (kind: 'min' | 'max') => {
    const c = d.checks?.find((x) => x.kind === kind || x.kind === 'length');
    if (!c || c.value === undefined) return undefined;
    // exclusive bounds on integers: > 0 is ≥ 1
    if (c.inclusive === false) return kind === 'min' ? c.value + 1 : c.value - 1;
    return c.value;
  };
  switch (d.typeName) {
    case 'ZodNumber':
      return { kind: 'number', min: bound('min'), max: bound('max'), int: !!d.checks?.some((c) => c.kind === 'int') };
    case 'ZodString':
      return { kind: 'text', min: bound('min'), max: bound('max') };
    case 'ZodArray':
      return { kind: 'list', min: (d.exactLength ?? d.minLength)?.value, max: (d.exactLength ?? d.maxLength)?.value };
    case 'ZodEnum':
      return { kind: 'choice', values: [...(Array.isArray(d.values) ? d.values : Object.values(d.values ?? {}))] };
    default:
      return { kind: 'other' };
  }
}

/** The longest text a field takes (for the input's counter), from the schema. */
export function maxLengthAt(root: z.ZodTypeAny, path: Path): number | undefined {
  const s = schemaAt(root, path);
  const l = s ? limitsOf(s) : null;
  return l && l.kind === 'text' ? l.max : undefined;
}

/** 1–30 题 · 最多 40 字 · 至少 1 部 … (empty when the schema sets no bound). */
export function rangeText(limits: Limits, unit?: string): string {
  if (limits.kind === 'choice' || limits.kind === 'other') return '';
  const u = limits.kind === 'text' ? '字' : (unit ?? (limits.kind === 'list' ? '项' : ''));
  const sp = u ? ' ' : '';
  const { min, max } = limits;
  const lowest = limits.kind === 'text' || limits.kind === 'list' ? (min ?? 0) : min;
  if (lowest !== undefined && max !== undefined) {
    if (lowest === max) return `${max}${sp}${u}`;
    if (lowest <= 0 && limits.kind !== 'number') return `最多 ${max}${sp}${u}`;
    return `${lowest}–${max}${sp}${u}`;
  }
  if (max !== undefined) return `最多 ${max}${sp}${u}`;
  if (lowest !== undefined && (lowest > 0 || limits.kind === 'number')) return `${limits.kind === 'number' ? '不小于' : '至少'} ${lowest}${sp}${u}`;
  return '';
}

const hasChinese = (s: string | undefined) => !!s && /[\u4e00-\u9fff]/.test(s);

/** The Chinese message for one issue against the schema it came from. Never names a raw path. */
export function describeIssue(root: z.ZodTypeAny, issue: ZodIssue): { field: string; message: string } {
  const field = issue.path.join('.');
  if (issue.code === 'unrecognized_keys') return { field: issue.keys.join(','), message: '提交的内容里有不认识的项目，请刷新后重试' };
  const name = fieldName(issue.path);
  const label = name?.label ?? '填写的内容';
  const schema = schemaAt(root, issue.path);
  const limits = schema ? limitsOf(schema) : { kind: 'other' as const };
  const range = rangeText(limits, name?.unit);
  const ranged = (lead?: string) => `${label}：${[lead, range].filter(Boolean).join('，') || '格式不正确'}`;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.received === 'undefined') return { field, message: `请填写${label}${range ? `（${range}）` : ''}` };
      if (limits.kind === 'number') return { field, message: ranged(limits.int ? '请填整数' : '请填数字') };
      return { field, message: ranged('格式不正确') };
    case 'too_small':
      if (limits.kind === 'text' && issue.minimum === 1) return { field, message: ranged('不能为空') };
      if (limits.kind === 'list' && issue.minimum === 1) return { field, message: ranged('请至少选一项') };
      return { field, message: ranged() };
    case 'too_big':
      return { field, message: ranged() };
    case 'not_finite':
      return { field, message: ranged('请填数字') };
    case 'invalid_enum_value':
      return { field, message: `${label}：请从给出的选项中选择` };
    default: {
      if (limits.kind === 'number') return { field, message: ranged(limits.int ? '请填整数' : undefined) };
      const what = hasChinese(issue.message) ? issue.message : '格式不正确';
      return { field, message: `${label}：${what}${range ? `（${range}）` : ''}` };
    }
  }
}

/** Every field's first problem (by full path, `town.villages.2.name`), and the first message overall. */
export function describeErrors(root: z.ZodTypeAny, error: ZodError): { field?: string; message: string; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const d = describeIssue(root, issue);
    if (!(d.field in fields)) fields[d.field] = d.message;
  }
  const first = error.issues[0] ? describeIssue(root, error.issues[0]) : { field: '', message: '请求格式不正确' };
  return { field: first.field || undefined, message: first.message, fields };
}

/** Checks a value against a schema the way the server will: the parsed value, or a message per field. */
export function checkInput<S extends z.ZodTypeAny>(schema: S, value: unknown): { ok: true; data: z.output<S> } | { ok: false; message: string; fields: Record<string, string> } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, data: parsed.data };
  const { message, fields } = describeErrors(schema, parsed.error);
  return { ok: false, message, fields };
}
