/**
 * 村村比拼 for residents: this year's leaderboard of the villages, or one campaign's, with the resident's own
 * village to highlight. Reads only rollups, unique-people counters, offline events and the town profile: no
 * resident identifier is read into the answer (the resident's own document only for their village id).
 * The rows are built by shared/reporting/villageBoard.ts, as the dashboard and the workbook build theirs.
 */
import type { ActionContext, Db } from '../shared/handler';
import type { VillageBoardChoice, VillageBoardView } from '../contracts/resident';
import type { VillageBoard } from '../contracts/reports';
import type { CampaignDoc, TownDoc } from '../shared/documents';
import { notFound } from '../shared/errors';
import { readAll } from '../shared/database';
import { campaignState } from '../shared/campaigns';
import { editionLabel } from '../shared/campaignEditions';
import { loadTown } from '../shared/town';
import { chinaDay, chinaMonth, DAY_MS, monthDayLabel } from '../contracts/time';
import { peopleScope, rollupType } from '../shared/participation/keys';
import { askKey, countPeople, rangeRollups, type RollupRow } from '../shared/reporting/load';
import { isHeldOffline } from '../shared/reporting/figures';
import { buildVillageBoard, tallyVillages, villageNamer } from '../shared/reporting/villageBoard';
import { loadResident } from './profile';

type BoardCampaign = Pick<CampaignDoc, '_id' | 'title' | 'status' | 'start' | 'end' | 'year'>;

/** One leaderboard from its rollup rows, held offline events and a people scope per village (open counters). */
async function boardOf(db: Db, town: TownDoc, dim: RollupRow[], offline: Parameters<typeof tallyVillages>[1], scopeOf: (villageId: string) => string): Promise<VillageBoard> {
  const tallies = tallyVillages(dim, offline);
  const ids = [...new Set([...town.villages.map((v) => v.id), ...tallies.keys()])];
  const people = await countPeople(db, ids.map((id) => ({ scope: scopeOf(id) })));
  return buildVillageBoard(town.villages, tallies, (id) => people.get(askKey({ scope: scopeOf(id) })) ?? 0, villageNamer(town.villages), { markBehind: false });
}

/** This year from 1 January to today, as the dashboard's year counts it. */
export async function yearBoard(db: Db, town: TownDoc, today: string): Promise<VillageBoard> {
  const _ = db.command;
  const year = today.slice(0, 4);
  const from = `${year}-01-01`;
  const [dim, offline] = await Promise.all([
    rangeRollups(db, 'dim', from, today),
    readAll(db, 'offline_events', _.and([{ date: _.gte(from) }, { date: _.lte(today) }]), { date: true, villageId: true, attendees: true }),
  ]);
  return boardOf(db, town, dim, offline.filter((e) => isHeldOffline(e, today)), (id) => peopleScope.village(year, id));
}

/** One campaign from its start up to today (its monthly rollups; a quiz may be handed in just after the end). */
export async function campaignBoard(db: Db, town: TownDoc, campaign: BoardCampaign, today: string): Promise<VillageBoard> {
  const _ = db.command;
  const [dim, offline] = await Promise.all([
    readAll<'rollups', RollupRow>(db, 'rollups', _.and([{ type: rollupType('dim', 'month') }, { month: _.gte(chinaMonth(campaign.start)) }, { month: _.lte(chinaMonth(Date.parse(campaign.end) + DAY_MS)) }, { campaignId: campaign._id }])),
    readAll(db, 'offline_events', { campaignId: campaign._id }, { date: true, villageId: true, attendees: true }),
  ]);
  return boardOf(db, town, dim, offline.filter((e) => isHeldOffline(e, today)), (id) => peopleScope.campaignVillage(campaign._id, id));
}

/** This year's campaigns that have started (live first, then the latest). */
function choicesOf(campaigns: BoardCampaign[], now: Date, year: string): { list: BoardCampaign[]; choices: VillageBoardChoice[] } {
  const list = campaigns
    .filter((c) => ['live', 'ended'].includes(campaignState(c, now)) && (chinaDay(c.start).startsWith(year) || chinaDay(c.end).startsWith(year)))
    .sort((a, b) => Number(campaignState(b, now) === 'live') - Number(campaignState(a, now) === 'live') || b.start.localeCompare(a.start));
  return { list, choices: [{ campaignId: null, label: `${year} 年全年` }, ...list.map((c) => ({ campaignId: c._id, label: editionLabel(c) }))] };
}

export async function getVillageBoard(ctx: ActionContext, campaignId: string | undefined): Promise<VillageBoardView> {
  const now = ctx.now();
  const today = chinaDay(now);
  const year = today.slice(0, 4);
  const [town, resident, campaigns] = await Promise.all([
    loadTown(ctx.db),
    loadResident(ctx),
    readAll(ctx.db, 'campaigns', { status: 'published' }, { _id: true, title: true, status: true, start: true, end: true, year: true }),
  ]);
  const { list, choices } = choicesOf(campaigns, now, year);
  const campaign = campaignId ? list.find((c) => c._id === campaignId) ?? campaigns.find((c) => c._id === campaignId && ['live', 'ended'].includes(campaignState(c, now))) : undefined;
  if (campaignId && !campaign) throw notFound('活动');
  const board = campaign ? await campaignBoard(ctx.db, town, campaign, today) : await yearBoard(ctx.db, town, today);
  const mine = town.villages.some((v) => v.id === resident?.villageId) ? resident!.villageId : null;
  return {
    title: campaign ? editionLabel(campaign) : `${year} 年全年（截至${monthDayLabel(today)}）`,
    campaignId: campaign?._id ?? null,
    today,
    choices,
    myVillageId: mine,
    board,
  };
}
