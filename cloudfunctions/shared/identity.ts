import { createHash } from 'node:crypto';

/**
 * A resident's pseudonymous key: a salted hash of the OPENID. Participation records, unique-people sets and
 * rollups use it, so an export or a database dump of those collections never carries an OPENID.
 */
export function personKey(openId: string): string {
  const salt = process.env.PUFA_PERSON_SALT ?? 'pufa-person-v1';
  return createHash('sha256').update(`${salt}:${openId}`).digest('hex').slice(0, 24);
}
