/** content/laws.yaml: the laws the content uses, checked against index.json and the text headers. */
import fs from 'node:fs';
import path from 'node:path';
import type { LoadContext } from './loadContext';
import type { Law } from './model';
import { checkQuote } from './quotes';
import { lawEntrySchema, lawsFileSchema } from './schemas';
import { lineAt } from './yamlFiles';

export function loadLaws(ctx: LoadContext): Law[] {
  const file = path.join(ctx.opts.contentDir, 'laws.yaml');
  const rf = ctx.rel(file);
  if (!fs.existsSync(file)) {
    ctx.error('file', { file: rf }, 'content/laws.yaml is missing: it must list every law the content uses');
    return [];
  }
  const p = ctx.readYaml(file);
  if (!p) return [];
  const top = lawsFileSchema.safeParse(p.value);
  if (!top.success) {
    ctx.zodIssues(top.error, rf, undefined, p, []);
    return [];
  }
  const laws: Law[] = [];
  const seen = new Map<string, number>();
  const shortNames = new Map<string, string>();
  top.data.laws.forEach((raw, i) => {
    const rawId = (raw as { id?: unknown })?.id;
    const id = typeof rawId === 'string' ? rawId : undefined;
    const line = lineAt(p, ['laws', i]);
    const r = lawEntrySchema.safeParse(raw);
    if (!r.success) {
      ctx.zodIssues(r.error, rf, id ?? `laws[${i}]`, p, ['laws', i]);
      return;
    }
    const d = r.data;
    const where = { file: rf, line, id: d.id };
    if (seen.has(d.id)) {
      ctx.error('duplicate-id', where, `law "${d.id}" is listed twice in laws.yaml (also line ${seen.get(d.id)})`);
      return;
    }
    seen.set(d.id, line ?? 0);
    if (shortNames.has(d.shortName)) ctx.error('law-meta', { ...where, field: 'shortName' }, `shortName "${d.shortName}" is also used by ${shortNames.get(d.shortName)}`);
    shortNames.set(d.shortName, d.id);
    const expectCode = d.id.startsWith('minfadian-') ? '民法典' : d.shortName;
    if (d.code !== expectCode) ctx.error('law-meta', { ...where, field: 'code' }, `code must be "${expectCode}" (民法典 for the Civil Code books, else the shortName), found "${d.code}"`);
    const law: Law = {
      id: d.id,
      shortName: d.shortName,
      code: d.code,
      title: d.title,
      version: d.version,
      effective: d.effective,
      note: d.note,
      commencement: d.commencement,
      source: { file: rf, line },
    };
    if (ctx.lawTextsAvailable) {
      const entry = ctx.lawIndex.find((e) => e.id === d.id);
      const text = ctx.lawTexts.get(d.id);
      if (!entry) {
        ctx.error('unknown-law', { ...where, field: 'id' }, `"${d.id}" is not an id of the official texts' index.json`);
      } else {
        if (entry.title !== d.title) ctx.error('law-meta', { ...where, field: 'title' }, `title must be "${entry.title}" (index.json), found "${d.title}"`);
        if (entry.version !== d.version) ctx.error('version-mismatch', { ...where, field: 'version' }, `version ${d.version} differs from index.json's ${entry.version}`);
      }
      if (text) {
        law.text = text;
        if (text.header.versionDate !== d.version) {
          ctx.error('version-mismatch', { ...where, field: 'version' }, `version ${d.version} differs from the text header's latest adoption/amendment date ${text.header.versionDate ?? '(none)'}`);
        }
        if (text.header.effectiveDate !== d.effective) {
          ctx.error('law-meta', { ...where, field: 'effective' }, `effective must be ${text.header.effectiveDate ?? 'null'} as the text header ${text.header.effectiveDate ? 'states' : 'does not state it'}, found ${d.effective ?? 'null'}`);
        }
        if (d.commencement) {
          checkQuote(ctx, d.id, d.commencement.article, [d.commencement.quote], { ...where, field: 'commencement' }, false);
        }
      }
    }
    laws.push(law);
  });
  return laws;
}
