import { certificateNumberFrom } from './verifyParams';

describe('certificateNumberFrom', () => {
  const n = '2026-7K3M9QX2-4HD8TZ';
  it('reads the H5 / shared-link parameter and the scanned scene', () => {
    expect(certificateNumberFrom({ no: n })).toBe(n);
    expect(certificateNumberFrom({ no: encodeURIComponent(n) })).toBe(n);
    expect(certificateNumberFrom({ scene: encodeURIComponent(`c=${n}`) })).toBe(n);
    expect(certificateNumberFrom({ scene: `c=${n}` })).toBe(n);
  });
  it('refuses what cannot be a number', () => {
    expect(certificateNumberFrom({})).toBeNull();
    expect(certificateNumberFrom({ scene: encodeURIComponent('e=k3m9qx2a') })).toBeNull();
    expect(certificateNumberFrom({ no: '<script>' })).toBeNull();
    expect(certificateNumberFrom({ scene: '%E0%A4%A' })).toBeNull();
  });
});
