/** A resident's browser, for integration tests: calls /api/fn/<name> and keeps its identity cookie. */
export class HttpResident {
  cookie = '';
  constructor(private readonly baseUrl: string) {}

  async raw(fn: string, body: string): Promise<{ status: number; json: any }> {
    const res = await fetch(`${this.baseUrl}/api/fn/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) }, body });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0];
    return { status: res.status, json: await res.json() };
  }

  async call(action: string, input?: unknown, fn = 'resident'): Promise<any> {
    return (await this.raw(fn, JSON.stringify({ action, input }))).json;
  }

  async ok(action: string, input?: unknown, fn = 'resident'): Promise<any> {
    const r = await this.call(action, input, fn);
    if (!r.ok) throw new Error(`${fn}.${action} failed: ${r.code} ${r.message}`);
    return r.data;
  }
}

let counter = 0;
/** A fresh client-made id (the same shape the mini-program makes). */
export function testId(prefix = 'att'): string {
  counter++;
  return `${prefix}_${Date.now().toString(36)}_${counter.toString(36)}_${Math.random().toString(36).slice(2, 10)}`.slice(0, 64).padEnd(16, 'x');
}
