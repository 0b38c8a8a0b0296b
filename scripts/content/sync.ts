/**
 * Pushes content/ into a database: idempotent upsert by id. A changed item gets version + 1; an item
 * removed from content/ is archived, never deleted (old attempts keep their own snapshot of what they
 * answered). Campaign status and pinning belong to staff: sync sets them only when it creates a campaign.
 */
import type { AdminDb } from '../shared/adminApp';
import { contentHash, type ContentDocs } from './toDocuments';

export interface CollectionSummary {
  inserted: number;
  updated: number;
  unchanged: number;
  archived: number;
}
export type SyncSummary = Record<'laws' | 'lessons' | 'questions' | 'campaigns' | 'town', CollectionSummary>;

interface Existing {
  _id: string;
  hash?: string;
  version?: number;
  archived?: boolean;
  status?: string;
  source?: string;
  pinned?: boolean;
}

async function readAll(db: AdminDb, collection: string): Promise<Existing[]> {
  const out: Existing[] = [];
  for (let skip = 0; ; skip += 1000) {
    const res = await db.collection(collection).field({ _id: true, hash: true, version: true, archived: true, status: true, source: true, pinned: true }).orderBy('_id', 'asc').skip(skip).limit(1000).get();
    out.push(...(res.data as Existing[]));
    if (res.data.length < 1000) return out;
  }
}

async function syncCollection(db: AdminDb, collection: string, docs: Record<string, unknown>[], now: Date, kind: 'content' | 'campaign' | 'plain'): Promise<CollectionSummary> {
  const summary: CollectionSummary = { inserted: 0, updated: 0, unchanged: 0, archived: 0 };
  const existing = new Map((await readAll(db, collection)).map((e) => [e._id, e]));
  const coll = db.collection(collection);
  for (const doc of docs) {
    const { _id, ...fields } = doc as { _id: string } & Record<string, unknown>;
    const hash = contentHash(fields);
    const before = existing.get(_id);
    existing.delete(_id);
    if (!before) {
      const extra = kind === 'campaign' ? { status: 'published', pinned: false, source: 'content' } : kind === 'content' ? { archived: false } : {};
      await coll.add({ _id, ...fields, ...extra, hash, version: 1, updatedAt: now.toISOString() });
      summary.inserted++;
    } else if (before.hash !== hash || (kind === 'content' && before.archived)) {
      // Whole-document replace (nested objects must not keep stale keys); staff-owned fields carried over.
      const kept =
        kind === 'content'
          ? { archived: false }
          : kind === 'campaign'
            ? { status: before.status === 'archived' ? 'published' : before.status ?? 'published', pinned: before.pinned ?? false, source: 'content' }
            : {};
      await coll.doc(_id).set({ ...fields, ...kept, hash, version: (before.version ?? 0) + 1, updatedAt: now.toISOString() });
      summary.updated++;
    } else summary.unchanged++;
  }
  for (const gone of existing.values()) {
    if (kind === 'content' && !gone.archived) {
      await coll.doc(gone._id).update({ archived: true, updatedAt: now.toISOString() });
      summary.archived++;
    } else if (kind === 'campaign' && gone.source === 'content' && gone.status !== 'archived') {
      await coll.doc(gone._id).update({ status: 'archived', updatedAt: now.toISOString() });
      summary.archived++;
    }
  }
  return summary;
}

export async function syncContent(db: AdminDb, docs: ContentDocs, now = new Date()): Promise<SyncSummary> {
  return {
    laws: await syncCollection(db, 'laws', docs.laws, now, 'plain'),
    lessons: await syncCollection(db, 'lessons', docs.lessons, now, 'content'),
    questions: await syncCollection(db, 'questions', docs.questions, now, 'content'),
    campaigns: await syncCollection(db, 'campaigns', docs.campaigns, now, 'campaign'),
    town: await syncCollection(db, 'settings', docs.town ? [docs.town] : [], now, 'plain'),
  };
}

export function describeSync(s: SyncSummary): string {
  const names = { laws: '法律', lessons: '课程', questions: '题目', campaigns: '活动', town: '镇情' } as const;
  return (Object.keys(names) as (keyof SyncSummary)[])
    .map((k) => `${names[k]} 新增${s[k].inserted} 更新${s[k].updated} 未变${s[k].unchanged}${s[k].archived ? ` 归档${s[k].archived}` : ''}`)
    .join('；');
}
