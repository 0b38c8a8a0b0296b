/**
 * Group commit: every write that arrives while the event loop is busy joins one SQLite transaction (each
 * write in its own savepoint, so one failing write does not undo the others), and every promise settles
 * only after that transaction's COMMIT returned, i.e. after the WAL was fsynced. Concurrent writers
 * therefore share one fsync instead of paying one each.
 */
import type Database from 'better-sqlite3';

interface Pending {
  fn: () => unknown;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(private readonly db: Database.Database) {}

  run<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  flush(): void {
    this.scheduled = false;
    const ops = this.queue;
    this.queue = [];
    if (!ops.length) return;
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      this.db.transaction(() => {
        for (const op of ops) {
          try {
            outcomes.push({ ok: true, value: this.db.transaction(op.fn)() });
          } catch (e) {
            outcomes.push({ ok: false, value: e });
          }
        }
      })();
    } catch (e) {
      for (const op of ops) op.reject(e);
      return;
    }
    ops.forEach((op, i) => (outcomes[i]!.ok ? op.resolve(outcomes[i]!.value) : op.reject(outcomes[i]!.value)));
  }
}
