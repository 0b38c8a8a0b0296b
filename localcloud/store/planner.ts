/**
 * The query planner: the top-level equality, `$in` and range conditions that SQL can express are pushed down
 * as `ifnull(json_extract(doc, path), '\u0001N')` comparisons (the expression the declared indexes are
 * built on), so SQLite uses those indexes. A condition is pushed down only when it cannot drop a matching
 * document: never for a path where any write ever stored an array (MongoDB equality on an array field
 * matches its elements). mingo then re-checks every candidate, so SQL only narrows, it never decides.
 */
import { DATE_PREFIX, DATE_UPPER, type Doc, idKey, isPlainObject, sqlKey, storeParse } from '../codec';
import type { CollState } from './catalog';
import { compileQuery, matches } from './evaluate';
import { type Row, type Sql, jsonPath, keyExpr, quoteIdent } from './sql';

function pushable(c: CollState, field: string): boolean {
  let prefix = '';
  for (const s of field.split('.')) {
    prefix = prefix ? `${prefix}.${s}` : s;
    if (c.arrayPaths.has(prefix)) return false;
  }
  return true;
}

/** SQL conditions that every matching document satisfies (a superset filter). */
export function plan(c: CollState, query: Doc): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const conjuncts: [string, unknown][] = [];
  const collect = (q: Doc) => {
    for (const k of Object.keys(q)) {
      const v = q[k];
      if (k === '$and' && Array.isArray(v)) {
        for (const sub of v) if (isPlainObject(sub)) collect(sub);
      } else if (k.charCodeAt(0) !== 36) conjuncts.push([k, v]);
    }
  };
  collect(query);
  for (const [field, cond] of conjuncts) {
    const isId = field === '_id';
    if (!isId && !pushable(c, field)) continue;
    const expr = isId ? 'id' : keyExpr(field);
    if (!expr) continue;
    const keyOf = isId ? (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? idKey(v) : undefined) : sqlKey;
    const eq = (v: unknown) => {
      const k = keyOf(v);
      if (k === undefined) return;
      clauses.push(`${expr} = ?`);
      params.push(k);
    };
    const range = (op: string, v: unknown) => {
      const sqlOp = op === '$gt' ? '>' : op === '$gte' ? '>=' : op === '$lt' ? '<' : '<=';
      const lower = op === '$gt' || op === '$gte';
      if (typeof v === 'number' && Number.isFinite(v)) {
        if (isId) return;
        clauses.push(lower ? `${expr} ${sqlOp} ? AND ${expr} < ''` : `${expr} ${sqlOp} ?`);
        params.push(v);
      } else if (typeof v === 'string' && !(v.length && v.charCodeAt(0) <= 1)) {
        clauses.push(lower ? `${expr} ${sqlOp} ?` : `${expr} ${sqlOp} ? AND ${expr} >= ''`);
        params.push(v);
      } else if (v instanceof Date && !isId && !Number.isNaN(v.getTime())) {
        clauses.push(lower ? `${expr} ${sqlOp} ? AND ${expr} < ?` : `${expr} ${sqlOp} ? AND ${expr} >= ?`);
        params.push(sqlKey(v), lower ? DATE_UPPER : DATE_PREFIX);
      }
    };
    if (isPlainObject(cond) && Object.keys(cond).length && Object.keys(cond).every((k) => k.charCodeAt(0) === 36)) {
      for (const op of Object.keys(cond)) {
        const v = cond[op];
        if (op === '$eq') {
          if (!Array.isArray(v) && !isPlainObject(v)) eq(v);
        } else if (op === '$gt' || op === '$gte' || op === '$lt' || op === '$lte') range(op, v);
        else if (op === '$in' && Array.isArray(v) && v.length > 0 && v.length <= 500) {
          const keys = v.map((x) => (Array.isArray(x) || isPlainObject(x) ? undefined : keyOf(x)));
          if (keys.every((k) => k !== undefined)) {
            clauses.push(`${expr} IN (${keys.map(() => '?').join(',')})`);
            params.push(...keys);
          }
        }
      }
    } else if (!Array.isArray(cond) && !isPlainObject(cond) && !(cond instanceof RegExp)) eq(cond);
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/**
 * ORDER BY terms that sort like MongoDB: first the BSON type order (null/missing < numbers < strings <
 * objects < arrays < binary < booleans < dates < regexps), then the value, then insertion order.
 * Only for fields that never held an array (MongoDB sorts an array by its smallest/largest element).
 */
export function orderTerms(c: CollState, order: Record<string, 1 | -1>): string | undefined {
  const terms: string[] = [];
  for (const [field, dir] of Object.entries(order)) {
    const p = jsonPath(field);
    if (!p || !pushable(c, field)) return undefined;
    const v = `json_extract(doc,${p})`;
    const rank =
      `(CASE json_type(doc,${p}) WHEN 'integer' THEN 2 WHEN 'real' THEN 2 WHEN 'object' THEN 4 WHEN 'array' THEN 5 WHEN 'true' THEN 8 WHEN 'false' THEN 8 ` +
      `WHEN 'text' THEN (CASE WHEN substr(${v},1,1) <> char(1) THEN 3 ELSE (CASE substr(${v},2,1) WHEN 'D' THEN 9 WHEN 'S' THEN 3 WHEN 'F' THEN 2 WHEN 'B' THEN 6 WHEN 'R' THEN 11 ELSE 3 END) END) ` +
      `ELSE 1 END)`;
    const d = dir === -1 ? 'DESC' : 'ASC';
    terms.push(`${rank} ${d}`, `${v} ${d}`);
  }
  terms.push('rid ASC');
  return terms.join(', ');
}

/**
 * How a candidate row is re-checked. A query made only of top-level equalities with a string or a finite number
 * (`where({ openId })`, `doc(id)` lookups, most reads an app makes) on fields that never held an array is
 * decided by `===` on each field: exactly MongoDB's equality for those values (no array element matching can
 * apply, as `pushable` guarantees), without building a mingo query per request. Anything else goes to mingo.
 */
export function compileMatcher(c: CollState, query: Doc): (doc: Doc) => boolean {
  const fields = Object.keys(query);
  const simple =
    fields.length > 0 &&
    fields.length <= 8 &&
    fields.every((f) => {
      const v = query[f];
      return f.charCodeAt(0) !== 36 && !f.includes('.') && (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) && (f === '_id' || pushable(c, f));
    });
  if (simple) return (doc) => fields.every((f) => doc[f] === query[f]);
  const q = compileQuery(query);
  return (doc) => matches(q, doc);
}

/** The rows SQL narrows a query to, in insertion order. */
export function* candidates(sql: Sql, c: CollState, query: Doc): Generator<Row> {
  const { where, params } = plan(c, query);
  yield* sql.stmt(`SELECT rid, id, seq, doc FROM ${quoteIdent(c.table)} ${where} ORDER BY rid`).iterate(...params) as IterableIterator<Row>;
}

/** Committed documents matching `query`, in insertion order, stopping after `stopAfter`. */
export function matchingRows(sql: Sql, c: CollState, query: Doc, stopAfter = Infinity): { row: Row; doc: Doc }[] {
  const test = compileMatcher(c, query);
  const out: { row: Row; doc: Doc }[] = [];
  if (stopAfter <= 0) return out;
  for (const row of candidates(sql, c, query)) {
    const doc = storeParse(row.doc);
    if (test(doc)) {
      out.push({ row, doc });
      if (out.length >= stopAfter) break;
    }
  }
  return out;
}
