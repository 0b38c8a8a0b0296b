/**
 * The yearly calendar: edition windows at China midnight (leap years, a window crossing the new year), when
 * an edition is due, and `ensureEditions` creating each edition once under concurrent runs and restarts of
 * the local cloud, never touching an edition that exists.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startLocalCloud } from '../../localcloud/server';
import { tempDir } from '../../localcloud/testkit';
import { ensureCollections } from '../../localcloud/ensureCollections';
import { createApp } from './cloudbase';
import type { Db } from './handler';
import type { CampaignDoc } from './documents';
import { campaignState } from './campaigns';
import { campaignRefs, dayInYear, dueYears, editionFields, editionIdOf, editionLabel, editionWindow, ensureEditions, isMonthDay, newEditionDoc, type CampaignTemplateDoc } from './campaignEditions';

const at = (s: string) => new Date(s);
const template = (over: Partial<CampaignTemplateDoc> = {}): CampaignTemplateDoc => ({
  _id: 'march-pufa',
  title: '三月普法月',
  recurrence: { start: '03-01', end: '03-31', createDaysAhead: 60 },
  firstYear: 2026,
  editionIds: { '2026': 'march-pufa' },
  themeLaws: ['xianfa'],
  lessonIds: ['l-xianfa-01'],
  quiz: { questionsPerQuiz: 10, passMark: 60, attemptsPerDay: 3, pool: { laws: ['xianfa'], tags: [] } },
  bannerText: '{year} 三月普法月',
  summary: '{year} 年三月普法月。',
  ...over,
});
const stateAt = (t: CampaignTemplateDoc, year: number, when: string) => campaignState({ status: 'published', ...editionWindow(t.recurrence, year) }, at(when));

describe('edition windows (China time)', () => {
  it('open at 00:00 China time on the first day and close after 23:59:59.999 on the last', () => {
    const t = template();
    expect(editionWindow(t.recurrence, 2027)).toEqual({ start: '2027-02-28T16:00:00.000Z', end: '2027-03-31T15:59:59.999Z' });
    expect(stateAt(t, 2027, '2027-02-28T23:59:59.999+08:00')).toBe('scheduled');
    expect(stateAt(t, 2027, '2027-03-01T00:00:00.000+08:00')).toBe('live');
    expect(stateAt(t, 2027, '2027-03-31T23:59:59.999+08:00')).toBe('live');
    expect(stateAt(t, 2027, '2027-04-01T00:00:00.000+08:00')).toBe('ended');
    // The same instants in UTC terms: 2027-03-01 00:00 in China is still 28 February in UTC.
    expect(stateAt(t, 2027, '2027-02-28T16:00:00Z')).toBe('live');
    expect(stateAt(t, 2027, '2027-02-28T15:59:59Z')).toBe('scheduled');
  });

  it('keeps the 2026 windows content/ had before templates', () => {
    const t = template({ recurrence: { start: '03-09', end: '03-22', createDaysAhead: 60 } });
    const w = editionWindow(t.recurrence, 2026);
    expect(w.start).toBe(new Date('2026-03-09T00:00:00+08:00').toISOString());
    expect(Date.parse(w.end) - Date.parse('2026-03-22T23:59:59+08:00')).toBe(999);
  });

  it('leap years: a window ending on 02-29 ends on 02-28 in other years; a year-round window has 366 days in 2028', () => {
    const feb = template({ recurrence: { start: '02-20', end: '02-29', createDaysAhead: 30 } });
    expect(editionWindow(feb.recurrence, 2028).end).toBe(new Date(Date.parse('2028-03-01T00:00:00+08:00') - 1).toISOString());
    expect(editionWindow(feb.recurrence, 2027).end).toBe(new Date(Date.parse('2027-03-01T00:00:00+08:00') - 1).toISOString());
    expect(stateAt(feb, 2028, '2028-02-29T12:00:00+08:00')).toBe('live');
    expect(stateAt(feb, 2028, '2028-03-01T00:00:00+08:00')).toBe('ended');
    expect(stateAt(feb, 2027, '2027-03-01T00:00:00+08:00')).toBe('ended');
    // A window that is just 02-29: one day in a leap year, 02-28 otherwise.
    const leapDay = { start: '02-29', end: '02-29' };
    expect(editionWindow(leapDay, 2028)).toEqual({ start: '2028-02-28T16:00:00.000Z', end: '2028-02-29T15:59:59.999Z' });
    expect(editionWindow(leapDay, 2100)).toEqual({ start: '2100-02-27T16:00:00.000Z', end: '2100-02-28T15:59:59.999Z' });
    const year = (y: number) => {
      const w = editionWindow({ start: '01-01', end: '12-31' }, y);
      return (Date.parse(w.end) + 1 - Date.parse(w.start)) / 86400000;
    };
    expect([year(2027), year(2028), year(2100), year(2000)]).toEqual([365, 366, 365, 366]);
  });

  it('a window crossing the new year is named by the year it starts in', () => {
    const winter = template({ _id: 'winter', editionIds: {}, recurrence: { start: '12-20', end: '01-10', createDaysAhead: 30 } });
    expect(editionWindow(winter.recurrence, 2026)).toEqual({ start: '2026-12-19T16:00:00.000Z', end: '2027-01-10T15:59:59.999Z' });
    expect(stateAt(winter, 2026, '2027-01-01T00:00:00+08:00')).toBe('live');
    expect(stateAt(winter, 2026, '2027-01-11T00:00:00+08:00')).toBe('ended');
    expect(dueYears(winter, at('2027-01-05T10:00:00+08:00'))).toEqual([2026]);
    expect(dueYears(winter, at('2027-11-20T00:00:00+08:00'))).toEqual([2027]);
    expect(dueYears(winter, at('2027-11-19T23:59:59+08:00'))).toEqual([]);
    expect(editionIdOf(winter, 2026)).toBe('winter-2026');
  });

  it('month-days that exist in no year are refused', () => {
    expect(['02-29', '12-31', '04-30'].every(isMonthDay)).toBe(true);
    expect(['02-30', '04-31', '13-01', '00-10', '3-1', '2027-03-01'].some(isMonthDay)).toBe(false);
    expect(() => dayInYear('02-30', 2028)).toThrow(/month-day/);
    expect(dayInYear('02-29', 2027)).toBe('2027-02-28');
  });
});

describe('which editions are due', () => {
  const t = template();
  it('from createDaysAhead days before the start until the end; never before firstYear', () => {
    expect(dueYears(t, at('2026-12-30T23:59:59+08:00'))).toEqual([]);
    // 2027-03-01 00:00 China minus 60 days = 2026-12-31 00:00 China.
    expect(dueYears(t, at('2026-12-31T00:00:00+08:00'))).toEqual([2027]);
    expect(dueYears(t, at('2027-03-31T23:59:59+08:00'))).toEqual([2027]);
    expect(dueYears(t, at('2027-04-01T00:00:00+08:00'))).toEqual([]);
    expect(dueYears({ ...t, firstYear: 2028 }, at('2027-03-10T00:00:00+08:00'))).toEqual([]);
    const yearRound = { ...t, recurrence: { start: '01-01', end: '12-31', createDaysAhead: 60 } };
    expect(dueYears(yearRound, at('2027-12-15T00:00:00+08:00'))).toEqual([2027, 2028]);
  });

  it('an edition says its year; the 2026 edition keeps its old id; questions naming the template belong to every year', () => {
    const f = editionFields(t, 2027);
    expect(f).toMatchObject({ templateId: 'march-pufa', year: 2027, title: '三月普法月', bannerText: '2027 三月普法月', summary: '2027 年三月普法月。' });
    expect(editionIdOf(t, 2026)).toBe('march-pufa');
    expect(editionIdOf(t, 2027)).toBe('march-pufa-2027');
    expect(campaignRefs({ _id: 'march-pufa-2027', templateId: 'march-pufa' })).toEqual(['march-pufa-2027', 'march-pufa']);
    expect(campaignRefs({ _id: 'staff-x' })).toEqual(['staff-x']);
    expect(editionLabel({ title: '三月普法月', year: 2027 })).toBe('2027年 三月普法月');
    expect(editionLabel({ title: '2027年宪法宣传周', year: 2027 })).toBe('2027年宪法宣传周');
  });
});

describe('ensureEditions against the local cloud', () => {
  const dir = tempDir('editions-');
  const dbFile = path.join(dir, 'db.sqlite');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const templates = [
    template(),
    template({ _id: 'legal-aid', editionIds: {}, recurrence: { start: '01-01', end: '12-31', createDaysAhead: 60 } }),
    template({ _id: 'winter', editionIds: {}, recurrence: { start: '12-20', end: '01-10', createDaysAhead: 30 } }),
  ];

  async function withCloud<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const cloud = await startLocalCloud({ port: 0, dbFile });
    try {
      await ensureCollections(cloud.url);
      return await fn(createApp(cloud.url).database() as unknown as Db);
    } finally {
      await cloud.close();
    }
  }

  it('twenty concurrent runs create each due edition once; a run after a restart creates nothing', async () => {
    const now = at('2027-01-05T01:00:00+08:00');
    const runs = await withCloud(async (db) => Promise.all(Array.from({ length: 20 }, () => ensureEditions(db, now, templates))));
    const created = runs.flatMap((r) => r.created).sort();
    // Due on 5 January 2027: march-pufa 2027 (from 31 Dec), legal-aid 2027, winter 2026 (still live).
    expect(created).toEqual(['legal-aid-2027', 'march-pufa-2027', 'winter-2026']);
    for (const r of runs) expect([...r.created, ...r.existing].sort()).toEqual(created);
    await withCloud(async (db) => {
      const again = await ensureEditions(db, now, templates);
      expect(again.created).toEqual([]);
      expect(again.existing.sort()).toEqual(created);
      const docs = (await db.collection('campaigns').limit(100).get()).data as CampaignDoc[];
      expect(docs.map((d) => d._id).sort()).toEqual(created);
      const march = docs.find((d) => d._id === 'march-pufa-2027')!;
      expect(march).toMatchObject({ status: 'published', source: 'content', templateId: 'march-pufa', year: 2027, start: '2027-02-28T16:00:00.000Z', version: 1 });
      expect(campaignState(march, now)).toBe('scheduled');
    });
  });

  it('never overwrites an edition that exists (staff changed its dates and summary); other years are made from the template', async () => {
    await withCloud(async (db) => {
      await db.collection('campaigns').doc('march-pufa-2027').update({ start: '2027-03-03T00:00:00.000Z', summary: '镇里改过', source: 'staff' });
      const later = at('2028-01-01T09:00:00+08:00');
      const r = await ensureEditions(db, later, templates);
      expect(r.created.sort()).toEqual(['legal-aid-2028', 'march-pufa-2028', 'winter-2027']);
      const get = async (id: string) => (await db.collection('campaigns').doc(id).get()).data[0] as CampaignDoc;
      expect(await get('march-pufa-2027')).toMatchObject({ start: '2027-03-03T00:00:00.000Z', summary: '镇里改过', source: 'staff' });
      expect(await get('march-pufa-2028')).toMatchObject({ start: '2028-02-29T16:00:00.000Z', summary: '2028 年三月普法月。', source: 'content' });
      // A template archived (it left content/) makes no new editions.
      expect((await ensureEditions(db, at('2028-12-15T09:00:00+08:00'), templates.map((t) => ({ ...t, archived: true })))).created).toEqual([]);
    });
  });

  it('the document a new edition starts as is what content sync would write (same hash)', () => {
    const a = newEditionDoc(templates[0], 2027, at('2027-01-01T00:00:00Z'));
    const b = newEditionDoc(templates[0], 2027, at('2027-02-01T00:00:00Z'));
    expect(a.hash).toBe(b.hash);
    expect(newEditionDoc({ ...templates[0], summary: '改了' }, 2027, at('2027-01-01T00:00:00Z')).hash).not.toBe(a.hash);
  });
});
