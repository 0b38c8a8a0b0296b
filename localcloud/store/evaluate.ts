/** mingo, the evaluator of every query, sort, projection and pipeline, with the cloud's error codes around it. */
import { Aggregator } from 'mingo/aggregator';
import { Query } from 'mingo/query';
import { Context, evalExpr } from 'mingo/core';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import type { Options } from 'mingo/types';
import { fromEvaluationError, unsupported } from '../errors';
import { type Doc, isPlainObject } from '../codec';

/**
 * `$indexOfCP` (mingo has none): the index, in code points, of the first occurrence of a substring at or after
 * code point `start` and before `end`, or -1; null when the string is null or missing (MongoDB's definition,
 * which CloudBase follows). An emoji or a CJK extension character before the match counts as one.
 */
function indexOfCP(obj: unknown, expr: unknown, options: Options): number | null {
  if (!Array.isArray(expr) || expr.length < 2 || expr.length > 4) throw new Error('$indexOfCP expects an array of 2 to 4 arguments');
  const [s, sub, start = 0, end] = evalExpr(obj, expr, options) as unknown[];
  if (s === null || s === undefined) return null;
  if (typeof s !== 'string') throw new Error('$indexOfCP requires a string as its first argument');
  if (typeof sub !== 'string') throw new Error('$indexOfCP requires a string as its second argument');
  const points = [...s];
  const isIndex = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  if (!isIndex(start)) throw new Error('$indexOfCP requires a non-negative integer start');
  if (end !== undefined && !isIndex(end)) throw new Error('$indexOfCP requires a non-negative integer end');
  const stop = Math.min(end ?? points.length, points.length);
  if (start > stop) return -1;
  const window = points.slice(start, stop).join('');
  const unit = window.indexOf(sub);
  return unit < 0 ? -1 : start + [...window.slice(0, unit)].length;
}

/**
 * mingo's operators and the local cloud's, in one context built once. (mingo's default entry point merges a
 * caller's context into its own on every Query it builds, which cost more than the lookup it serves.)
 */
const OPERATORS = Context.init({
  accumulator: accumulatorOperators,
  expression: { ...expressionOperators, $indexOfCP: indexOfCP },
  pipeline: pipelineOperators,
  projection: projectionOperators,
  query: queryOperators,
  window: windowOperators,
} as unknown as Parameters<typeof Context.init>[0]);

export const MINGO_OPTIONS = { idKey: '_id', useStrictMode: true, scriptEnabled: false, context: OPERATORS } as const;
export const UNSUPPORTED_QUERY_OPERATORS = ['$near', '$nearSphere', '$geoWithin', '$geoIntersects', '$text', '$where', '$jsonSchema'];
export const UNSUPPORTED_PIPELINE_OPERATORS = ['$geoNear', ...UNSUPPORTED_QUERY_OPERATORS, '$out', '$merge', '$function', '$accumulator'];

export function containsOperator(v: unknown, ops: string[]): string | undefined {
  if (Array.isArray(v)) {
    for (const el of v) {
      const r = containsOperator(el, ops);
      if (r) return r;
    }
  } else if (isPlainObject(v)) {
    for (const k of Object.keys(v)) {
      if (ops.includes(k)) return k;
      const r = containsOperator(v[k], ops);
      if (r) return r;
    }
  }
  return undefined;
}

const isOperatorKey = (k: string) => k.charCodeAt(0) === 36;

/**
 * Where mingo differs from CloudBase (MongoDB), the query or expression is rewritten into one mingo gets
 * right, in the same language:
 * - `$elemMatch` with field conditions matches only array elements that are documents (mingo also tests
 *   plain values, so `[1, 2, 3]` matched and `_.exists(true)` inside matched every array);
 * - `$week`: weeks start on Sunday, days before the year's first Sunday are week 0 (mingo's is one too high
 *   on most dates): floor((dayOfYear - dayOfWeek + 7) / 7) with both 1-based;
 * - `$substr` / `$substrBytes` with a negative length mean "to the end of the string".
 * (`$indexOfCP`, which mingo lacks, is added as an operator of its own above.)
 */
export function rewriteForMingo(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(rewriteForMingo);
  if (!isPlainObject(v)) return v;
  const keys = Object.keys(v);
  if (keys.length === 1) {
    const op = keys[0]!;
    const arg = rewriteForMingo(v[op]);
    if (op === '$week') {
      return { $floor: { $divide: [{ $add: [{ $subtract: [{ $dayOfYear: arg }, { $dayOfWeek: arg }] }, 7] }, 7] } };
    }
    if ((op === '$substr' || op === '$substrBytes') && Array.isArray(arg) && arg.length === 3) {
      const [s, i, n] = arg as unknown[];
      const toEnd = { $max: [0, { $subtract: [{ $strLenBytes: { $ifNull: ['$$lcS', ''] } }, '$$lcI'] }] };
      return { $let: { vars: { lcS: s, lcI: i, lcN: n }, in: { $substrBytes: ['$$lcS', '$$lcI', { $cond: [{ $lt: ['$$lcN', 0] }, toEnd, '$$lcN'] }] } } };
    }
  }
  const out: Doc = {};
  for (const k of keys) {
    const child = v[k];
    if (k === '$elemMatch' && isPlainObject(child) && Object.keys(child).some((c) => !isOperatorKey(c))) {
      out[k] = { $and: [{ $expr: { $eq: [{ $type: '$$ROOT' }, 'object'] } }, rewriteForMingo(child)] };
    } else out[k] = rewriteForMingo(child);
  }
  return out;
}

export function compileQuery(query: Doc): Query | null {
  if (Object.keys(query).length === 0) return null;
  const bad = containsOperator(query, UNSUPPORTED_QUERY_OPERATORS);
  if (bad) throw unsupported(`query operator ${bad}`);
  try {
    return new Query(rewriteForMingo(query) as Doc, MINGO_OPTIONS);
  } catch (e) {
    throw fromEvaluationError(e);
  }
}

export function matches(q: Query | null, doc: Doc): boolean {
  if (!q) return true;
  try {
    return q.test(doc);
  } catch (e) {
    throw fromEvaluationError(e);
  }
}

export function sortDocs<T extends { doc: Doc }>(items: T[], order: Record<string, 1 | -1>): T[] {
  if (!Object.keys(order).length) return items;
  try {
    // mingo's $sort is stable, and `items` arrive in insertion order, which breaks ties deterministically.
    const wrapped = items.map((it, i) => ({ ...it.doc, __lc_i: i }));
    const sorted = new Aggregator([{ $sort: order }], MINGO_OPTIONS).run(wrapped) as Array<{ __lc_i: number }>;
    return sorted.map((d) => items[d.__lc_i]!);
  } catch (e) {
    throw fromEvaluationError(e);
  }
}

export function project(docs: Doc[], projection: Doc | undefined): Doc[] {
  if (!projection || !Object.keys(projection).length) return docs;
  try {
    return new Query({}, MINGO_OPTIONS).find<Doc>(docs, projection).all();
  } catch (e) {
    throw fromEvaluationError(e);
  }
}

/**
 * $bucket as the $group it is defined to be. mingo's own $bucket puts a value equal to an inner boundary
 * in the bucket below it and emits empty buckets; MongoDB (and the cloud) do neither.
 */
function rewriteBucket(stage: Doc): Doc[] {
  const spec = stage.$bucket;
  if (!isPlainObject(spec) || !Array.isArray(spec.boundaries) || spec.boundaries.length < 2) return [stage];
  const bounds = spec.boundaries as unknown[];
  const by = spec.groupBy;
  const branches = bounds.slice(0, -1).map((lower, i) => ({ case: { $and: [{ $gte: [by, lower] }, { $lt: [by, bounds[i + 1]] }] }, then: lower }));
  const $switch: Doc = { branches };
  if (spec.default !== undefined) $switch.default = spec.default;
  const output = isPlainObject(spec.output) ? spec.output : { count: { $sum: 1 } };
  const order = { $indexOfArray: [{ $literal: bounds }, '$_id'] };
  return [
    { $group: { _id: { $switch }, ...output } },
    { $addFields: { __lc_order: { $cond: [{ $eq: [order, -1] }, bounds.length, order] } } },
    { $sort: { __lc_order: 1 } },
    { $project: { __lc_order: 0 } },
  ];
}

/** $sample without replacement (mingo's draws with replacement and can repeat a document). */
function rewriteSample(stage: Doc): Doc[] {
  const spec = stage.$sample;
  if (!isPlainObject(spec) || typeof spec.size !== 'number' || spec.size < 0) return [stage];
  return [{ $addFields: { __lc_r: { $rand: {} } } }, { $sort: { __lc_r: 1 } }, { $limit: Math.floor(spec.size) }, { $project: { __lc_r: 0 } }];
}

function rewriteStage(stage: Doc): Doc[] {
  if (!isPlainObject(stage)) return [stage];
  if ('$bucket' in stage) return rewriteBucket(stage);
  if ('$sample' in stage) return rewriteSample(stage);
  return [stage];
}

/** Runs a pipeline over `source`; `lookup` resolves the collections $lookup reads. */
export function runPipeline(pipeline: Doc[], source: Doc[], lookup: (name: string) => Doc[]): Doc[] {
  const bad = containsOperator(pipeline, UNSUPPORTED_PIPELINE_OPERATORS);
  if (bad) throw unsupported(`aggregation operator ${bad}`);
  try {
    return new Aggregator((rewriteForMingo(pipeline) as Doc[]).flatMap(rewriteStage), { ...MINGO_OPTIONS, collectionResolver: lookup }).run(source) as Doc[];
  } catch (e) {
    throw fromEvaluationError(e);
  }
}
