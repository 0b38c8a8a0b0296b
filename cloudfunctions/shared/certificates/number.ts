/**
 * Certificate numbers (电子证书编号): `<year>-<serial>-<mac>`, e.g. `2026-7K3M9QX2-4HD8TZ`.
 *
 * - serial: 8 Crockford base32 characters from 40 random bits, so one number says nothing about another;
 * - mac: the first 30 bits of HMAC-SHA256 over `<town name>|<year>-<serial>`, keyed by the deployment's
 *   PUFA_CERT_SECRET (6 characters). A made-up or altered number fails this check before any database read,
 *   and a number from another town (another deployment: another secret, another town name) fails it too.
 *
 * Guessing is pointless: a guess must hit a 30-bit MAC (about one in a billion) for a serial that must also
 * have been issued (40 random bits). The number is what the verification code carries (mini-program scene
 * `c=<number>`, 22 characters of the 32 WeChat allows; the H5 URL `?no=<number>`).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Crockford's base32: no I, L, O, U (easy to read aloud and to type from paper). */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SERIAL_LENGTH = 8;
const MAC_LENGTH = 6;
export const CERTIFICATE_NUMBER_PATTERN = /^\d{4}-[0-9A-HJKMNP-TV-Z]{8}-[0-9A-HJKMNP-TV-Z]{6}$/;

/** The deployment's key (cloudfunctions/functions.ts: required at deploy; a fixed local fallback for development). */
export function certificateSecret(): string {
  return process.env.PUFA_CERT_SECRET || 'pufa-cert-local-development';
}

function base32(bytes: Buffer, length: number): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

function macOf(secret: string, townName: string, body: string): string {
  return base32(createHmac('sha256', secret).update(`${townName}|${body}`).digest(), MAC_LENGTH);
}

/** A new number for a certificate of `year` in this town. */
export function newCertificateNumber(year: number, townName: string, secret = certificateSecret(), random: Buffer = randomBytes(5)): string {
  const body = `${year}-${base32(random, SERIAL_LENGTH)}`;
  return `${body}-${macOf(secret, townName, body)}`;
}

/**
 * What a person typed or a code carried, in canonical form: upper case, without spaces, and the letters
 * Crockford's base32 reads as digits (O → 0, I/L → 1). Null when it cannot be a certificate number.
 */
export function normaliseCertificateNumber(input: string): string | null {
  const s = input.trim().toUpperCase().replace(/\s+/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return CERTIFICATE_NUMBER_PATTERN.test(s) ? s : null;
}

/** Whether the number was made by this town's deployment (its MAC matches); a constant-time comparison. */
export function isAuthenticNumber(number: string, townName: string, secret = certificateSecret()): boolean {
  const canonical = normaliseCertificateNumber(number);
  if (!canonical) return false;
  const body = canonical.slice(0, canonical.length - MAC_LENGTH - 1);
  const expected = Buffer.from(macOf(secret, townName, body));
  const given = Buffer.from(canonical.slice(-MAC_LENGTH));
  return expected.length === given.length && timingSafeEqual(expected, given);
}
