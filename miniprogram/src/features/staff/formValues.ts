/** Reading what staff typed into form values, without changing it. */

/** The number a NumberInput's text says; NaN for empty or not a number (the schema then names the range). */
export const toNumber = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text.trim()));
