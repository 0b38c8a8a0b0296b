/**
 * The resident's 学法积分 summary (points card on 首页 and 我的). A lesson read earns its point on the server: the
 * reader asks for the summary again at once (an answer given after the read), so going back never shows the total
 * from before the read.
 */
import type { PointsSummary } from '@contracts/points';
import { residentQuery } from './queries';
import { reloadServerData, type ServerData } from './serverData';

export const pointsQuery = residentQuery('getPoints', {}, { group: 'points' });

export const refreshPoints = (): Promise<ServerData<PointsSummary>> => reloadServerData(pointsQuery);
