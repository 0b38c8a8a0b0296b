import { randomBytes } from 'node:crypto';
import { CERTIFICATE_NUMBER_PATTERN, isAuthenticNumber, newCertificateNumber, normaliseCertificateNumber } from './number';

const TOWN = '重庆市渝北区古路镇';
const SECRET = 'unit-test-secret-0123456789';

describe('certificate numbers', () => {
  it('are year-serial-mac in Crockford base32 and fit a mini-program scene', () => {
    const n = newCertificateNumber(2026, TOWN, SECRET);
    expect(n).toMatch(CERTIFICATE_NUMBER_PATTERN);
    expect(n.startsWith('2026-')).toBe(true);
    expect(`c=${n}`.length).toBeLessThanOrEqual(32);
    expect(isAuthenticNumber(n, TOWN, SECRET)).toBe(true);
  });

  it('cannot be guessed from another: serials differ and a made-up check part fails', () => {
    const numbers = Array.from({ length: 200 }, () => newCertificateNumber(2026, TOWN, SECRET));
    expect(new Set(numbers.map((n) => n.split('-')[1])).size).toBe(200);
    // a forged number in the right shape (random serial, random check part) fails
    const forged = `2026-${newCertificateNumber(2026, TOWN, 'attacker-guess-key').split('-')[1]}-${'Z'.repeat(6)}`;
    expect(forged).toMatch(CERTIFICATE_NUMBER_PATTERN);
    expect(isAuthenticNumber(forged, TOWN, SECRET)).toBe(false);
  });

  it('an altered character anywhere makes it fail', () => {
    const n = newCertificateNumber(2026, TOWN, SECRET, randomBytes(5));
    for (let i = 0; i < n.length; i++) {
      if (n[i] === '-') continue;
      const swapped = n[i] === '7' ? '8' : '7';
      const altered = n.slice(0, i) + swapped + n.slice(i + 1);
      expect(isAuthenticNumber(altered, TOWN, SECRET)).toBe(false);
    }
  });

  it("another town's number fails: another key, or the same key with another town name", () => {
    const other = newCertificateNumber(2026, '某省某县某镇', 'another-town-secret-abcdefgh');
    expect(isAuthenticNumber(other, '某省某县某镇', 'another-town-secret-abcdefgh')).toBe(true);
    expect(isAuthenticNumber(other, TOWN, SECRET)).toBe(false);
    expect(isAuthenticNumber(newCertificateNumber(2026, '某省某县某镇', SECRET), TOWN, SECRET)).toBe(false);
  });

  it('reads what a person types: lower case, spaces, O for 0 and I/L for 1', () => {
    const n = newCertificateNumber(2026, TOWN, SECRET, Buffer.from([0, 0, 0, 0, 1]));
    expect(n.split('-')[1]).toBe('00000001');
    const typed = ` ${n.toLowerCase().replace(/0/g, 'o').replace('1', 'l')} `;
    expect(normaliseCertificateNumber(typed)).toBe(n);
    expect(isAuthenticNumber(typed, TOWN, SECRET)).toBe(true);
    expect(normaliseCertificateNumber('2026-ABC')).toBeNull();
    expect(normaliseCertificateNumber('<script>')).toBeNull();
  });
});
