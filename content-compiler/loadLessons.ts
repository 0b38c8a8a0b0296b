/** content/lessons/<law>/<id>.md: front matter and body of each lesson. */
import path from 'node:path';
import type { LoadContext } from './loadContext';
import type { Lesson } from './model';
import { lessonFrontMatterSchema } from './schemas';
import { countHan, escapeRe, toArray } from './textHelpers';
import { parseYamlFile } from './yamlFiles';

export function loadLessons(ctx: LoadContext): Lesson[] {
  const { dir, files } = ctx.contentFiles('lessons', '.md', 'not a lesson (.md) file; ignored');
  const lessons: Lesson[] = [];
  for (const { file, rf } of files) {
    const lesson = loadLesson(ctx, file, rf, dir);
    if (lesson) lessons.push(lesson);
  }
  return lessons;
}

function loadLesson(ctx: LoadContext, file: string, rf: string, dir: string): Lesson | null {
  const text = ctx.readText(file);
  if (text === null) return null;
  const m = /^---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(text);
  if (!m) {
    ctx.error('schema', { file: rf, line: 1 }, 'a lesson starts with YAML front matter between "---" lines');
    return null;
  }
  const r = parseYamlFile(m[1]);
  if (!r.ok) {
    for (const e of r.errors) ctx.error('yaml', { file: rf, line: e.line ? e.line + 1 : undefined }, `front matter YAML: ${e.message}`);
    return null;
  }
  const p = r.parsed;
  const rawId = (p.value as { id?: unknown } | null)?.id;
  const idGuess = typeof rawId === 'string' ? rawId : path.basename(file, '.md');
  const fm = lessonFrontMatterSchema.safeParse(p.value);
  if (!fm.success) {
    ctx.zodIssues(fm.error, rf, idGuess, p, [], 1); // +1 for the opening ---
    return null;
  }
  const d = fm.data;
  const where = { file: rf, line: 1, id: d.id };
  const body = text.slice(m[0].length).trim();
  const expectedDir = path.join(dir, d.law);
  if (path.dirname(file) !== expectedDir) ctx.error('id-format', { ...where, field: 'law' }, `a ${d.law} lesson belongs in content/lessons/${d.law}/`);
  if (!new RegExp(`^l-${escapeRe(d.law)}-\\d{2}$`).test(d.id)) ctx.error('id-format', { ...where, field: 'id' }, `lesson id must be l-${d.law}-<2 digits>, found "${d.id}"`);
  if (path.basename(file, '.md') !== d.id) ctx.error('id-format', { ...where, field: 'id' }, `file name must be ${d.id}.md`);
  return {
    id: d.id,
    title: d.title,
    law: d.law,
    articles: d.articles,
    tags: d.tags,
    campaigns: d.campaigns,
    readingMinutes: d.readingMinutes,
    citations: d.citations.map((c) => ({ law: c.law ?? d.law, article: c.article, quotes: toArray(c.quote) })),
    body,
    hanChars: countHan(body),
    source: { file: rf, line: 1 },
  };
}
