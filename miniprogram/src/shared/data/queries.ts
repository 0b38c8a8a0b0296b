/**
 * Queries over the three clients: `residentQuery('getHome', {})` reads the action's answer under the key
 * `resident.getHome:{}`, so two screens asking for the same action and input share one answer.
 */
import type { ApiOf, Contract } from '@contracts/common';
import type { residentContract } from '@contracts/resident';
import type { staffContract } from '@contracts/staff';
import type { reportsContract } from '@contracts/reports';
import type { CallResult } from '../api/callFunction';
import { callReports, callResident, callStaff } from '../api/clients';
import type { Query } from './serverData';

function queriesOf<C extends Contract>(functionName: string, call: <A extends keyof ApiOf<C> & string>(action: A, input: ApiOf<C>[A]['input']) => Promise<CallResult<ApiOf<C>[A]['output']>>) {
  return <A extends keyof ApiOf<C> & string>(action: A, input: ApiOf<C>[A]['input'], persist?: Query<unknown>['persist']): Query<ApiOf<C>[A]['output']> => ({
    key: `${functionName}.${action}:${JSON.stringify(input ?? {})}`,
    fetch: () => call(action, input),
    persist,
  });
}

export const residentQuery = queriesOf<typeof residentContract>('resident', callResident);
export const staffQuery = queriesOf<typeof staffContract>('staff', callStaff);
export const reportsQuery = queriesOf<typeof reportsContract>('reports', callReports);
