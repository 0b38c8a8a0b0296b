/**
 * Value codecs of the local cloud.
 *
 * - EJSON (what the SDK sends and expects): `decodeEJSON` turns canonical or relaxed Extended JSON into JS
 *   values (Date, RegExp, Buffer, numbers); `encodeEJSON` writes JS values back as Extended JSON, so a Date
 *   stored through the SDK comes back as a Date.
 * - The stored form (the `doc` column in SQLite): plain JSON, so SQLite's json_extract works on it, with the
 *   few non-JSON types kept as tagged strings that sort correctly inside SQLite:
 *     Date    -> "\u0001D" + 17-digit (epoch ms + 8.64e15), so dates compare as text in time order
 *     RegExp  -> "\u0001R" + JSON [source, flags]
 *     Buffer  -> "\u0001B" + base64
 *     NaN/±Infinity -> "\u0001F" + String(n)
 *     a string that starts with \u0000 or \u0001 -> "\u0001S" + the string (escape)
 * - SQL keys: `sqlKey` maps a JS scalar to the value `ifnull(json_extract(doc, path), '\u0001N')` yields for
 *   it, which is what the expression indexes are built on.
 */

export type Doc = Record<string, unknown>;

const DATE_OFFSET = 8.64e15;
export const NULL_KEY = '\u0001N';
export const DATE_PREFIX = '\u0001D';
export const DATE_UPPER = '\u0001E';

export function isPlainObject(v: unknown): v is Doc {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function mongoFlagsToJs(options: string): string {
  let flags = '';
  for (const f of options) if ('imsu'.includes(f) && !flags.includes(f)) flags += f;
  return flags;
}

function jsFlagsToMongo(flags: string): string {
  return flags
    .split('')
    .filter((f) => 'imsu'.includes(f))
    .sort()
    .join('');
}

function parseNumberString(s: string): number {
  if (s === 'NaN') return NaN;
  if (s === 'Infinity' || s === '+Infinity') return Infinity;
  if (s === '-Infinity') return -Infinity;
  return Number(s);
}

class UnsupportedEJSON extends Error {}

/** Revives EJSON wrappers in place (returns the replacement for `v`). */
function reviveEJSON(v: unknown, now: number): unknown {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = reviveEJSON(v[i], now);
    return v;
  }
  if (v === null || typeof v !== 'object') return v;
  const o = v as Doc;
  const keys = Object.keys(o);
  const k0 = keys[0];
  if (keys.length >= 1 && keys.length <= 2 && k0 !== undefined && k0.charCodeAt(0) === 36 /* $ */) {
    switch (k0) {
      case '$numberInt':
      case '$numberDouble':
      case '$numberLong':
        if (keys.length === 1) return parseNumberString(String(o[k0]));
        break;
      case '$numberDecimal':
        throw new UnsupportedEJSON('Decimal128 values');
      case '$date': {
        if (keys.length !== 1) break;
        const d = o.$date;
        if (typeof d === 'number') return new Date(d);
        if (typeof d === 'string') return new Date(Date.parse(d));
        if (d && typeof d === 'object' && '$numberLong' in (d as Doc)) return new Date(Number((d as Doc).$numberLong));
        break;
      }
      case '$regularExpression': {
        const r = o.$regularExpression as { pattern?: string; options?: string } | undefined;
        if (keys.length === 1 && r && typeof r.pattern === 'string') return new RegExp(r.pattern, mongoFlagsToJs(r.options ?? ''));
        break;
      }
      case '$oid':
        if (keys.length === 1) return String(o.$oid);
        break;
      case '$binary': {
        const b = o.$binary;
        if (keys.length === 1 && b && typeof b === 'object') return Buffer.from(String((b as Doc).base64 ?? ''), 'base64');
        if (keys.length === 2 && typeof b === 'string' && '$type' in o) return Buffer.from(b, 'base64');
        break;
      }
      case '$tcb_server_date': {
        // the SDK sends the offset as an EJSON number ({"$numberInt":"60000"}; $numberLong for a year)
        const s = o.$tcb_server_date as { offset?: unknown } | undefined;
        const raw = s?.offset;
        const offset = raw !== null && typeof raw === 'object' ? Number(Object.values(raw as Doc)[0]) : Number(raw);
        if (keys.length === 1) return new Date(now + (Number.isFinite(offset) ? offset : 0));
        break;
      }
      case '$undefined':
        if (keys.length === 1) return undefined;
        break;
      case '$symbol':
        if (keys.length === 1) return String(o.$symbol);
        break;
      case '$minKey':
      case '$maxKey':
      case '$timestamp':
      case '$dbPointer':
      case '$code':
        if (keys.length <= 2) throw new UnsupportedEJSON(`EJSON ${k0} values`);
        break;
      default:
        break;
    }
  }
  for (const k of keys) {
    const r = reviveEJSON(o[k], now);
    if (r === undefined) delete o[k];
    else o[k] = r;
  }
  return o;
}

export class EJSONError extends Error {
  readonly unsupported: boolean;
  constructor(message: string, unsupported: boolean) {
    super(message);
    this.unsupported = unsupported;
  }
}

/** Parses an EJSON string (or an already-parsed value) into JS values. `$tcb_server_date` becomes the server's now. */
export function decodeEJSON(input: unknown, now = Date.now()): unknown {
  let v = input;
  if (typeof input === 'string') {
    try {
      v = JSON.parse(input);
    } catch (e) {
      throw new EJSONError(`invalid EJSON: ${(e as Error).message}`, false);
    }
  }
  try {
    return reviveEJSON(v, now);
  } catch (e) {
    if (e instanceof UnsupportedEJSON) throw new EJSONError(e.message, true);
    throw e;
  }
}

/** Writes a JS value as Extended JSON (numbers relaxed, Dates/RegExps/Buffers canonical). */
export function encodeEJSON(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      if (Number.isFinite(v)) return Object.is(v, -0) ? '0' : String(v);
      return `{"$numberDouble":"${Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity'}"}`;
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return `{"$numberLong":"${v.toString()}"}`;
    case 'object': {
      if (Array.isArray(v)) {
        let s = '[';
        for (let i = 0; i < v.length; i++) {
          if (i) s += ',';
          s += encodeEJSON(v[i]);
        }
        return s + ']';
      }
      if (v instanceof Date) {
        const t = v.getTime();
        return Number.isNaN(t) ? 'null' : `{"$date":{"$numberLong":"${t}"}}`;
      }
      if (v instanceof RegExp) return `{"$regularExpression":{"pattern":${JSON.stringify(v.source)},"options":"${jsFlagsToMongo(v.flags)}"}}`;
      if (Buffer.isBuffer(v) || v instanceof Uint8Array) return `{"$binary":{"base64":"${Buffer.from(v as Uint8Array).toString('base64')}","subType":"00"}}`;
      let s = '{';
      let first = true;
      for (const k of Object.keys(v as Doc)) {
        const val = (v as Doc)[k];
        if (val === undefined || typeof val === 'function') continue;
        if (!first) s += ',';
        first = false;
        s += JSON.stringify(k) + ':' + encodeEJSON(val);
      }
      return s + '}';
    }
    default:
      return 'null';
  }
}

// ---------------------------------------------------------------------------------------------------------
// Stored form

function padDate(ms: number): string {
  return String(ms + DATE_OFFSET).padStart(17, '0');
}

export function dateKey(d: Date): string {
  return DATE_PREFIX + padDate(d.getTime());
}

function storeString(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v.length && v.charCodeAt(0) <= 1 ? '\u0001S' + v : v);
    case 'number':
      if (Number.isFinite(v)) return Object.is(v, -0) ? '0' : String(v);
      return JSON.stringify('\u0001F' + String(v));
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return String(Number(v));
    case 'object': {
      if (Array.isArray(v)) {
        let s = '[';
        for (let i = 0; i < v.length; i++) {
          if (i) s += ',';
          s += storeString(v[i]);
        }
        return s + ']';
      }
      if (v instanceof Date) {
        const t = v.getTime();
        return Number.isNaN(t) ? 'null' : JSON.stringify(DATE_PREFIX + padDate(t));
      }
      if (v instanceof RegExp) return JSON.stringify('\u0001R' + JSON.stringify([v.source, jsFlagsToMongo(v.flags)]));
      if (Buffer.isBuffer(v) || v instanceof Uint8Array) return JSON.stringify('\u0001B' + Buffer.from(v as Uint8Array).toString('base64'));
      let s = '{';
      let first = true;
      for (const k of Object.keys(v as Doc)) {
        const val = (v as Doc)[k];
        if (val === undefined || typeof val === 'function') continue;
        if (!first) s += ',';
        first = false;
        s += JSON.stringify(k) + ':' + storeString(val);
      }
      return s + '}';
    }
    default:
      return 'null';
  }
}

export function storeStringify(doc: unknown): string {
  return storeString(doc);
}

function reviveTagged(s: string): unknown {
  switch (s.charAt(1)) {
    case 'D':
      return new Date(Number(s.slice(2)) - DATE_OFFSET);
    case 'S':
      return s.slice(2);
    case 'R': {
      const [src, flags] = JSON.parse(s.slice(2)) as [string, string];
      return new RegExp(src, mongoFlagsToJs(flags));
    }
    case 'B':
      return Buffer.from(s.slice(2), 'base64');
    case 'F':
      return parseNumberString(s.slice(2));
    default:
      return s;
  }
}

function reviveStored(v: unknown): unknown {
  if (typeof v === 'string') return v.charCodeAt(0) === 1 ? reviveTagged(v) : v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = reviveStored(v[i]);
    return v;
  }
  if (v !== null && typeof v === 'object') {
    const o = v as Doc;
    for (const k of Object.keys(o)) o[k] = reviveStored(o[k]);
  }
  return v;
}

export function storeParse(text: string): Doc {
  const v = JSON.parse(text) as Doc;
  return text.includes('\\u0001') ? (reviveStored(v) as Doc) : v;
}

// ---------------------------------------------------------------------------------------------------------
// SQL keys

/** What the index expression evaluates to for this scalar, or undefined when the value is not a scalar key. */
export function sqlKey(v: unknown): string | number | undefined {
  if (v === null || v === undefined) return NULL_KEY;
  switch (typeof v) {
    case 'string':
      return v.length && v.charCodeAt(0) <= 1 ? '\u0001S' + v : v;
    case 'number':
      return Number.isFinite(v) ? v : undefined;
    case 'boolean':
      return v ? 1 : 0;
    default:
      if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : dateKey(v);
      return undefined;
  }
}

/** The `id` column value for an `_id`. Strings are kept as they are; other types are tagged. */
export function idKey(id: unknown): string {
  if (typeof id === 'string') return id.length && id.charCodeAt(0) <= 1 ? '\u0001S' + id : id;
  if (typeof id === 'number') return '\u0001#' + String(id);
  return '\u0001J' + storeStringify(id);
}
