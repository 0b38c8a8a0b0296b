/** Small helpers shared by the staff function's modules. */
import { randomBytes } from 'node:crypto';
import type { ActionContext } from '../shared/handler';
import { chinaDay } from '../contracts/time';
import { personKey } from '../shared/identity';

const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** Random lowercase letters and digits (no 0/o/1/l), from crypto randomness. */
export function randomToken(length: number, alphabet = ID_ALPHABET): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i]! % alphabet.length];
  return out;
}

/** `prefix-20261204-k3m9qx`: readable, sortable by day, unique enough with the random tail. */
export function newId(prefix: string, ctx: ActionContext): string {
  return `${prefix}-${chinaDay(ctx.now()).replace(/-/g, '')}-${randomToken(6)}`;
}

/** The staff document id for an OPENID (a pseudonym: list views never carry the OPENID itself). */
export function staffIdFor(openId: string): string {
  return `st_${personKey(openId).slice(0, 20)}`;
}

export function tail(openId: string, n = 6): string {
  return openId.length <= n ? openId : `…${openId.slice(-n)}`;
}

export function iso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && '$date' in (value as object)) return new Date((value as { $date: number }).$date).toISOString();
  return '';
}

export const updated = (res: unknown): number => Number((res as { updated?: number })?.updated ?? 0);

