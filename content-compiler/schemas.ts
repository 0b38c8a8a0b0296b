/** zod schemas of the content files (laws.yaml, lesson front matter, question files, campaigns, town.yaml). */
import { z } from 'zod';
import { PREAMBLE_LABEL, parseArticleLabel } from './lawText';
import { LETTERS, type SourceRef } from './model';
import { DEFAULT_CREATE_DAYS_AHEAD, isMonthDay } from '../cloudfunctions/shared/campaignEditions';

const isoDate = z.string({ invalid_type_error: 'expected a date string "YYYY-MM-DD" (quote it)' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'expected "YYYY-MM-DD"');
const nonEmpty = z
  .string({ invalid_type_error: "expected a string (quote values YAML reads as numbers or booleans, e.g. '12315', 'true')" })
  .trim()
  .min(1, 'must not be empty');
const stringList = z.array(nonEmpty, { invalid_type_error: 'expected a list of strings' });
const articleLabel = z
  .string({ invalid_type_error: 'expected an article label string like 第三十三条' })
  .refine((s) => s === PREAMBLE_LABEL || parseArticleLabel(s) !== null, {
    message: 'not an article label: write it as in the law text, e.g. 第三十三条, 第一千零七十九条, 第一百二十条之一 (or 序言)',
  });
const quoteSchema = z.union([nonEmpty, z.array(nonEmpty).min(1)], {
  errorMap: () => ({ message: 'quote must be a non-empty string or a non-empty list of strings' }),
});

export const lawEntrySchema = z
  .object({
    id: nonEmpty,
    shortName: nonEmpty,
    code: nonEmpty,
    title: nonEmpty,
    version: isoDate,
    effective: isoDate.nullable(),
    note: nonEmpty.optional(),
    commencement: z.object({ article: articleLabel, quote: nonEmpty }).strict().optional(),
  })
  .strict();
export const lawsFileSchema = z.object({ laws: z.array(z.unknown()).min(1, 'laws must list at least one law') }).strict();

const citationSchema = z.object({ law: nonEmpty, article: articleLabel, quote: quoteSchema }).strict();
const lessonCitationSchema = z.object({ law: nonEmpty.optional(), article: articleLabel, quote: quoteSchema }).strict();

export const lessonFrontMatterSchema = z
  .object({
    id: nonEmpty,
    title: nonEmpty,
    law: nonEmpty,
    articles: z.array(articleLabel).min(1, 'articles must list at least one article'),
    tags: stringList,
    campaigns: stringList.default([]),
    readingMinutes: z.number({ invalid_type_error: 'expected a number of minutes' }).int().min(1).max(15),
    citations: z.array(lessonCitationSchema).min(1, 'citations must have one entry per article'),
  })
  .strict();

const difficulty = z.union([z.literal(1), z.literal(2), z.literal(3)], {
  errorMap: () => ({ message: 'difficulty must be 1, 2 or 3' }),
});
const letter = z.enum(LETTERS, { errorMap: () => ({ message: 'expected one option letter A–E' }) });
const questionCommon = {
  id: nonEmpty,
  stem: nonEmpty,
  explanation: nonEmpty,
  citation: citationSchema,
  difficulty,
  tags: stringList,
  campaigns: stringList.default([]),
};
const options = z.array(nonEmpty, { invalid_type_error: 'options must be a list of strings', required_error: 'options are required for single/multiple questions' });
export const questionSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ ...questionCommon, type: z.literal('single'), options, answer: letter }).strict(),
    z
      .object({
        ...questionCommon,
        type: z.literal('multiple'),
        options,
        answer: z.array(letter, { invalid_type_error: 'multiple answer must be a list of letters, e.g. [A, C]' }),
      })
      .strict(),
    z
      .object({
        ...questionCommon,
        type: z.literal('judge'),
        answer: z.boolean({ invalid_type_error: 'judge answer must be the YAML boolean true or false', required_error: 'answer is required' }),
      })
      .strict(),
  ],
  { errorMap: (issue, ctx) => (issue.code === 'invalid_union_discriminator' ? { message: 'type must be single, multiple or judge' } : { message: ctx.defaultError }) },
);
export const questionFileSchema = z.object({ law: nonEmpty, questions: z.array(z.unknown()).min(1, 'questions must not be empty') }).strict();

const monthDay = z
  .string({ invalid_type_error: "expected a month-day string such as '03-01' (quote it)" })
  .refine(isMonthDay, "expected a month-day MM-DD that exists in some year, e.g. '03-01' (02-29 allowed)");
export const campaignSchema = z
  .object({
    id: nonEmpty,
    title: nonEmpty,
    recurrence: z
      .object({
        start: monthDay,
        end: monthDay,
        createDaysAhead: z.number().int().min(0).max(180).default(DEFAULT_CREATE_DAYS_AHEAD),
      })
      .strict(),
    firstYear: z.number().int().min(2000).max(2100),
    editionIds: z.record(z.string().regex(/^\d{4}$/, 'editionIds keys are years, e.g. 2026'), z.string().regex(/^[a-z0-9-]{1,64}$/, 'an edition id is lower-case letters, digits and -')).default({}),
    themeLaws: z.array(nonEmpty).min(1, 'themeLaws must name at least one law'),
    lessonIds: z.array(nonEmpty).optional(),
    quiz: z
      .object({
        questionsPerQuiz: z.number().int().min(1).max(100),
        pool: z.object({ laws: z.array(nonEmpty).default([]), tags: z.array(nonEmpty).default([]) }).strict(),
        passMark: z.number().int().min(0).max(100),
        attemptsPerDay: z.number().int().min(1).max(100),
      })
      .strict(),
    bannerText: nonEmpty,
    summary: nonEmpty,
  })
  .strict();

/** A value staff must fill in: `{ placeholder: true, hint: 待填写：… }`. */
export const placeholderSchema = z
  .object({ placeholder: z.literal(true), hint: z.string().regex(/待填写/, 'a placeholder hint must contain 待填写') })
  .strict();
export type Placeholder = z.infer<typeof placeholderSchema>;
/** A known value (string) or a placeholder for staff to fill. */
const fillable = z.union([nonEmpty, placeholderSchema], {
  errorMap: () => ({ message: 'expected a string, or { placeholder: true, hint: "待填写：…" }' }),
});
export type Fillable = z.infer<typeof fillable>;
export function isPlaceholder(v: unknown): v is Placeholder {
  return typeof v === 'object' && v !== null && (v as { placeholder?: unknown }).placeholder === true;
}
/** The value of a Fillable, or null when it is still a placeholder. */
export function filled(v: Fillable | undefined): string | null {
  return typeof v === 'string' ? v : null;
}

const townSource = z.object({ ref: nonEmpty, section: nonEmpty.optional(), quote: nonEmpty }).strict();
const contactFields = { phone: fillable, address: fillable.optional(), hours: fillable.optional() };
export const townSchema = z
  .object({
    id: nonEmpty,
    name: nonEmpty,
    fullName: nonEmpty,
    government: nonEmpty,
    region: z.object({ province: nonEmpty, district: nonEmpty, town: nonEmpty }).strict(),
    sources: z
      .array(z.object({ id: nonEmpty, title: nonEmpty, date: isoDate, file: nonEmpty }).strict())
      .min(1),
    offices: z.array(
      z.object({ id: nonEmpty, name: nonEmpty, role: nonEmpty, ...contactFields, source: townSource }).strict(),
    ),
    publicLegalService: z
      .object({
        station: z.object({ id: nonEmpty, name: nonEmpty, level: z.literal('镇'), ...contactFields, source: townSource }).strict(),
        villageRooms: z.object({ name: nonEmpty, level: z.literal('村（社区）'), note: nonEmpty, source: townSource }).strict(),
      })
      .strict(),
    legalAdvisers: z.array(
      z.object({ id: nonEmpty, name: nonEmpty, role: nonEmpty, phone: fillable, source: townSource }).strict(),
    ),
    mediation: z
      .object({
        committees: z.number().int().min(0),
        mediators: z.number().int().min(0),
        asOf: nonEmpty,
        source: townSource,
      })
      .strict(),
    facts: z
      .array(z.object({ id: nonEmpty, label: nonEmpty, value: z.union([z.number(), nonEmpty]), asOf: nonEmpty, source: townSource }).strict())
      .default([]),
    hotlines: z
      .array(
        z
          .object({
            id: nonEmpty,
            number: z.string().regex(/^\d{3,8}$/, 'hotline numbers are digits only (quote them)'),
            name: nonEmpty,
            scope: z.enum(['national', 'local']),
            use: nonEmpty,
          })
          .strict(),
      )
      .min(1),
    localContacts: z
      .array(z.object({ id: nonEmpty, name: nonEmpty, phone: fillable }).strict())
      .default([]),
    /** How the town's own annual report counts outreach material; the export's draft paragraph follows it. */
    reporting: z
      .object({ bannerUnit: z.string().regex(/^[\u4e00-\u9fff]{1,2}$/, 'bannerUnit is a measure word (副、条、幅…)'), source: townSource })
      .strict()
      .optional(),
    villages: z
      .array(
        z
          .object({
            id: z.string().regex(/^v\d{2}$/, 'village ids are v01, v02 …'),
            name: nonEmpty,
            placeholder: z.boolean(),
            legalServiceRoom: fillable.optional(),
            mediationCommittee: fillable.optional(),
          })
          .strict(),
      )
      .min(1, 'villages must list at least one entry (placeholders are fine)'),
  })
  .strict();
export type TownProfile = z.infer<typeof townSchema> & { source: SourceRef };
