/** The town profile (`settings/town`: villages, hotlines, the justice station), read by every function. */
import type { Db } from './handler';
import type { TownDoc } from './documents';
import { getDoc } from './database';
import { notFound } from './errors';

export async function loadTown(db: Db): Promise<TownDoc> {
  const town = await getDoc(db, 'settings', 'town');
  if (!town) throw notFound('镇情资料');
  return town;
}
