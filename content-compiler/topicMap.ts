/**
 * The topic map (content/topics.yaml): the matters villagers meet (traffic, unpaid wages, food safety …), each
 * with the lessons and questions that teach it. The checker verifies that every id exists (always an error) and
 * that each topic has at least one lesson and five questions, and that every topic issue 16 names is in the map
 * (the coverage figure, gating once met).
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import type { ItemRuleFigure } from './itemRules';
import type { Issue } from './issues';
import type { Library } from './model';

export const TOPICS_FILE = 'topics.yaml';

/** The topics issue 16 asks for; each must be in the map with its minimum content. */
export const REQUIRED_TOPICS = [
  'traffic',
  'wages',
  'food-safety',
  'school-bullying',
  'bride-price',
  'homestead',
  'women-land',
  'village-governance',
  'elderly-scams',
  'personal-info',
  'medical-disputes',
] as const;

export const TOPIC_MIN = { lessons: 1, questions: 5 } as const;

const nonEmpty = z.string().trim().min(1);
const topicsSchema = z
  .object({
    topics: z.array(
      z.object({ id: nonEmpty, title: nonEmpty, laws: z.array(nonEmpty).min(1), lessons: z.array(nonEmpty).default([]), questions: z.array(nonEmpty).default([]) }).strict(),
    ),
  })
  .strict();
export type Topic = z.infer<typeof topicsSchema>['topics'][number];

export interface TopicRow {
  id: string;
  title: string;
  lessons: number;
  questions: number;
  ok: boolean;
}

export interface TopicReport {
  rows: TopicRow[];
  /** Required topics that are absent from the map. */
  missing: string[];
  /** True when every required topic is in the map and every topic meets TOPIC_MIN. */
  covered: boolean;
  /** Errors: schema, unknown ids, unknown laws, duplicate topics. */
  issues: Issue[];
}

export function checkTopicMap(contentDir: string, library: Pick<Library, 'lessonById' | 'questionById' | 'lawById'>, required: readonly string[] = REQUIRED_TOPICS): TopicReport {
  const file = path.join(contentDir, TOPICS_FILE);
  const rel = `content/${TOPICS_FILE}`;
  const issues: Issue[] = [];
  let topics: Topic[] = [];
  if (fs.existsSync(file)) {
    try {
      const r = topicsSchema.safeParse(YAML.parse(fs.readFileSync(file, 'utf8')));
      if (r.success) topics = r.data.topics;
      else for (const zi of r.error.issues) issues.push({ severity: 'error', code: 'schema', file: rel, field: zi.path.join('.') || undefined, message: zi.message });
    } catch (e) {
      issues.push({ severity: 'error', code: 'yaml', file: rel, message: `YAML syntax: ${(e as Error).message.split('\n')[0]}` });
    }
  }
  const seen = new Set<string>();
  const rows: TopicRow[] = topics.map((t) => {
    const err = (field: string, message: string) => issues.push({ severity: 'error', code: 'topic-map', file: rel, id: t.id, field, message });
    if (seen.has(t.id)) err('id', `topic "${t.id}" is listed twice`);
    seen.add(t.id);
    for (const l of t.laws) if (!library.lawById.has(l)) err('laws', `law "${l}" is not in content/laws.yaml`);
    for (const id of t.lessons) if (!library.lessonById.has(id)) err('lessons', `lesson "${id}" does not exist`);
    for (const id of t.questions) if (!library.questionById.has(id)) err('questions', `question "${id}" does not exist`);
    const lessons = new Set(t.lessons.filter((id) => library.lessonById.has(id))).size;
    const questions = new Set(t.questions.filter((id) => library.questionById.has(id))).size;
    return { id: t.id, title: t.title, lessons, questions, ok: lessons >= TOPIC_MIN.lessons && questions >= TOPIC_MIN.questions };
  });
  const missing = required.filter((id) => !seen.has(id));
  return { rows, missing, covered: missing.length === 0 && rows.every((r) => r.ok), issues };
}

/** The coverage figure printed with the item-writing rules. */
export function topicFigure(report: TopicReport, gating: boolean, required: readonly string[] = REQUIRED_TOPICS): ItemRuleFigure {
  const okRequired = required.filter((id) => report.rows.some((r) => r.id === id && r.ok)).length;
  const short = report.rows.filter((r) => !r.ok);
  return {
    id: 'topic-coverage',
    label: `topics with ≥ ${TOPIC_MIN.lessons} lesson and ≥ ${TOPIC_MIN.questions} questions`,
    figure: `${okRequired} of ${required.length} required topics${report.missing.length ? ` (not in the map: ${report.missing.join(', ')})` : ''}`,
    threshold: 'all',
    pass: report.covered,
    gating,
    offenders: [
      ...report.missing.map((id) => ({ id, file: `content/${TOPICS_FILE}`, detail: 'required topic is not in the map' })),
      ...short.map((r) => ({ id: r.id, file: `content/${TOPICS_FILE}`, detail: `${r.lessons} lesson(s), ${r.questions} question(s)` })),
    ],
  };
}
