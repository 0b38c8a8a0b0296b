import { emptyCampaignForm, formFromDetail, toCampaignInput } from './campaignForm';
import type { CampaignDetail } from '@contracts/staff';

describe('campaign form', () => {
  it('turns China dates and times into instants, and draws from the theme laws by default', () => {
    const f = { ...emptyCampaignForm(), title: ' 宪法周 ', bannerText: '学宪法', themeLaws: ['xianfa'], startDate: '2026-12-01', startTime: '08:00', endDate: '2026-12-07', endTime: '23:59', questionIds: 'q-1， q-2 q-3' };
    const built = toCampaignInput(f);
    if (!('input' in built)) throw new Error(built.error);
    expect(built.input.start).toBe('2026-12-01T00:00:00.000Z');
    expect(built.input.end).toBe('2026-12-07T15:59:00.000Z');
    expect(built.input.title).toBe('宪法周');
    expect(built.input.quiz.pool).toEqual({ laws: ['xianfa'], tags: [], questionIds: ['q-1', 'q-2', 'q-3'] });
  });

  it('refuses an end before the start beside the end field', () => {
    const backwards = { ...emptyCampaignForm(), title: 'x', bannerText: 'y', themeLaws: ['xianfa'], startDate: '2026-12-07', endDate: '2026-12-01' };
    expect(toCampaignInput(backwards)).toEqual({ error: '结束时间：要晚于开始时间', field: 'campaign.end' });
  });

  it('sends numbers as typed, so the schema refuses them instead of the form changing them', () => {
    const f = { ...emptyCampaignForm(), title: 'x', bannerText: 'y', themeLaws: ['xianfa'], questionsPerQuiz: '-1', passMark: '2.5', attemptsPerDay: '' };
    const built = toCampaignInput(f);
    if (!('input' in built)) throw new Error(built.error);
    expect(built.input.quiz).toMatchObject({ questionsPerQuiz: -1, passMark: 2.5 });
    expect(built.input.quiz.attemptsPerDay).toBeNaN();
  });

  it('round-trips a stored campaign', () => {
    const detail: CampaignDetail = {
      id: 'c1', title: 'T', summary: 'S', bannerText: 'B', bannerImage: null, bannerImageUrl: null,
      start: '2026-12-01T00:00:00.000Z', end: '2026-12-07T15:59:00.000Z', themeLaws: ['xianfa'], lessonIds: ['l1'],
      quiz: { questionsPerQuiz: 5, passMark: 60, attemptsPerDay: 2, pool: { laws: ['xianfa', 'falvyuanzhu'], tags: ['t'], questionIds: [] } },
      status: 'published', state: 'live', pinned: false, source: 'staff', version: 3, updatedAt: '', poolSize: 40,
    };
    const form = formFromDetail(detail);
    expect(form).toMatchObject({ startDate: '2026-12-01', startTime: '08:00', endTime: '23:59', poolLaws: ['xianfa', 'falvyuanzhu'] });
    const back = toCampaignInput(form);
    if (!('input' in back)) throw new Error(back.error);
    expect(back.input).toMatchObject({ start: detail.start, end: detail.end, lessonIds: ['l1'], quiz: detail.quiz });
  });
});
