import { averageOf, percentText, rateOf } from './numbers';

describe('rates rounded once', () => {
  it('rounds the exact fraction half up at the .x5 boundaries', () => {
    expect(rateOf(432, 879)).toBe(0.491); // 49.147 %: was shown as 49.2 % after two roundings
    expect(rateOf(1, 16)).toBe(0.063); // 6.25 %
    expect(rateOf(1, 8)).toBe(0.125); // 12.5 % exactly
    expect(rateOf(3, 400)).toBe(0.008); // 0.75 %
    expect(rateOf(1, 2000)).toBe(0.001); // 0.05 %
    expect(rateOf(1, 2001)).toBe(0); // 0.04998 %
    expect(rateOf(0, 5)).toBe(0);
    expect(rateOf(5, 5)).toBe(1);
    expect(rateOf(1, 0)).toBeNull();
  });
  it('shows the rounded rate as it is, without rounding it again', () => {
    expect(percentText(rateOf(432, 879))).toBe('49.1%');
    expect(percentText(rateOf(1, 16))).toBe('6.3%');
    expect(percentText(rateOf(3, 400))).toBe('0.8%');
    expect(percentText(rateOf(2, 3))).toBe('66.7%');
    expect(percentText(null)).toBe('—');
    // every k/n for n up to 400: the shown figure is the exact percentage rounded half up once
    for (let n = 1; n <= 400; n++) {
      for (let k = 0; k <= n; k++) {
        const exactTenths = (k * 1000) / n; // tenths of a percent
        const expected = Math.floor(exactTenths + 0.5 + 1e-9) / 10;
        expect(percentText(rateOf(k, n))).toBe(`${expected.toFixed(1)}%`);
      }
    }
  });
  it('averages integer scores once', () => {
    expect(averageOf(1103, 20)).toBe(55.2); // 55.15
    expect(averageOf(2, 3)).toBe(0.7);
    expect(averageOf(0, 0)).toBeNull();
  });
});
