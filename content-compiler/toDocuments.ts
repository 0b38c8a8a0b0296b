/** Turns the checked content library into the documents the cloud functions read. */
import { filled, type Library, type Citation as LibraryCitation } from './library';
import type { Citation } from '../cloudfunctions/contracts/resident';
import { editionFields, editionIdOf, type CampaignTemplateDoc } from '../cloudfunctions/shared/campaignEditions';
export { contentHash } from '../cloudfunctions/shared/contentHash';

export interface ContentDocs {
  laws: Record<string, unknown>[];
  lessons: Record<string, unknown>[];
  questions: Record<string, unknown>[];
  /** Standing campaigns (collection `campaign_templates`): the calendar makes each year's edition from them. */
  campaignTemplates: (CampaignTemplateDoc & Record<string, unknown>)[];
  /**
   * Editions content/ names by year (`editionIds`, e.g. the 2026 editions): always present. Content sync adds
   * the editions already in the database and those due now (shared/campaignEditions.ts).
   */
  campaigns: Record<string, unknown>[];
  town: Record<string, unknown> | null;
}

export function toDocuments(library: Library): ContentDocs {
  const shortName = (id: string) => library.lawById.get(id)?.shortName ?? id;
  const citation = (c: LibraryCitation): Citation => ({ law: c.law, lawShortName: shortName(c.law), article: c.article, quote: c.quotes });
  const town = library.town;
  const templates = library.campaigns.map((c) => ({
    _id: c.id,
    title: c.title,
    recurrence: c.recurrence,
    firstYear: c.firstYear,
    editionIds: c.editionIds,
    themeLaws: c.themeLaws,
    lessonIds: c.lessonIds,
    bannerText: c.bannerText,
    summary: c.summary,
    quiz: { questionsPerQuiz: c.quiz.questionsPerQuiz, passMark: c.quiz.passMark, attemptsPerDay: c.quiz.attemptsPerDay, pool: { laws: c.quiz.pool.laws, tags: c.quiz.pool.tags } },
  }));
  return {
    laws: library.laws.map((l) => ({ _id: l.id, shortName: l.shortName, code: l.code, title: l.title, textVersion: l.version, effective: l.effective })),
    lessons: library.lessons.map((l) => ({
      _id: l.id,
      title: l.title,
      law: l.law,
      articles: l.articles,
      tags: l.tags,
      campaigns: l.campaigns,
      readingMinutes: l.readingMinutes,
      body: l.body,
      citations: l.citations.map(citation),
    })),
    questions: library.questions.map((q) => ({
      _id: q.id,
      law: q.law,
      type: q.type,
      stem: q.stem,
      options: q.type === 'judge' ? [] : q.options,
      answer: q.answer,
      explanation: q.explanation,
      citation: citation(q.citation),
      difficulty: q.difficulty,
      tags: q.tags,
      campaigns: q.campaigns,
    })),
    campaignTemplates: templates,
    campaigns: templates.flatMap((t) => Object.keys(t.editionIds).map((year) => ({ _id: editionIdOf(t, Number(year)), ...editionFields(t, Number(year)) }))),
    town: town
      ? {
          _id: 'town',
          name: town.fullName,
          villages: town.villages.map((v) => ({ id: v.id, name: v.name, placeholder: v.placeholder })),
          hotlines: town.hotlines.map((h) => ({ name: h.name, number: h.number })),
          station: {
            name: town.publicLegalService.station.name,
            address: filled(town.publicLegalService.station.address),
            phone: filled(town.publicLegalService.station.phone),
            note: `也可到所在村（社区）的${town.publicLegalService.villageRooms.name}就近咨询`,
          },
          advisers: town.legalAdvisers.map((a) => a.name),
          ...(town.reporting ? { bannerUnit: town.reporting.bannerUnit } : {}),
        }
      : null,
  };
}
