/**
 * Typed calls to the cloud functions. The types come from the functions' own contracts, so a renamed field
 * or action fails to compile on both ends. Network failures become `{ ok: false, code: 'NETWORK' }` so pages
 * can offer a retry without losing what the resident entered. The clients themselves are in ./clients.ts.
 */
import type { ApiOf, Contract, Fail, Result } from '@contracts/common';
import { invokeFunction } from './transport';

export type NetworkFail = { ok: false; code: 'NETWORK'; message: string };
export type CallResult<T> = Result<T> | NetworkFail;
export type CallFail = Fail | NetworkFail;

export function createClient<C extends Contract>(functionName: string) {
  type Api = ApiOf<C>;
  return async function call<A extends keyof Api & string>(action: A, input: Api[A]['input']): Promise<CallResult<Api[A]['output']>> {
    try {
      const result = (await invokeFunction(functionName, { action, input })) as Result<Api[A]['output']> | undefined;
      if (!result || typeof result !== 'object' || !('ok' in result)) return { ok: false, code: 'INTERNAL', message: '服务返回了无法识别的内容' };
      return result;
    } catch {
      return { ok: false, code: 'NETWORK', message: '网络不给力，请检查网络后重试' };
    }
  };
}
