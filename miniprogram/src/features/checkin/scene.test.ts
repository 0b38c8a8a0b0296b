import { eventCodeFrom } from './scene';

describe('eventCodeFrom', () => {
  it('reads the weapp scene (URL-encoded) and the H5 ?e= parameter', () => {
    expect(eventCodeFrom({ scene: 'e%3Dk3m9qx2a' })).toBe('k3m9qx2a');
    expect(eventCodeFrom({ scene: 'e=k3m9qx2a' })).toBe('k3m9qx2a');
    expect(eventCodeFrom({ scene: encodeURIComponent('x=1&e=abcd1234') })).toBe('abcd1234');
    expect(eventCodeFrom({ e: 'abcd1234' })).toBe('abcd1234');
  });
  it('refuses anything else', () => {
    expect(eventCodeFrom({})).toBeNull();
    expect(eventCodeFrom({ scene: '%E0%A4%A' })).toBeNull();
    expect(eventCodeFrom({ scene: 'e=BAD CODE' })).toBeNull();
    expect(eventCodeFrom({ e: '../x' })).toBeNull();
  });
});
