/**
 * The resident's 学法积分 summary (points card on 首页 and 我的). A lesson read earns its point on the server: the
 * reader asks for the summary again at once, so going back never shows the total from before the read.
 */
import { residentQuery } from './queries';
import { loadServerData } from './serverData';

export const pointsQuery = residentQuery('getPoints', {}, { group: 'points' });

export function refreshPoints(): void {
  void loadServerData(pointsQuery);
}
