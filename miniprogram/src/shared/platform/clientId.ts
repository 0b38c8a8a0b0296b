/** Client-made ids for submissions (attempts, check-ins): 24 random URL-safe characters. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

export function newClientId(random: () => number = Math.random): string {
  let id = '';
  const bytes = typeof crypto !== 'undefined' && crypto.getRandomValues ? crypto.getRandomValues(new Uint8Array(24)) : null;
  for (let i = 0; i < 24; i++) id += ALPHABET[(bytes ? bytes[i] : Math.floor(random() * 256)) & 63];
  return id;
}
