/** The outbox: WeChat open API calls the local cloud records instead of sending (see wxopenapi.ts). */
import type { Sql } from './sql';

export interface OutboxRow {
  id: number;
  at: string;
  api: string;
  appid: string | null;
  env: string | null;
  data: unknown;
  response: unknown;
}

export class Outbox {
  constructor(private readonly sql: Sql) {
    sql.db.exec('CREATE TABLE IF NOT EXISTS _lc_outbox (id INTEGER PRIMARY KEY, at TEXT NOT NULL, api TEXT NOT NULL, appid TEXT, env TEXT, data TEXT NOT NULL, response TEXT)');
  }

  record(entry: { api: string; appid?: string; env?: string; data: unknown; response: unknown }): number {
    const r = this.sql
      .stmt('INSERT INTO _lc_outbox (at, api, appid, env, data, response) VALUES (?, ?, ?, ?, ?, ?)')
      .run(new Date().toISOString(), entry.api, entry.appid ?? null, entry.env ?? null, JSON.stringify(entry.data ?? null), JSON.stringify(entry.response ?? null));
    return Number(r.lastInsertRowid);
  }

  list(api?: string): OutboxRow[] {
    const rows = (api ? this.sql.stmt('SELECT * FROM _lc_outbox WHERE api = ? ORDER BY id').all(api) : this.sql.stmt('SELECT * FROM _lc_outbox ORDER BY id').all()) as (Omit<OutboxRow, 'data' | 'response'> & {
      data: string;
      response: string | null;
    })[];
    return rows.map((r) => ({ ...r, data: JSON.parse(r.data), response: r.response ? JSON.parse(r.response) : null }));
  }

  clear(): number {
    return this.sql.stmt('DELETE FROM _lc_outbox').run().changes;
  }
}
