/** The campaign edit form: its state, defaults, and the conversion to the staff contract's CampaignInput. */
import type { CampaignDetail, CampaignInput } from '@contracts/staff';
import { chinaDateTimeParts, chinaInstant, chinaToday } from './labels';
import { toNumber } from './formValues';

export interface CampaignFormState {
  title: string;
  summary: string;
  bannerText: string;
  bannerImage: string | null;
  bannerImageUrl: string | null;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  themeLaws: string[];
  lessonIds: string[];
  /** Numbers as typed (NumberInput); the schema refuses what is out of range. */
  questionsPerQuiz: string;
  passMark: string;
  attemptsPerDay: string;
  /** null: the quiz draws from the theme laws (until the editor picks pool laws themselves). */
  poolLaws: string[] | null;
  poolTags: string[];
  questionIds: string;
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);

export function emptyCampaignForm(): CampaignFormState {
  const today = chinaToday();
  return {
    title: '',
    summary: '',
    bannerText: '',
    bannerImage: null,
    bannerImageUrl: null,
    startDate: today,
    startTime: '00:00',
    endDate: addDays(today, 14),
    endTime: '23:59',
    themeLaws: [],
    lessonIds: [],
    questionsPerQuiz: '10',
    passMark: '60',
    attemptsPerDay: '3',
    poolLaws: null,
    poolTags: [],
    questionIds: '',
  };
}

export function formFromDetail(c: CampaignDetail): CampaignFormState {
  const s = chinaDateTimeParts(c.start);
  const e = chinaDateTimeParts(c.end);
  const sameAsTheme = c.quiz.pool.laws.length === c.themeLaws.length && c.quiz.pool.laws.every((l) => c.themeLaws.includes(l));
  return {
    title: c.title,
    summary: c.summary,
    bannerText: c.bannerText,
    bannerImage: c.bannerImage,
    bannerImageUrl: c.bannerImageUrl,
    startDate: s.date,
    startTime: s.time,
    endDate: e.date,
    endTime: e.time,
    themeLaws: c.themeLaws,
    lessonIds: c.lessonIds,
    questionsPerQuiz: String(c.quiz.questionsPerQuiz),
    passMark: String(c.quiz.passMark),
    attemptsPerDay: String(c.quiz.attemptsPerDay),
    poolLaws: sameAsTheme ? null : c.quiz.pool.laws,
    poolTags: c.quiz.pool.tags,
    questionIds: c.quiz.pool.questionIds.join(', '),
  };
}

/**
 * What the form would send (the schema of saveCampaign then checks every field and names its range); a message
 * for the one rule a field schema cannot say: the end after the start.
 */
export function toCampaignInput(f: CampaignFormState): { input: CampaignInput } | { error: string; field: string } {
  const start = chinaInstant(f.startDate, f.startTime);
  const end = chinaInstant(f.endDate, f.endTime);
  if (Date.parse(end) <= Date.parse(start)) return { error: '结束时间：要晚于开始时间', field: 'campaign.end' };
  const questionIds = f.questionIds
    .split(/[\s,，、]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    input: {
      title: f.title.trim(),
      summary: f.summary.trim(),
      bannerText: f.bannerText.trim(),
      bannerImage: f.bannerImage,
      start,
      end,
      themeLaws: f.themeLaws,
      lessonIds: f.lessonIds,
      quiz: {
        questionsPerQuiz: toNumber(f.questionsPerQuiz),
        passMark: toNumber(f.passMark),
        attemptsPerDay: toNumber(f.attemptsPerDay),
        pool: { laws: f.poolLaws ?? f.themeLaws, tags: f.poolTags, questionIds },
      },
    },
  };
}
