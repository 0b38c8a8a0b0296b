import { chinaDay, chinaMonth, chinaDayStart } from './chinaTime';

describe('China time', () => {
  it('puts a 00:30 Constitution-Day quiz on 12-04, not 12-03', () => {
    expect(chinaDay(new Date('2026-12-03T16:30:00Z'))).toBe('2026-12-04');
    expect(chinaDay(new Date('2026-12-03T15:59:59Z'))).toBe('2026-12-03');
  });
  it('rolls months and years in China time', () => {
    expect(chinaMonth(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01');
  });
  it('finds the UTC instant a China day starts', () => {
    expect(chinaDayStart('2026-12-04').toISOString()).toBe('2026-12-03T16:00:00.000Z');
    expect(() => chinaDayStart('2026/12/04')).toThrow();
  });
});
