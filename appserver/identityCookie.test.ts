import { sign, verify, parseCookies, newResidentId } from './identityCookie';

describe('signed resident cookie', () => {
  const secret = 'test-secret';
  it('accepts what it signed and rejects tampering', () => {
    const id = newResidentId();
    const value = sign(id, secret);
    expect(verify(value, secret)).toBe(id);
    expect(verify(value.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), secret)).toBeNull();
    expect(verify(sign('h5_someoneElse123', 'other-secret'), secret)).toBeNull();
    expect(verify(`h5_forged1234.${'x'.repeat(32)}`, secret)).toBeNull();
    expect(verify(undefined, secret)).toBeNull();
  });
  it('parses a cookie header', () => {
    expect(parseCookies('a=1; pufa_rid=abc.def; b=%E4%B8%AD')).toEqual({ a: '1', pufa_rid: 'abc.def', b: '中' });
  });
});

test('a cookie with bad %-encoding (another app on 127.0.0.1) is skipped, ours is still read', () => {
  expect(parseCookies('x=100%; pufa_rid=abc.def; y=%E0%A4%A')).toEqual({ pufa_rid: 'abc.def' });
});
