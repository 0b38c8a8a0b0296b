import { rangeProblem } from '../../../../cloudfunctions/shared/reporting/figures';
import { RANGE_ORDER_ERROR } from './format';

describe('dashboard formats', () => {
  it('a backwards export range is worded as the server words it', () => {
    expect(rangeProblem('2026-03-01', '2026-02-01', 1000)).toBe(RANGE_ORDER_ERROR);
  });
});
