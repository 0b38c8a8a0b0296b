/** Building documents: generated ids, new documents, replacements, upsert bases and update operators. */
import { randomBytes } from 'node:crypto';
import { update as mingoUpdate } from 'mingo';
import { CloudError, fromEvaluationError, invalid } from '../errors';
import { type Doc, isPlainObject, sqlKey, storeParse, storeStringify } from '../codec';

export type Target = { id: unknown } | { query: Doc };

export interface UpdateOptions {
  multi: boolean;
  upsert: boolean;
  /** true: `spec` is a whole replacement document (doc.set); false: update operators. */
  replace: boolean;
}

const UPDATE_OPERATORS = new Set(['$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$push', '$pull', '$pullAll', '$addToSet', '$pop', '$currentDate', '$bit']);

let idCounter = randomBytes(3).readUIntBE(0, 3);
/** A 32-hex-digit `_id` like the ones CloudBase generates: seconds, random, counter. */
export function generateId(): string {
  idCounter = (idCounter + 1) % 0xffffff;
  return Math.floor(Date.now() / 1000).toString(16).padStart(8, '0') + randomBytes(9).toString('hex') + idCounter.toString(16).padStart(6, '0');
}

export function getPath(doc: unknown, segments: string[]): { value: unknown; throughArray: boolean } {
  let cur: unknown = doc;
  for (const s of segments) {
    if (Array.isArray(cur)) return { value: undefined, throughArray: true };
    if (!isPlainObject(cur)) return { value: undefined, throughArray: false };
    cur = cur[s];
  }
  return { value: cur, throughArray: false };
}

/** The JS twin of keyExpr for one document (used for unique checks inside transactions). */
export function jsIndexKey(doc: Doc, field: string): string | number {
  const { value } = getPath(doc, field.split('.'));
  const k = sqlKey(value);
  if (k !== undefined) return k;
  if (value instanceof RegExp || Buffer.isBuffer(value)) return JSON.parse(storeStringify(value)) as string;
  return storeStringify(value);
}

export function describeKey(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** A document about to be inserted: `_id` checked or generated (and first), no `$` field names. */
export function prepareNewDoc(raw: unknown): Doc {
  if (!isPlainObject(raw)) throw invalid('document must be an object');
  const doc: Doc = { ...raw };
  if (doc._id === undefined || doc._id === null) doc._id = generateId();
  else if (typeof doc._id !== 'string' && typeof doc._id !== 'number') throw invalid('_id must be a string or a number');
  for (const k of Object.keys(doc)) if (k.startsWith('$')) throw new CloudError('DATABASE_REQUEST_FAILED', `[FailedOperation] field name ${k} cannot start with $`);
  const ordered: Doc = { _id: doc._id };
  for (const k of Object.keys(doc)) if (k !== '_id') ordered[k] = doc[k];
  return ordered;
}

/** doc.set: the whole new document, keeping the existing `_id`. */
export function replacement(existingId: unknown, spec: Doc): Doc {
  for (const k of Object.keys(spec)) if (k.startsWith('$')) throw invalid(`[InvalidParameter] a replacement document cannot contain operators (${k})`);
  const { _id: _ignored, ...rest } = spec;
  return { _id: existingId, ...rest };
}

/** Builds the document an upsert inserts: the query's equality fields, then the update. */
export function upsertBase(target: Target): Doc {
  if ('id' in target) return { _id: target.id };
  const base: Doc = {};
  for (const [k, v] of Object.entries(target.query)) {
    if (k.startsWith('$')) continue;
    if (isPlainObject(v) && Object.keys(v).some((x) => x.startsWith('$'))) {
      if ('$eq' in v) base[k] = v.$eq;
      continue;
    }
    base[k] = v;
  }
  return base;
}

/** Applies `spec` (update operators) to a copy of `doc`; returns the new document. */
export function applyOperators(doc: Doc, spec: Doc): Doc {
  const ops = Object.keys(spec);
  if (!ops.length) throw invalid('update must not be empty');
  const modifier: Doc = {};
  for (const op of ops) {
    if (!op.startsWith('$')) {
      // a plain field in an update means $set (the SDK always sends operators; raw requests may not)
      modifier.$set = { ...(modifier.$set as Doc | undefined), [op]: spec[op] };
      continue;
    }
    if (!UPDATE_OPERATORS.has(op)) throw invalid(`[InvalidParameter] unknown update operator ${op}`);
    if (!isPlainObject(spec[op])) throw invalid(`[InvalidParameter] ${op} needs an object`);
    modifier[op] = op === '$set' ? { ...(modifier.$set as Doc | undefined), ...(spec[op] as Doc) } : spec[op];
  }
  const next = storeParse(storeStringify(doc));
  const prefill: Doc = {};
  for (const op of Object.keys(modifier)) {
    for (const field of Object.keys(modifier[op] as Doc)) {
      if (field === '_id' || field.startsWith('_id.')) throw invalid('[InvalidParameter] cannot update _id');
      const segs = field.split('.');
      const { value, throughArray } = getPath(next, segs);
      if (throughArray || segs.some((s) => s.startsWith('$'))) continue;
      const operand = (modifier[op] as Doc)[field];
      if ((op === '$inc' || op === '$mul') && typeof operand !== 'number') throw invalid(`[InvalidParameter] ${op} needs a number for ${field}`);
      if ((op === '$inc' || op === '$mul') && value !== undefined && value !== null && typeof value !== 'number') {
        throw invalid(`[InvalidParameter] Cannot apply ${op} to a value of non-numeric type: ${field}`);
      }
      if (['$push', '$addToSet', '$pull', '$pullAll', '$pop'].includes(op) && value !== undefined && !Array.isArray(value)) {
        throw invalid(`[InvalidParameter] The field '${field}' must be an array to use ${op}`);
      }
      if ((op === '$push' || op === '$addToSet') && value === undefined) prefill[field] = [];
    }
  }
  try {
    if (Object.keys(prefill).length) mingoUpdate(next, { $set: prefill });
    mingoUpdate(next, modifier as never, [], undefined, { cloneMode: 'deep' });
  } catch (e) {
    throw fromEvaluationError(e);
  }
  return next;
}
