/**
 * The functions' clock (`ctx.now()`). In the cloud it is the real time. Locally the environment can be
 * started at another moment (`startLocalEnvironment({ startAt })` or `PUFA_START_AT=2027-03-01T09:00:00+08:00
 * npm start`): the clock then runs on from that moment, so a whole year's calendar can be looked at today.
 */
let offsetMs = 0;

export function appNow(): Date {
  return new Date(Date.now() + offsetMs);
}

/** Local environment only: from now on `appNow()` reads `at` (and runs on from it). */
export function startClockAt(at: Date): void {
  if (Number.isNaN(at.getTime())) throw new Error('startClockAt: not a date');
  offsetMs = at.getTime() - Date.now();
}

export function resetClock(): void {
  offsetMs = 0;
}
