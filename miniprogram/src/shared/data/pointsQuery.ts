/**
 * The resident's 学法积分 summary (points card on 首页 and 我的). A lesson read earns its point on the server: the
 * reader asks for the summary again at once, so going back never shows the total from before the read.
 */
import type { PointsSummary } from '@contracts/points';
import { residentQuery } from './queries';
import { loadServerData, type Query, type ServerData } from './serverData';

/** How many getPoints requests this query has started: each request's generation is its number. */
let started = 0;
const getPoints = residentQuery('getPoints', {}, { group: 'points' });
export const pointsQuery: Query<PointsSummary> = {
  ...getPoints,
  fetch: () => {
    started++;
    return getPoints.fetch();
  },
};

/**
 * Asks for the summary after a write that earned points. A request already on its way may have left before the
 * write and carry the old total, so it is not taken as the answer: the refresh waits for it and asks again, so
 * it settles only on a request that started after this call.
 */
export async function refreshPoints(): Promise<ServerData<PointsSummary>> {
  const before = started;
  const load = loadServerData(pointsQuery);
  if (started > before) return load;
  // It joined a request that left before the write. Once that has answered, the next load is either a new
  // request or one another caller started after it answered: after the write either way.
  await load;
  return loadServerData(pointsQuery);
}
