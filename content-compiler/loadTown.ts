/** content/town.yaml: the town profile, its placeholders and its quotes from the annual report. */
import fs from 'node:fs';
import path from 'node:path';
import type { LoadContext } from './loadContext';
import { townSchema, type TownProfile } from './schemas';
import { clip } from './textHelpers';
import { lineAt } from './yamlFiles';

export function loadTown(ctx: LoadContext): TownProfile | null {
  const file = path.join(ctx.opts.contentDir, 'town.yaml');
  const rf = ctx.rel(file);
  if (!fs.existsSync(file)) {
    ctx.error('file', { file: rf }, 'content/town.yaml (the town profile) is missing');
    return null;
  }
  const p = ctx.readYaml(file);
  if (!p) return null;
  const r = townSchema.safeParse(p.value);
  if (!r.success) {
    ctx.zodIssues(r.error, rf, 'town', p, []);
    return null;
  }
  const t: TownProfile = { ...r.data, source: { file: rf, line: 1 } };
  // Placeholders: 待填写 only inside placeholders; villages flagged consistently.
  const scan = (v: unknown, at: (string | number)[]): void => {
    if (typeof v === 'string') {
      const key = at[at.length - 1];
      if (/待填写/.test(v) && key !== 'hint' && !(key === 'name' && at[0] === 'villages')) {
        ctx.error('placeholder', { file: rf, line: lineAt(p, at), id: 'town', field: at.join('.') }, `"${v}" is a placeholder: write it as { placeholder: true, hint: "${v}" }`);
      }
    } else if (Array.isArray(v)) v.forEach((x, i) => scan(x, [...at, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) scan(x, [...at, k]);
  };
  scan(r.data, []);
  const seenVillage = new Set<string>();
  t.villages.forEach((v, i) => {
    const where = { file: rf, line: lineAt(p, ['villages', i]), id: v.id };
    if (seenVillage.has(v.id)) ctx.error('duplicate-id', where, `village id ${v.id} is used twice`);
    seenVillage.add(v.id);
    const marked = /待填写/.test(v.name);
    if (v.placeholder !== marked) {
      ctx.error('placeholder', { ...where, field: 'placeholder' }, v.placeholder ? `placeholder village name must say 待填写, found "${v.name}"` : `name "${v.name}" says 待填写 but placeholder is false`);
    }
  });
  if (!t.hotlines.some((h) => h.number === '12348')) ctx.error('town', { file: rf, line: lineAt(p, ['hotlines']), id: 'town', field: 'hotlines' }, 'hotlines must include 12348, the national public legal service (legal aid) hotline');
  const ids = new Set<string>();
  for (const list of [t.offices, t.legalAdvisers, t.hotlines, t.localContacts, t.facts] as { id: string }[][]) {
    for (const x of list) {
      if (ids.has(x.id)) ctx.error('duplicate-id', { file: rf, id: x.id }, `town.yaml id "${x.id}" is used twice`);
      ids.add(x.id);
    }
  }
  // Sources: every quote is in the cited report (whitespace-insensitive), when the report is at hand.
  const sourceText = new Map<string, string | null>();
  for (const s of t.sources) {
    const candidates = [path.resolve(ctx.base, s.file)];
    if (ctx.opts.contextDir) candidates.unshift(path.join(ctx.opts.contextDir, path.basename(s.file)));
    const found = candidates.find((c) => fs.existsSync(c));
    sourceText.set(s.id, found ? fs.readFileSync(found, 'utf8').replace(/\s/g, '') : null);
    if (!found) ctx.warn('source-quote', { file: rf, id: s.id, field: 'file' }, `source file ${s.file} not found: town.yaml quotes were not verified`);
  }
  const checkSource = (src: { ref: string; quote: string }, at: (string | number)[], id: string): void => {
    if (!sourceText.has(src.ref)) {
      ctx.error('town', { file: rf, line: lineAt(p, [...at, 'ref']), id, field: `${at.join('.')}.ref` }, `unknown source "${src.ref}" (sources: ${t.sources.map((s) => s.id).join(', ')})`);
      return;
    }
    const txt = sourceText.get(src.ref);
    if (txt && !txt.includes(src.quote.replace(/\s/g, ''))) {
      ctx.error('source-quote', { file: rf, line: lineAt(p, [...at, 'quote']), id, field: `${at.join('.')}.quote` }, `"${clip(src.quote, 40)}" is not in source ${src.ref}`);
    }
  };
  t.offices.forEach((o, i) => checkSource(o.source, ['offices', i, 'source'], o.id));
  t.legalAdvisers.forEach((o, i) => checkSource(o.source, ['legalAdvisers', i, 'source'], o.id));
  t.facts.forEach((o, i) => checkSource(o.source, ['facts', i, 'source'], o.id));
  checkSource(t.publicLegalService.station.source, ['publicLegalService', 'station', 'source'], t.publicLegalService.station.id);
  checkSource(t.publicLegalService.villageRooms.source, ['publicLegalService', 'villageRooms', 'source'], 'villageRooms');
  checkSource(t.mediation.source, ['mediation', 'source'], 'mediation');
  if (t.reporting) {
    checkSource(t.reporting.source, ['reporting', 'source'], 'reporting');
    if (!t.reporting.source.quote.includes(t.reporting.bannerUnit)) {
      ctx.error('source-quote', { file: rf, line: lineAt(p, ['reporting', 'bannerUnit']), id: 'reporting', field: 'reporting.bannerUnit' }, `bannerUnit "${t.reporting.bannerUnit}" is not the unit of the quote "${clip(t.reporting.source.quote, 40)}"`);
    }
  }
  const med = sourceText.get(t.mediation.source.ref);
  if (med && (!med.includes(`${t.mediation.committees}个人民调`) || !med.includes(`${t.mediation.mediators}名人民调解员`))) {
    ctx.error('source-quote', { file: rf, line: lineAt(p, ['mediation']), id: 'mediation' }, `mediation counts ${t.mediation.committees}/${t.mediation.mediators} do not match the source`);
  }
  return t;
}
