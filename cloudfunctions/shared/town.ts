/**
 * The town profile every function reads: the content profile (`settings/town`, written by content sync from
 * content/town.yaml) with what staff set in 镇情设置 (`town_settings/town`) laid over it. Staff values win; the
 * content keeps what staff left empty. Content sync never writes `town_settings`, so it never overwrites staff.
 */
import type { Db } from './handler';
import type { TownDoc, TownSettingsDoc } from './documents';
import { getDoc } from './database';
import { notFound } from './errors';

/** Merges staff settings over the content profile (pure; reports and tests call it directly). */
export function mergeTown(content: TownDoc | null, settings: TownSettingsDoc | null): TownDoc | null {
  if (!content) return null;
  if (!settings) return content;
  const set = new Map(settings.villages.map((v) => [v.id, v]));
  const contentVillage = new Map(content.villages.map((v) => [v.id, v]));
  const villages: TownDoc['villages'] = [
    // staff order first (renamed content villages and new ones), then content villages staff never listed
    ...settings.villages.map((v) => ({ id: v.id, name: v.name, placeholder: !!contentVillage.get(v.id)?.placeholder && contentVillage.get(v.id)?.name === v.name, population: v.population })),
    ...content.villages.filter((v) => !set.has(v.id)),
  ];
  const phones = settings.station.phones.filter(Boolean);
  const station = {
    ...content.station,
    address: settings.station.address || content.station.address,
    phone: phones.length ? phones.join('、') : content.station.phone,
    note: settings.station.hours ? `办公时间：${settings.station.hours}。${content.station.note ?? ''}` : content.station.note,
  };
  const hotlines = [...content.hotlines, ...phones.filter((p) => !content.hotlines.some((h) => h.number === p)).map((number) => ({ name: content.station.name, number }))];
  return { ...content, villages, station, hotlines, advisers: settings.advisers.length ? settings.advisers : content.advisers, bannerUnit: settings.bannerUnit || content.bannerUnit };
}

/** The unit 标语 are counted in when neither staff nor the content profile name one (the town's 2021 report's). */
export const DEFAULT_BANNER_UNIT = '副';

export async function loadTownSettings(db: Db): Promise<TownSettingsDoc | null> {
  return getDoc(db, 'town_settings', 'town');
}

/** The merged town profile, or null before content sync has written one. */
export async function loadMergedTown(db: Db): Promise<TownDoc | null> {
  const [content, settings] = await Promise.all([getDoc(db, 'settings', 'town'), loadTownSettings(db)]);
  return mergeTown(content, settings);
}

/** The merged town profile every function shows; NOT_FOUND before content sync has written one. */
export async function loadTown(db: Db): Promise<TownDoc> {
  const town = await loadMergedTown(db);
  if (!town) throw notFound('镇情资料');
  return town;
}
