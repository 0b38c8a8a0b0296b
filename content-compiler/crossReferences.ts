/**
 * Checks across files once everything is loaded: ids unique across lessons, questions and campaigns; every law,
 * campaign, lesson and pool tag that an item names exists; lesson and question citations verbatim; lengths and
 * mentions of repealed laws. Resolves each campaign's lesson ids.
 */
import type { RawCampaign } from './loadCampaigns';
import type { LoadContext, Where } from './loadContext';
import { LIMITS, type Campaign, type Law, type Lesson, type Question, type SourceRef } from './model';
import { checkCitation } from './quotes';
import { REPEALED_RE, countChars, mentionedArticles } from './textHelpers';

export interface CrossChecked {
  lessons: Lesson[];
  questions: Question[];
  campaigns: Campaign[];
  lessonById: Map<string, Lesson>;
  questionById: Map<string, Question>;
}

export function checkCrossReferences(ctx: LoadContext, laws: Law[], campaignsRaw: RawCampaign[], lessons: Lesson[], questions: Question[]): CrossChecked {
  const knownLaws = new Set(laws.map((l) => l.id));
  // Unique ids across lessons, questions and campaigns.
  const owners = new Map<string, SourceRef>();
  const claim = (id: string, src: SourceRef): boolean => {
    const prev = owners.get(id);
    if (prev) {
      ctx.error('duplicate-id', { file: src.file, line: src.line, id }, `id "${id}" is already used in ${prev.file}${prev.line ? `:${prev.line}` : ''}`);
      return false;
    }
    owners.set(id, src);
    return true;
  };
  const campaigns = campaignsRaw.filter((c) => claim(c.id, c.source));
  const uniqLessons = lessons.filter((l) => claim(l.id, l.source));
  const uniqQuestions = questions.filter((q) => claim(q.id, q.source));
  const campaignIds = new Set(campaigns.map((c) => c.id));
  const lessonById = new Map(uniqLessons.map((l) => [l.id, l] as const));
  const questionById = new Map(uniqQuestions.map((q) => [q.id, q] as const));

  const checkCampaignRefs = (list: string[], where: Where): void => {
    for (const c of list) {
      if (!campaignIds.has(c)) ctx.error('unknown-campaign', { ...where, field: 'campaigns' }, `unknown campaign "${c}" (campaigns: ${[...campaignIds].join(', ') || 'none'})`);
    }
  };
  const checkRepealed = (text: string, where: Where): void => {
    const m = REPEALED_RE.exec(text);
    if (m) ctx.warn('repealed-law', where, `mentions ${m[1]}, repealed by 民法典 on 2021-01-01 (民法典第一千二百六十条): cite the 民法典 instead, or make clear it is repealed`);
  };

  for (const l of uniqLessons) {
    const where = { file: l.source.file, line: l.source.line, id: l.id };
    if (!knownLaws.has(l.law)) ctx.error('unknown-law', { ...where, field: 'law' }, `law "${l.law}" is not listed in content/laws.yaml`);
    checkCampaignRefs(l.campaigns, where);
    const citedAny = new Set(l.citations.map((c) => c.article));
    for (const a of l.articles) if (!citedAny.has(a)) ctx.error('citation-articles', { ...where, field: 'citations' }, `article ${a} is in articles but has no citation entry quoting it`);
    for (const c of l.citations) if (!l.articles.includes(c.article)) ctx.error('citation-articles', { ...where, field: 'articles' }, `citation ${c.law === l.law ? '' : `${c.law} `}${c.article} is not listed in articles`);
    l.citations.forEach((c, i) => checkCitation(ctx, c, knownLaws, { ...where, field: `citations.${i}` }));
    if (!l.body) ctx.error('body-length', { ...where, field: 'body' }, 'lesson body is empty');
    else if (l.hanChars > LIMITS.lessonHanError) ctx.error('body-length', { ...where, field: 'body' }, `body has ${l.hanChars} Han characters; at most about ${LIMITS.lessonHanWarn} (error above ${LIMITS.lessonHanError})`);
    else if (l.hanChars > LIMITS.lessonHanWarn) ctx.warn('body-length', { ...where, field: 'body' }, `body has ${l.hanChars} Han characters; aim for at most ${LIMITS.lessonHanWarn}`);
    if (l.tags.length === 0) ctx.warn('schema', { ...where, field: 'tags' }, 'no tags');
    const strayL = mentionedArticles(l.body).filter((a) => !l.articles.includes(a));
    if (strayL.length) ctx.warn('citation-articles', { ...where, field: 'body' }, `body names ${strayL.join('、')}, which articles/citations do not list`);
    checkRepealed(`${l.title}\n${l.body}`, { ...where, field: 'body' });
  }

  for (const q of uniqQuestions) {
    const where = { file: q.source.file, line: q.source.line, id: q.id };
    if (!knownLaws.has(q.law)) ctx.error('unknown-law', { ...where, field: 'law' }, `file law "${q.law}" is not listed in content/laws.yaml`);
    checkCampaignRefs(q.campaigns, where);
    checkCitation(ctx, q.citation, knownLaws, { ...where, field: 'citation' });
    const n = countChars(q.explanation);
    if (n > LIMITS.explanationError) ctx.error('explanation-length', { ...where, field: 'explanation' }, `explanation has ${n} characters; at most about ${LIMITS.explanationWarn} (error above ${LIMITS.explanationError})`);
    else if (n > LIMITS.explanationWarn) ctx.warn('explanation-length', { ...where, field: 'explanation' }, `explanation has ${n} characters; aim for at most ${LIMITS.explanationWarn}`);
    if (q.tags.length === 0) ctx.warn('schema', { ...where, field: 'tags' }, 'no tags');
    const named = mentionedArticles(q.explanation);
    if (named.length && !named.includes(q.citation.article)) ctx.warn('citation-articles', { ...where, field: 'explanation' }, `explanation names ${named.join('、')} but the citation is ${q.citation.article}`);
    checkRepealed([q.stem, ...(q.type === 'judge' ? [] : q.options), q.explanation].join('\n'), where);
  }

  // Campaign references and lesson ids.
  const tagsInUse = new Set(uniqQuestions.flatMap((q) => q.tags));
  const resolved: Campaign[] = campaigns.map(({ rawLessonIds, ...c }) => {
    const where = { file: c.source.file, line: c.source.line, id: c.id };
    for (const l of c.themeLaws) if (!knownLaws.has(l)) ctx.error('unknown-law', { ...where, field: 'themeLaws' }, `theme law "${l}" is not listed in content/laws.yaml`);
    for (const l of c.quiz.pool.laws) if (!knownLaws.has(l)) ctx.error('unknown-law', { ...where, field: 'quiz.pool.laws' }, `pool law "${l}" is not listed in content/laws.yaml`);
    for (const t of c.quiz.pool.tags) if (!tagsInUse.has(t)) ctx.error('unknown-tag', { ...where, field: 'quiz.pool.tags' }, `pool tag "${t}" is not used by any question`);
    let lessonIds: string[];
    if (rawLessonIds) {
      lessonIds = rawLessonIds;
      for (const id of rawLessonIds) if (!lessonById.has(id)) ctx.error('unknown-lesson', { ...where, field: 'lessonIds' }, `lesson "${id}" does not exist`);
      if (new Set(rawLessonIds).size !== rawLessonIds.length) ctx.error('campaign', { ...where, field: 'lessonIds' }, 'lessonIds lists a lesson twice');
    } else {
      const theme = new Set(c.themeLaws);
      lessonIds = uniqLessons.filter((l) => theme.has(l.law) || l.campaigns.includes(c.id)).map((l) => l.id).sort();
    }
    return { ...c, lessonIds };
  });

  return { lessons: uniqLessons, questions: uniqQuestions, campaigns: resolved, lessonById, questionById };
}
