/**
 * 镇情设置 (admin): village and community names with their resident population, the public legal service
 * station's address, phones and hours, the adviser firms, and the unit 标语 are counted in (the export's). Stored in `town_settings/town`, laid over the
 * content profile by shared/town.ts, so content sync (which writes `settings/town`) never overwrites it.
 */
import type { ActionContext } from '../shared/handler';
import type { TownSettingsInput, TownSettingsView } from '../contracts/staff';
import type { StaffDoc, TownDoc, TownSettingsDoc } from '../shared/documents';
import { invalid, notFound } from '../shared/errors';
import { audit } from '../shared/staffAuth';
import { loadTownSettings, mergeTown } from '../shared/town';
import { randomToken } from './common';
import { getDoc } from '../shared/database';
import { DEFAULT_BANNER_UNIT } from '../shared/town';

async function loadContentTown(ctx: ActionContext): Promise<TownDoc> {
  const town = await getDoc(ctx.db, 'settings', 'town');
  if (!town) throw notFound('镇情资料（请先同步内容）');
  return town;
}

function view(content: TownDoc, settings: TownSettingsDoc | null): TownSettingsView {
  const merged = mergeTown(content, settings)!;
  return {
    townName: content.name,
    villages: merged.villages.map((v) => ({ id: v.id, name: v.name, population: v.population ?? null, placeholder: !!v.placeholder })),
    station: {
      name: content.station.name,
      address: settings?.station.address || content.station.address || '',
      phones: settings?.station.phones.length ? settings.station.phones : content.station.phone ? [content.station.phone] : [],
      hours: settings?.station.hours ?? '',
    },
    advisers: merged.advisers,
    bannerUnit: merged.bannerUnit || DEFAULT_BANNER_UNIT,
    contentBannerUnit: content.bannerUnit || DEFAULT_BANNER_UNIT,
    updatedAt: settings?.updatedAt ?? null,
    updatedByName: settings?.updatedByName ?? null,
  };
}

export async function getTownSettings(ctx: ActionContext): Promise<TownSettingsView> {
  const [content, settings] = await Promise.all([loadContentTown(ctx), loadTownSettings(ctx.db)]);
  return view(content, settings);
}

/** What a save changed, in words (for the audit log). */
function changedParts(before: TownSettingsView, after: TownSettingsView): string[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const parts: [string, boolean][] = [
    ['村（社区）名称', !same(before.villages.map((v) => [v.id, v.name]), after.villages.map((v) => [v.id, v.name]))],
    ['常住人口', !same(before.villages.map((v) => v.population), after.villages.map((v) => v.population))],
    ['服务站地址', before.station.address !== after.station.address],
    ['服务站电话', !same(before.station.phones, after.station.phones)],
    ['办公时间', before.station.hours !== after.station.hours],
    ['法律顾问单位', !same(before.advisers, after.advisers)],
    ['标语计量单位', before.bannerUnit !== after.bannerUnit],
  ];
  return parts.filter(([, changed]) => changed).map(([name]) => name);
}

export async function saveTownSettings(ctx: ActionContext, staff: StaffDoc, input: TownSettingsInput): Promise<TownSettingsView> {
  const [content, settings] = await Promise.all([loadContentTown(ctx), loadTownSettings(ctx.db)]);
  const before = view(content, settings);
  const known = new Set(before.villages.map((v) => v.id));
  const kept = new Set<string>();
  const names = new Map<string, number>();
  input.villages.forEach((v, i) => {
    if (v.id !== null && !known.has(v.id)) throw invalid('村（社区）名称：这一行的村（社区）已不在名单中，请刷新后重试', `town.villages.${i}.name`);
    if (v.id !== null && kept.has(v.id)) throw invalid('村（社区）名称：同一个村（社区）出现了两次，请刷新后重试', `town.villages.${i}.name`);
    if (v.id !== null) kept.add(v.id);
    const name = v.name.trim();
    if (names.has(name)) throw invalid(`村（社区）名称：“${name}”重复了`, `town.villages.${i}.name`);
    names.set(name, i);
  });
  // residents and reports refer to village ids: a village can be renamed, never dropped
  const dropped = before.villages.find((v) => !kept.has(v.id));
  if (dropped) throw invalid(`村（社区）：“${dropped.name}”不能删除（居民和统计在用），可以改名`, 'town.villages');
  const now = ctx.now().toISOString();
  const doc: Omit<TownSettingsDoc, '_id'> = {
    villages: input.villages.map((v) => ({ id: v.id ?? `v-${randomToken(6)}`, name: v.name.trim(), population: v.population ?? null })),
    station: { address: input.station.address?.trim() ?? '', phones: input.station.phones.map((p) => p.trim()), hours: input.station.hours?.trim() ?? '' },
    advisers: input.advisers.map((a) => a.trim()),
    // Not sent (an older page): keep what was set.
    bannerUnit: input.bannerUnit === undefined ? settings?.bannerUnit ?? '' : input.bannerUnit.trim(),
    updatedAt: now,
    updatedBy: staff.openId,
    updatedByName: staff.name,
  };
  await ctx.db.collection('town_settings').doc('town').set(doc);
  const after = view(content, { _id: 'town', ...doc });
  await audit(ctx, staff, 'town.save', 'town_settings:town', { changed: changedParts(before, after) });
  return after;
}
