/**
 * Pushes content/ into a database: idempotent upsert by id. A changed item gets version + 1; an item
 * removed from content/ is archived, never deleted (old attempts keep their own snapshot of what they
 * answered). Campaign status, pinning and banner image belong to staff: sync sets them only when it creates a
 * campaign; a campaign sync archived (it left content/) gets its status back when it returns; a staff archive
 * stays. Campaigns made in the staff pages (source 'staff') are never touched.
 *
 * Standing campaigns are templates (`campaign_templates`); the campaigns synced are their editions, one per
 * year (cloudfunctions/shared/campaignEditions.ts): those content/ names by year, those already in the
 * database, and those due now. An edition staff edited (source 'staff') is left alone, like any campaign;
 * an edition whose window has ended is a record of what ran and is not rewritten either.
 */
import type { AdminDb } from '../scripts/shared/adminApp';
import { contentHash, type ContentDocs } from './toDocuments';
import { readAll } from '../cloudfunctions/shared/database';
import { dueYears, editionFields, editionIdOf, type CampaignTemplateDoc } from '../cloudfunctions/shared/campaignEditions';
import { isDuplicateWrite } from '../cloudfunctions/shared/errors';

export interface CollectionSummary {
  inserted: number;
  updated: number;
  unchanged: number;
  archived: number;
}
export type SyncSummary = Record<'laws' | 'lessons' | 'questions' | 'campaignTemplates' | 'campaigns' | 'town', CollectionSummary>;

interface Existing {
  _id: string;
  hash?: string;
  version?: number;
  archived?: boolean;
  status?: string;
  source?: string;
  pinned?: boolean;
  bannerImage?: string | null;
  /** Set when sync archived the campaign because it left content/ (a staff archive is never undone). */
  archivedBySync?: boolean;
  statusBeforeArchive?: string;
  /** Editions: the template and year, and the end of the window. */
  templateId?: string;
  year?: number;
  end?: string;
}

const EXISTING_FIELDS = { _id: true, hash: true, version: true, archived: true, status: true, source: true, pinned: true, bannerImage: true, archivedBySync: true, statusBeforeArchive: true, templateId: true, year: true, end: true };

const readExisting = (db: AdminDb, collection: string) => readAll<string, Existing>(db, collection, {}, EXISTING_FIELDS);

/** Staff-owned fields of a content campaign, carried over when sync replaces the document. */
function keptCampaignFields(before: Existing) {
  const status = before.archivedBySync ? (before.statusBeforeArchive ?? 'published') : (before.status ?? 'published');
  return { status, pinned: before.pinned ?? false, bannerImage: before.bannerImage ?? null, source: 'content', archivedBySync: false };
}

const SYNC_CONCURRENCY = 16;

async function syncCollection(
  db: AdminDb,
  collection: string,
  docs: Record<string, unknown>[],
  now: Date,
  kind: 'content' | 'campaign' | 'plain',
  known?: Existing[],
  /** Ids to leave exactly as they are (ended editions). */
  leave: Set<string> = new Set(),
): Promise<CollectionSummary> {
  const summary: CollectionSummary = { inserted: 0, updated: 0, unchanged: 0, archived: 0 };
  const existing = new Map((known ?? (await readExisting(db, collection))).map((e) => [e._id, e]));
  const coll = db.collection(collection);
  const updatedAt = now.toISOString();
  const one = async (doc: Record<string, unknown>) => {
    const { _id, ...fields } = doc as { _id: string } & Record<string, unknown>;
    const hash = contentHash(fields);
    const before = existing.get(_id);
    existing.delete(_id);
    if (!before) {
      const extra = kind === 'campaign' ? { status: 'published', pinned: false, source: 'content', bannerImage: null, archivedBySync: false } : kind === 'content' ? { archived: false } : {};
      try {
        await coll.add({ _id, ...fields, ...extra, hash, version: 1, updatedAt });
        summary.inserted++;
      } catch (error) {
        // The calendar's timer made the same edition a moment ago: it is there, from the same template.
        if (!isDuplicateWrite(error)) throw error;
        summary.unchanged++;
      }
      return;
    }
    if (leave.has(_id) || (kind === 'campaign' && before.source === 'staff')) {
      // A campaign made in the staff pages with the same id: staff own it, content/ does not overwrite it.
      summary.unchanged++;
      return;
    }
    const cameBack = (kind === 'content' && before.archived === true) || (kind === 'campaign' && before.archivedBySync === true);
    if (before.hash !== hash) {
      // Whole-document replace (nested objects must not keep stale keys); staff-owned fields carried over.
      const kept = kind === 'content' ? { archived: false } : kind === 'campaign' ? keptCampaignFields(before) : {};
      await coll.doc(_id).set({ ...fields, ...kept, hash, version: (before.version ?? 0) + 1, updatedAt });
      summary.updated++;
    } else if (cameBack) {
      // Back in content/ unchanged: un-archived, same version (what it says did not change).
      const restore = kind === 'content' ? { archived: false } : { status: keptCampaignFields(before).status, archivedBySync: false };
      await coll.doc(_id).update({ ...restore, updatedAt });
      summary.updated++;
    } else summary.unchanged++;
  };
  // A few writes in flight at once: the order of documents does not matter, each is written once.
  for (let i = 0; i < docs.length; i += SYNC_CONCURRENCY) await Promise.all(docs.slice(i, i + SYNC_CONCURRENCY).map(one));
  for (const gone of existing.values()) {
    if (kind === 'content' && !gone.archived) {
      await coll.doc(gone._id).update({ archived: true, updatedAt });
      summary.archived++;
    } else if (kind === 'campaign' && gone.source === 'content' && gone.status !== 'archived') {
      await coll.doc(gone._id).update({ status: 'archived', archivedBySync: true, statusBeforeArchive: gone.status ?? 'published', updatedAt });
      summary.archived++;
    }
  }
  return summary;
}

/**
 * The editions to sync: those content/ names, every edition of a template already in the database (so a
 * template change reaches the years made by the timer), and those due now. Ended editions are left as they are.
 */
async function syncEditions(db: AdminDb, docs: ContentDocs, now: Date): Promise<CollectionSummary> {
  const existing = await readExisting(db, 'campaigns');
  const templates = new Map<string, CampaignTemplateDoc>(docs.campaignTemplates.map((t) => [t._id, t]));
  const editions = new Map(docs.campaigns.map((c) => [String(c._id), c]));
  const add = (t: CampaignTemplateDoc, year: number) => {
    const id = editionIdOf(t, year);
    if (!editions.has(id)) editions.set(id, { _id: id, ...editionFields(t, year) });
  };
  const leave = new Set<string>();
  for (const e of existing) {
    const t = e.templateId ? templates.get(e.templateId) : undefined;
    if (!t || typeof e.year !== 'number') continue;
    if (e.end && Date.parse(e.end) < now.getTime()) leave.add(e._id);
    add(t, e.year);
  }
  for (const t of templates.values()) for (const year of dueYears(t, now)) add(t, year);
  const summary = await syncCollection(db, 'campaigns', [...editions.values()], now, 'campaign', existing, leave);
  // A campaign staff took over before it was an edition: it learns which template and year it is, nothing else.
  for (const e of existing) {
    const c = editions.get(e._id);
    if (e.source === 'staff' && !e.templateId && c) await db.collection('campaigns').doc(e._id).update({ templateId: c.templateId, year: c.year });
  }
  return summary;
}

export async function syncContent(db: AdminDb, docs: ContentDocs, now = new Date()): Promise<SyncSummary> {
  return {
    laws: await syncCollection(db, 'laws', docs.laws, now, 'plain'),
    lessons: await syncCollection(db, 'lessons', docs.lessons, now, 'content'),
    questions: await syncCollection(db, 'questions', docs.questions, now, 'content'),
    campaignTemplates: await syncCollection(db, 'campaign_templates', docs.campaignTemplates, now, 'content'),
    campaigns: await syncEditions(db, docs, now),
    town: await syncCollection(db, 'settings', docs.town ? [docs.town] : [], now, 'plain'),
  };
}

export function describeSync(s: SyncSummary): string {
  const names = { laws: '法律', lessons: '课程', questions: '题目', campaigns: '活动', campaignTemplates: '活动模板', town: '镇情' } as const;
  return (Object.keys(names) as (keyof SyncSummary)[])
    .map((k) => `${names[k]} 新增${s[k].inserted} 更新${s[k].updated} 未变${s[k].unchanged}${s[k].archived ? ` 归档${s[k].archived}` : ''}`)
    .join('；');
}
