/**
 * The local stand-in for CloudBase timer triggers: every function of cloudfunctions/functions.ts with a
 * timer trigger is called the way the cloud calls it (`{ Type: 'Timer', TriggerName, Time }`, no OPENID),
 * once at start-up and then every `intervalMs` (the cron times are not followed: locally "soon and again
 * later" is what matters, and every timer action is idempotent).
 */
import { functions } from '../cloudfunctions/functions';
import { functionsNow } from '../cloudfunctions/shared/clock';
import { loadFunction } from './functions';

/** How often the local environment runs the timers after the first run at start-up. */
export const LOCAL_TIMER_INTERVAL_MS = 10 * 60 * 1000;

export interface LocalTimers {
  /** Runs every timer once now (tests, and the first run at start-up). */
  runOnce: () => Promise<void>;
  stop: () => Promise<void>;
}

export interface LocalTimerOptions {
  intervalMs?: number;
  /** Schedules the repeated run (default: an unref'd setInterval); tests pass their own to fire it at will. */
  every?: (run: () => Promise<void>, ms: number) => { cancel: () => void };
}

function setIntervalUnref(run: () => Promise<void>, ms: number) {
  const handle = setInterval(() => void run(), ms);
  handle.unref();
  return { cancel: () => clearInterval(handle) };
}

/** The timers every function of cloudfunctions/functions.ts declares: [function, trigger]. */
export function localTimerTriggers(): { name: string; trigger: string }[] {
  return functions.flatMap((f) => (f.triggers ?? []).filter((t) => t.type === 'timer').map((t) => ({ name: f.name, trigger: t.name })));
}

export function startLocalTimers(options: LocalTimerOptions = {}): LocalTimers {
  const timed = localTimerTriggers();
  let running: Promise<void> = Promise.resolve();
  const runOnce = () => {
    running = running.then(async () => {
      for (const t of timed) {
        const fn = await loadFunction(t.name);
        const result = (await fn?.main({ Type: 'Timer', TriggerName: t.trigger, Time: functionsNow().toISOString() }, {})) as { ok?: boolean; message?: string } | undefined;
        if (result && result.ok === false) console.error(`[timer ${t.name}/${t.trigger}] ${result.message}`);
      }
    });
    return running;
  };
  const schedule = (options.every ?? setIntervalUnref)(() => runOnce().catch((error: Error) => console.error(`[timer] ${error.message}`)), options.intervalMs ?? LOCAL_TIMER_INTERVAL_MS);
  return {
    runOnce,
    stop: async () => {
      schedule.cancel();
      await running.catch(() => undefined);
    },
  };
}
