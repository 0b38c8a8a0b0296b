/** content/campaigns/<id>.yaml: standing campaigns (yearly recurrence), quiz settings and pools (references resolved later). */
import path from 'node:path';
import type { LoadContext } from './loadContext';
import { CAMPAIGN_IDS, LIMITS, type Campaign } from './model';
import { campaignSchema } from './schemas';
import { lineAt } from './yamlFiles';

/** A campaign as read from its file; rawLessonIds is the list as written (undefined = derive). */
export type RawCampaign = Campaign & { rawLessonIds?: string[] };

export function loadCampaigns(ctx: LoadContext): RawCampaign[] {
  const out: RawCampaign[] = [];
  for (const { file, rf } of ctx.contentFiles('campaigns', '.yaml', 'campaign files are content/campaigns/<campaignId>.yaml; ignored').files) {
    const p = ctx.readYaml(file);
    if (!p) continue;
    const rawId = (p.value as { id?: unknown } | null)?.id;
    const r = campaignSchema.safeParse(p.value);
    if (!r.success) {
      ctx.zodIssues(r.error, rf, typeof rawId === 'string' ? rawId : path.basename(file, '.yaml'), p, []);
      continue;
    }
    const d = r.data;
    const where = { file: rf, line: 1, id: d.id };
    if (path.basename(file, '.yaml') !== d.id) ctx.error('id-format', { ...where, field: 'id' }, `file name must be ${d.id}.yaml`);
    if (!(CAMPAIGN_IDS as readonly string[]).includes(d.id)) ctx.error('id-format', { ...where, field: 'id' }, `"${d.id}" is not one of the fixed campaign ids (${CAMPAIGN_IDS.join(', ')})`);
    for (const [year, id] of Object.entries(d.editionIds)) {
      if (Number(year) < d.firstYear) ctx.error('campaign', { ...where, line: lineAt(p, ['editionIds']), field: 'editionIds' }, `editionIds names ${year}, before firstYear ${d.firstYear}`);
      if (id !== d.id && id !== `${d.id}-${year}`) ctx.warn('campaign', { ...where, line: lineAt(p, ['editionIds']), field: 'editionIds' }, `edition id "${id}" is neither "${d.id}" nor "${d.id}-${year}"`);
    }
    if (/\{(?!year\})[^}]*\}/.test(`${d.title}${d.bannerText}${d.summary}`)) ctx.error('campaign', { ...where, field: 'summary' }, 'the only placeholder in title, bannerText and summary is {year}');
    if ([...d.bannerText].length > LIMITS.bannerMaxChars) ctx.warn('campaign', { ...where, line: lineAt(p, ['bannerText']), field: 'bannerText' }, `bannerText has ${[...d.bannerText].length} characters; keep it to one short line (≤ ${LIMITS.bannerMaxChars})`);
    if (d.quiz.pool.laws.length === 0 && d.quiz.pool.tags.length === 0) ctx.warn('campaign', { ...where, field: 'quiz.pool' }, 'pool has no laws and no tags: only questions naming this campaign are drawn');
    out.push({
      id: d.id,
      title: d.title,
      recurrence: d.recurrence,
      firstYear: d.firstYear,
      editionIds: d.editionIds,
      themeLaws: d.themeLaws,
      lessonIds: d.lessonIds ?? [],
      lessonIdsDerived: d.lessonIds === undefined,
      rawLessonIds: d.lessonIds,
      quiz: d.quiz,
      bannerText: d.bannerText,
      summary: d.summary,
      source: { file: rf, line: 1 },
    });
  }
  return out;
}
