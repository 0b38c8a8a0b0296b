import type { LawGroup } from '@contracts/resident';

/**
 * 学法's filter: one law (or all) and words searched in titles and tags. Every word must match (一 彩礼 finds
 * lessons about 彩礼 that say 一), case and surrounding spaces ignored.
 */
export function filterLessons(groups: LawGroup[], law: string | null, query: string): LawGroup[] {
  const words = query.trim().toLowerCase().split(/[\s,，、]+/).filter(Boolean);
  return groups
    .filter((g) => !law || g.law === law)
    .map((g) => ({
      ...g,
      lessons: g.lessons.filter((l) => {
        const text = `${l.title} ${(l.tags ?? []).join(' ')}`.toLowerCase();
        return words.every((w) => text.includes(w));
      }),
    }))
    .filter((g) => g.lessons.length > 0);
}
