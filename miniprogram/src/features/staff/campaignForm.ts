/** The campaign edit form: its state, defaults, and the conversion to the staff contract's CampaignInput. */
import type { CampaignDetail, CampaignInput } from '@contracts/staff';
import { chinaDateTimeParts, chinaInstant, chinaToday } from './labels';

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
  questionsPerQuiz: number;
  passMark: number;
  attemptsPerDay: number;
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
    questionsPerQuiz: 10,
    passMark: 60,
    attemptsPerDay: 3,
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
    questionsPerQuiz: c.quiz.questionsPerQuiz,
    passMark: c.quiz.passMark,
    attemptsPerDay: c.quiz.attemptsPerDay,
    poolLaws: sameAsTheme ? null : c.quiz.pool.laws,
    poolTags: c.quiz.pool.tags,
    questionIds: c.quiz.pool.questionIds.join(', '),
  };
}

/** What the form would send; a Chinese message instead when something is clearly missing. */
export function toCampaignInput(f: CampaignFormState): { input: CampaignInput } | { error: string; field: string } {
  if (!f.title.trim()) return { error: '请填写活动名称', field: 'title' };
  if (!f.bannerText.trim()) return { error: '请填写横幅标语', field: 'bannerText' };
  if (!f.themeLaws.length) return { error: '请至少选择一部主题法律', field: 'themeLaws' };
  const start = chinaInstant(f.startDate, f.startTime);
  const end = chinaInstant(f.endDate, f.endTime);
  if (Date.parse(end) <= Date.parse(start)) return { error: '结束时间要晚于开始时间', field: 'end' };
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
        questionsPerQuiz: f.questionsPerQuiz,
        passMark: f.passMark,
        attemptsPerDay: f.attemptsPerDay,
        pool: { laws: f.poolLaws ?? f.themeLaws, tags: f.poolTags, questionIds },
      },
    },
  };
}
