/**
 * The local stand-in for CloudBase timer triggers: every function of cloudfunctions/functions.ts with a
 * timer trigger is called the way the cloud calls it (`{ Type: 'Timer', TriggerName, Time }`, no OPENID),
 * once at start-up and then every `intervalMs` (the cron times are not followed: locally "soon and again
 * later" is what matters, and every timer action is idempotent).
 */
import { functions } from '../cloudfunctions/functions';
import { functionsNow } from '../cloudfunctions/shared/clock';
import { loadFunction } from './functions';

export interface LocalTimers {
  /** Runs every timer once now (tests, and the first run at start-up). */
  runOnce: () => Promise<void>;
  stop: () => Promise<void>;
}

export function startLocalTimers(intervalMs = 10 * 60 * 1000): LocalTimers {
  const timed = functions.flatMap((f) => (f.triggers ?? []).filter((t) => t.type === 'timer').map((t) => ({ name: f.name, trigger: t.name })));
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
  const handle = setInterval(() => void runOnce().catch((error: Error) => console.error(`[timer] ${error.message}`)), intervalMs);
  handle.unref();
  return {
    runOnce,
    stop: async () => {
      clearInterval(handle);
      await running.catch(() => undefined);
    },
  };
}
