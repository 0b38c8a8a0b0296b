/**
 * 村村比拼: villages compared per head. Each village's 参与率 (distinct participants ÷ its 常住人口 from 镇情设置),
 * 参与人次, 每百人参与人次 and 平均分, ranked by 参与率; a village without a population shows its counts and is not
 * ranked. The same rows serve the resident's page (resident/villageBoard.ts), the dashboard and the workbook's
 * 村村比拼 sheet (built with the report, shared/reporting/figures.ts), so every figure is computed once, here,
 * from exact integer counts rounded once (contracts/numbers.ts).
 *
 * Person-times and scores come from the rollups (`dim` rows: village × campaign × kind) plus the unscanned
 * attendees of the village's offline events, exactly as 按村社区 counts them; people from the unique-people
 * counters (`village:<year>:<village>` for a year, `campaign-village:<campaign>:<village>` for a campaign).
 */
import type { VillageBoard, VillageBoardRow } from '../../contracts/reports';
import type { OfflineEventDoc, TownDoc } from '../documents';
import type { RollupRow } from './load';
import { averageOf, rateOf } from '../../contracts/numbers';
import { NO_VILLAGE } from '../participation/keys';

/** What a village did: 人次 (unscanned attendees included), 答题人次 and the sum of their scores. */
export interface VillageTally {
  times: number;
  quiz: number;
  scoreSum: number;
}

const emptyTally = (): VillageTally => ({ times: 0, quiz: 0, scoreSum: 0 });

/** Tallies rollup rows and held offline events per village (the caller picks the rows: a range, a campaign). */
export function tallyVillages(dim: Pick<RollupRow, 'villageId' | 'kind' | 'count' | 'scoreSum'>[], offline: Pick<OfflineEventDoc, 'villageId' | 'attendees'>[]): Map<string, VillageTally> {
  const out = new Map<string, VillageTally>();
  const of = (id: string) => {
    let t = out.get(id);
    if (!t) out.set(id, (t = emptyTally()));
    return t;
  };
  for (const r of dim) {
    const t = of(r.villageId ?? NO_VILLAGE);
    t.times += r.count;
    if (r.kind === 'quiz_attempt') {
      t.quiz += r.count;
      t.scoreSum += r.scoreSum ?? 0;
    }
  }
  for (const e of offline) of(e.villageId || NO_VILLAGE).times += e.attendees || 0;
  return out;
}

export const VILLAGE_BOARD_NOTES = {
  rate: '参与率 = 参与人数 ÷ 常住人口（常住人口在「镇情设置」中填写），按参与率从高到低排名，参与率相同名次相同。',
  noPopulation: '未填写常住人口的村（社区）只显示人数和人次，不参与排名。',
  nonePopulated: '各村（社区）都还没有填写常住人口，暂时只能比较人数和人次；在「镇情设置」中填写后即按参与率排名。',
  behind: '标注“落后”的是参与率排在最后四分之一的村（社区）（至少一个）。',
  people: '参与人数按人去重（线上参与和扫码签到的居民）；参与人次含线下活动未扫码的到场人数；居民按自己选择的村（社区）统计，线下活动按举办地统计。',
  privacy: '只按村（社区）汇总，不含任何个人信息。',
};

type Village = Pick<TownDoc['villages'][number], 'id' | 'name' | 'population'>;

export const VILLAGE_UNKNOWN_NAME = '未选择村（社区）';

/** A village's name as every report writes it (a resident with no village, a village no longer listed). */
export function villageNamer(villages: Pick<Village, 'id' | 'name'>[]): (id: string) => string {
  const names = new Map(villages.map((v) => [v.id, v.name]));
  return (id) => (id === NO_VILLAGE ? VILLAGE_UNKNOWN_NAME : names.get(id) ?? `${id}（不在现有村社区名单中）`);
}

function rowOf(id: string, name: string, population: number | null, people: number, t: VillageTally): VillageBoardRow {
  const pop = population && population > 0 ? population : null;
  return {
    villageId: id,
    name,
    population: pop,
    people,
    rate: pop ? rateOf(people, pop) : null,
    times: t.times,
    timesPer100: pop ? averageOf(t.times * 100, pop) : null,
    quiz: t.quiz,
    avgScore: averageOf(t.scoreSum, t.quiz),
    rank: null,
    behind: false,
  };
}

/** a's 参与率 compared with b's from the exact counts (no rounding): negative when a is higher. */
const byRate = (a: VillageBoardRow, b: VillageBoardRow) => b.people * a.population! - a.people * b.population!;

/**
 * The leaderboard: the town's villages (in the order of 镇情设置 for ties), ranked by exact 参与率; villages
 * without a population after them by 参与人数; participation from no listed village in `others`.
 */
export function buildVillageBoard(
  villages: Village[],
  tallies: Map<string, VillageTally>,
  peopleOf: (villageId: string) => number,
  nameOf: (villageId: string) => string,
  options: { markBehind?: boolean } = {},
): VillageBoard {
  const markBehind = options.markBehind ?? true;
  const listed = new Set(villages.map((v) => v.id));
  const rows = villages.map((v) => rowOf(v.id, v.name, v.population ?? null, peopleOf(v.id), tallies.get(v.id) ?? emptyTally()));
  const ranked = rows.filter((r) => r.population !== null).sort((a, b) => byRate(a, b) || b.people - a.people);
  ranked.forEach((r, i) => {
    r.rank = i > 0 && byRate(ranked[i - 1], r) === 0 ? ranked[i - 1].rank : i + 1;
  });
  if (markBehind && ranked.length >= 2) {
    const cut = ranked[ranked.length - Math.ceil(ranked.length / 4)];
    // At or below the cut's rate (ties with it included), and below the best (when all are level, nobody is behind).
    for (const r of ranked) r.behind = byRate(r, cut) >= 0 && byRate(ranked[0], r) < 0;
  }
  const unranked = rows.filter((r) => r.population === null).sort((a, b) => b.people - a.people || b.times - a.times);
  const others = [...tallies.keys()]
    .filter((id) => !listed.has(id))
    .sort((a, b) => (a === NO_VILLAGE ? 1 : 0) - (b === NO_VILLAGE ? 1 : 0) || a.localeCompare(b))
    .map((id) => rowOf(id, nameOf(id), null, peopleOf(id), tallies.get(id)!));
  const notes = [ranked.length ? VILLAGE_BOARD_NOTES.rate : VILLAGE_BOARD_NOTES.nonePopulated];
  if (ranked.length && unranked.length) notes.push(VILLAGE_BOARD_NOTES.noPopulation);
  if (markBehind && ranked.length >= 2) notes.push(VILLAGE_BOARD_NOTES.behind);
  notes.push(VILLAGE_BOARD_NOTES.people, VILLAGE_BOARD_NOTES.privacy);
  return { rows: [...ranked, ...unranked], others, ranked: ranked.length, notes };
}
