/**
 * The functions' clock. In the cloud it is the system clock. On the local cloud only (LOCALCLOUD_URL set),
 * `PUFA_CLOCK_OFFSET_MS` shifts it, so tests and demos can live through several China days (a review due
 * "tomorrow") without waiting; the cloud never reads the variable.
 */
export function functionsNow(): Date {
  const offset = process.env.LOCALCLOUD_URL ? Number(process.env.PUFA_CLOCK_OFFSET_MS ?? 0) : 0;
  return new Date(Date.now() + (Number.isFinite(offset) ? offset : 0));
}
