/** content/questions/<law>.yaml: the question bank, with option and answer checks per question. */
import path from 'node:path';
import type { LoadContext } from './loadContext';
import { LETTERS, LIMITS, type Question } from './model';
import { questionFileSchema, questionSchema } from './schemas';
import { clip, escapeRe, letterIndex, normalizeStem, toArray } from './textHelpers';
import { lineAt } from './yamlFiles';

export function loadQuestions(ctx: LoadContext): Question[] {
  const out: Question[] = [];
  for (const { file, rf } of ctx.contentFiles('questions', '.yaml', 'question files are content/questions/<lawId>.yaml; ignored').files) {
    const p = ctx.readYaml(file);
    if (!p) continue;
    const top = questionFileSchema.safeParse(p.value);
    if (!top.success) {
      ctx.zodIssues(top.error, rf, undefined, p, []);
      continue;
    }
    const fileLaw = top.data.law;
    if (path.basename(file, '.yaml') !== fileLaw) ctx.error('id-format', { file: rf, line: lineAt(p, ['law']), field: 'law' }, `law "${fileLaw}" must match the file name (${path.basename(file)})`);
    top.data.questions.forEach((raw, i) => {
      const rawId = (raw as { id?: unknown } | null)?.id;
      const id = typeof rawId === 'string' ? rawId : `questions[${i}]`;
      const line = lineAt(p, ['questions', i]);
      const r = questionSchema.safeParse(raw);
      if (!r.success) {
        ctx.zodIssues(r.error, rf, id, p, ['questions', i]);
        return;
      }
      const d = r.data;
      const where = { file: rf, line, id: d.id };
      if (!new RegExp(`^q-${escapeRe(fileLaw)}-\\d{3}$`).test(d.id)) ctx.error('id-format', { ...where, field: 'id' }, `question id must be q-${fileLaw}-<3 digits>, found "${d.id}"`);
      const base = {
        id: d.id,
        law: fileLaw,
        stem: d.stem,
        explanation: d.explanation,
        citation: { law: d.citation.law, article: d.citation.article, quotes: toArray(d.citation.quote) },
        difficulty: d.difficulty,
        tags: d.tags,
        campaigns: d.campaigns,
        source: { file: rf, line },
      };
      const fieldLine = (f: (string | number)[]) => lineAt(p, ['questions', i, ...f]);
      if (d.type === 'judge') {
        out.push({ ...base, type: 'judge', answer: d.answer });
        return;
      }
      // Options
      if (d.options.length < LIMITS.minOptions || d.options.length > LIMITS.maxOptions) {
        ctx.error('options', { ...where, line: fieldLine(['options']), field: 'options' }, `${d.type} questions have ${LIMITS.minOptions}–${LIMITS.maxOptions} options, found ${d.options.length}`);
      }
      const seenOpt = new Map<string, number>();
      d.options.forEach((o, oi) => {
        if (/^[A-Ea-e][\s.、．:：)）]/.test(o)) ctx.error('options', { ...where, line: fieldLine(['options', oi]), field: `options.${oi}` }, `option "${clip(o, 20)}" carries its own letter; the app adds A/B/C…`);
        const k = normalizeStem(o);
        if (seenOpt.has(k)) ctx.error('options', { ...where, line: fieldLine(['options', oi]), field: `options.${oi}` }, `option "${clip(o, 20)}" repeats option ${LETTERS[seenOpt.get(k)!]}`);
        seenOpt.set(k, oi);
      });
      const valid = LETTERS.slice(0, d.options.length) as readonly string[];
      const validText = `${valid[0]}–${valid[valid.length - 1]}`;
      if (d.type === 'single') {
        if (!valid.includes(d.answer)) ctx.error('answer', { ...where, line: fieldLine(['answer']), field: 'answer' }, `answer ${d.answer} is not one of the ${d.options.length} options (${validText})`);
        out.push({ ...base, type: 'single', options: d.options, answer: d.answer });
        return;
      }
      const letters = [...d.answer];
      if (new Set(letters).size !== letters.length) ctx.error('answer', { ...where, line: fieldLine(['answer']), field: 'answer' }, `answer repeats a letter: [${letters.join(', ')}]`);
      const uniq = [...new Set(letters)].sort((a, b) => letterIndex(a) - letterIndex(b));
      if (uniq.length < 2) ctx.error('answer', { ...where, line: fieldLine(['answer']), field: 'answer' }, `a multiple-choice answer has at least two letters, found [${letters.join(', ')}] (use type: single for one)`);
      const bad = uniq.filter((l) => !valid.includes(l));
      if (bad.length) ctx.error('answer', { ...where, line: fieldLine(['answer']), field: 'answer' }, `answer letter(s) ${bad.join(', ')} not among the ${d.options.length} options (${validText})`);
      out.push({ ...base, type: 'multiple', options: d.options, answer: uniq });
    });
  }
  return out;
}
