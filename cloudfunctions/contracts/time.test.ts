import { addDays, chinaDateTime, chinaDay, chinaDayEnd, chinaDayStart, chinaInstant, chinaMonth, dayRangeLabel, isDay, monthEnd, overlapsDays, splitRange, windowLabel } from './time';
import { dayInput } from './common';
import { staffContract } from './staff';
import { reportsContract } from './reports';
import { describeErrors } from './fieldErrors';

describe('China time', () => {
  it('puts a 00:30 Constitution-Day quiz on 12-04, not 12-03', () => {
    expect(chinaDay(new Date('2026-12-03T16:30:00Z'))).toBe('2026-12-04');
    expect(chinaDay(new Date('2026-12-03T15:59:59Z'))).toBe('2026-12-03');
    expect(chinaDay('2026-12-03T16:30:00Z')).toBe('2026-12-04');
  });
  it('rolls months and years in China time', () => {
    expect(chinaMonth(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01');
  });
  it('finds the UTC instant a China day starts and ends', () => {
    expect(chinaDayStart('2026-12-04').toISOString()).toBe('2026-12-03T16:00:00.000Z');
    expect(chinaDayEnd('2026-12-04').toISOString()).toBe('2026-12-04T15:59:59.999Z');
    expect(() => chinaDayStart('2026/12/04')).toThrow();
    expect(() => chinaDayStart('2026-02-30')).toThrow();
  });
  it('converts China date and time both ways', () => {
    expect(chinaInstant('2026-12-04', '09:30')).toBe('2026-12-04T01:30:00.000Z');
    expect(chinaDateTime('2026-12-04T01:30:00.000Z')).toEqual({ date: '2026-12-04', time: '09:30' });
  });
  it('does calendar arithmetic on day strings', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(monthEnd('2028-02')).toBe('2028-02-29');
    expect(splitRange('2026-01-15', '2026-03-31')).toEqual({ fullMonths: ['2026-02', '2026-03'], partialDays: [{ from: '2026-01-15', to: '2026-01-31' }] });
    expect(overlapsDays('2026-12-01T00:00:00+08:00', '2026-12-07T23:59:59+08:00', '2026-12-07', '2026-12-31')).toBe(true);
    expect(overlapsDays('2026-12-01T00:00:00+08:00', '2026-12-07T23:59:59+08:00', '2026-12-08', '2026-12-31')).toBe(false);
  });
  it('words a campaign window with the year(s) unless it lies wholly in this year', () => {
    // in China time: 2026-11-30T16:00Z is 12月1日, 2027-01-15T15:59Z is still 1月15日
    const start = '2026-11-30T16:00:00.000Z';
    expect(windowLabel(start, '2026-12-08T15:59:59.999Z', '2026')).toBe('12月1日 至 12月8日');
    expect(windowLabel(start, '2027-01-15T15:59:59.999Z', '2026')).toBe('2026年12月1日 至 2027年1月15日');
    expect(windowLabel(start, '2027-01-15T15:59:59.999Z', '2027')).toBe('2026年12月1日 至 2027年1月15日');
    expect(windowLabel(start, '2026-12-08T15:59:59.999Z', '2027')).toBe('2026年12月1日 至 12月8日');
    expect(windowLabel('2026-12-31T16:00:00.000Z', '2027-01-01T15:59:59.999Z', '2027')).toBe('1月1日 至 1月1日');
    // without a year of reference (staff lists, the report's paragraph) the start always has its year
    expect(windowLabel(start, '2026-12-08T15:59:59.999Z')).toBe('2026年12月1日 至 12月8日');
    expect(dayRangeLabel('2026-03-15', '2026-11-20', { joiner: '至' })).toBe('2026年3月15日至11月20日');
    expect(dayRangeLabel('2025-07-01', '2026-06-30', { joiner: '至' })).toBe('2025年7月1日至2026年6月30日');
  });
  it('refuses impossible dates, in the helper and in the contracts', () => {
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2028-02-29')).toBe(true);
    for (const bad of ['2026-02-30', '2026-13-01', '2026-04-31', '2026-2-3', '']) expect(isDay(bad)).toBe(false);
    expect(dayInput.safeParse('2026-02-28').success).toBe(true);
    const bad = dayInput.safeParse('2026-02-30');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].message).toBe('2026-02-30 不是日历上存在的日期');
    expect(dayInput.safeParse('2026/02/01').error?.issues[0].message).toBe('日期应写成 2026-01-01 的格式');
  });
  it('names the field and the impossible date in a staff form and a report range', () => {
    const notice = staffContract.saveNotice.input;
    const r = notice.safeParse({ notice: { title: '通知', body: '内容', date: '2026-02-30', status: 'draft' } });
    expect(r.success).toBe(false);
    expect(describeErrors(notice, r.error!).fields['notice.date']).toBe('通知日期：2026-02-30 不是日历上存在的日期');
    expect(notice.safeParse({ notice: { title: '通知', body: '内容', date: '2026-02-28', status: 'draft' } }).success).toBe(true);
    const exp = reportsContract.buildExport.input.safeParse({ from: '2026-04-31', to: '2026-05-01', format: 'csv' });
    expect(exp.success).toBe(false);
    expect(exp.error!.issues[0].message).toBe('2026-04-31 不是日历上存在的日期');
  });
});
