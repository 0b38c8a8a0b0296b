import { rangeProblem } from '../../../../cloudfunctions/shared/reporting/figures';
import { RANGE_ORDER_ERROR, perHundred } from './format';

describe('dashboard formats', () => {
  it('a backwards export range is worded as the server words it', () => {
    expect(rangeProblem('2026-03-01', '2026-02-01', 1000)).toBe(RANGE_ORDER_ERROR);
  });
  it('participation per resident as a percentage; a dash without a population', () => {
    expect(perHundred(12, 800)).toBe('1.5%');
    expect(perHundred(3, 0)).toBe('—');
  });
});
