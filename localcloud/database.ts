/**
 * The SDK's `database.*` actions: decodes the request the SDK sends (EJSON strings for query, data, order,
 * projection and stages), runs it on the store and answers in the shape the SDK reads.
 */
import { decodeEJSON, EJSONError, encodeEJSON, isPlainObject, type Doc } from './codec';
import { CloudError, invalid, unsupported } from './errors';
import type { LocalStore, Target } from './store';

type Params = Record<string, unknown>;
type Reply = Record<string, unknown>;

function decode(value: unknown, what: string): unknown {
  try {
    return decodeEJSON(value);
  } catch (e) {
    if (e instanceof EJSONError) throw e.unsupported ? unsupported(e.message) : invalid(`[InvalidParameter] ${what}: ${e.message}`);
    throw e;
  }
}

function decodeObject(value: unknown, what: string): Doc {
  if (value === undefined || value === null || value === '') return {};
  const v = decode(value, what);
  if (!isPlainObject(v)) throw invalid(`[InvalidParameter] ${what} must be an object`);
  return v;
}

function decodeOrder(value: unknown): Record<string, 1 | -1> | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const v = decode(value, 'order');
  const out: Record<string, 1 | -1> = {};
  if (Array.isArray(v)) {
    // older SDKs send [{ field, direction }]
    for (const item of v) {
      if (!isPlainObject(item) || typeof item.field !== 'string') throw invalid('[InvalidParameter] order');
      out[item.field] = item.direction === 'desc' || item.direction === -1 ? -1 : 1;
    }
    return out;
  }
  if (!isPlainObject(v)) throw invalid('[InvalidParameter] order must be an object');
  for (const [k, d] of Object.entries(v)) out[k] = d === -1 || d === 'desc' ? -1 : 1;
  return out;
}

function target(p: Params): Target {
  const query = decodeObject(p.query, 'query');
  if (p.queryType === 'DOC') {
    if (!('_id' in query)) throw invalid('[InvalidParameter] a document operation needs _id');
    return { id: query._id };
  }
  return { query };
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : undefined;
}

function list(docs: Doc[]): Reply {
  return { data: { list: docs.map((d) => encodeEJSON(d)) } };
}

function dataArray(p: Params): unknown[] {
  const raw = p.data;
  const items = Array.isArray(raw) ? raw : [raw];
  return items.map((item) => decode(item, 'data'));
}

/** Actions that write: they go through the store's group commit and are acknowledged once durable. */
const WRITES = new Set(['database.addCollection', 'database.insertDocument', 'database.modifyDocument', 'database.modifyAndReturnDoc', 'database.removeDocument', 'database.commitTransaction']);

export function databaseAction(store: LocalStore, action: string, p: Params): Reply | Promise<Reply> {
  // writes inside a transaction stay in memory until commit: they need no fsync
  if (WRITES.has(action) && (!p.transactionId || action === 'database.commitTransaction')) return store.write(() => runAction(store, action, p));
  return runAction(store, action, p);
}

/** The older transaction API always names a transaction; a missing id is an unknown transaction, never committed data. */
function requireTxn(txn: unknown): unknown {
  return txn || '(none)';
}

function runAction(store: LocalStore, action: string, p: Params): Reply {
  const coll = p.collectionName as string;
  const txn = p.transactionId as string | undefined;
  switch (action) {
    case 'database.addCollection':
      store.createCollection(coll);
      return {};

    case 'database.getDocument': {
      const t = target(p);
      const projection = p.projection ? decodeObject(p.projection, 'projection') : undefined;
      if ('id' in t) return list(store.findById(coll, t.id, projection, txn));
      const options = { order: decodeOrder(p.order), skip: num(p.offset), limit: num(p.limit), projection };
      return list(store.find(coll, t.query, options, txn));
    }

    case 'database.calculateDocument': {
      const t = target(p);
      if ('id' in t) return { data: { total: store.findById(coll, t.id).length } };
      return { data: { total: store.count(coll, t.query) } };
    }

    case 'database.insertDocument': {
      const docs = dataArray(p);
      const ids = store.insert(coll, docs, txn);
      return { data: { insertedIds: ids } };
    }

    case 'database.modifyDocument': {
      const t = target(p);
      const spec = decodeObject(p.data, 'data');
      const options = { multi: p.multi === true || p.multi === 'true', upsert: p.upsert === true || p.upsert === 'true', replace: p.merge === false || p.merge === 'false' };
      if (!options.replace && !Object.keys(spec).length) throw invalid('[InvalidParameter] update data must not be empty');
      const r = store.update(coll, t, spec, options, txn);
      const data: Reply = { updated: r.updated, matched: r.matched };
      if (r.upsertedId !== undefined) data.upsert_id = r.upsertedId;
      return { data };
    }

    case 'database.modifyAndReturnDoc': {
      const t = target(p);
      const spec = decodeObject(p.data, 'data');
      const query = 'id' in t ? { _id: t.id } : t.query;
      const r = store.updateAndReturn(coll, query, spec, txn);
      return { data: { updated: r.updated, doc: r.doc ? encodeEJSON(r.doc) : null } };
    }

    case 'database.removeDocument': {
      const t = target(p);
      const multi = 'id' in t ? false : p.multi !== false && p.multi !== 'false';
      const deleted = store.remove(coll, t, multi, txn);
      return { data: { deleted } };
    }

    case 'database.aggregateDocuments': {
      const stages = p.stages;
      if (!Array.isArray(stages)) throw invalid('[InvalidParameter] stages must be an array');
      const pipeline = stages.map((s) => {
        if (!isPlainObject(s) || typeof s.stageKey !== 'string') throw invalid('[InvalidParameter] malformed aggregation stage');
        const key = s.stageKey.startsWith('$') ? s.stageKey : `$${s.stageKey}`;
        return { [key]: decode(s.stageValue, `stage ${key}`) } as Doc;
      });
      return list(store.aggregate(coll, pipeline));
    }

    case 'database.startTransaction':
      return { transactionId: store.startTransaction() };

    case 'database.commitTransaction':
      store.commitTransaction(txn);
      return {};

    case 'database.abortTransaction':
      store.abortTransaction(txn);
      return {};

    // The transaction API of older SDKs (Transaction.get/set/update/delete in @cloudbase/database's transaction.ts).
    case 'database.getInTransaction': {
      const [doc] = store.findById(coll, p._id, undefined, requireTxn(txn));
      return { data: encodeEJSON(doc ?? null) };
    }

    case 'database.updateDocInTransaction': {
      const spec = decodeObject(p.data, 'data');
      const replace = Object.keys(spec).every((k) => !k.startsWith('$'));
      const r = store.update(coll, { id: p._id }, spec, { multi: false, upsert: p.upsert === true, replace }, requireTxn(txn));
      const reply: Reply = { updated: encodeEJSON(r.updated) };
      if (r.upsertedId !== undefined) reply.upserted = JSON.stringify([{ _id: r.upsertedId }]);
      return reply;
    }

    case 'database.deleteDocInTransaction':
      return { deleted: encodeEJSON(store.remove(coll, { id: p._id }, false, requireTxn(txn))) };

    default:
      throw unsupported(`action ${action}`);
  }
}

export function isCloudError(e: unknown): e is CloudError {
  return e instanceof CloudError;
}
