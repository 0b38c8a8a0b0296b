/**
 * Runs a cloud function's `main(event, context)` locally the way the cloud calls it.
 *
 * The caller's identity travels in `context.environment` (a JSON string with WX_OPENID, WX_APPID, ...),
 * which is where `tcb.getCloudbaseContext(context)` (and getCaller in cloudfunctions/shared/cloudbase.ts)
 * reads it. Nothing is put in process.env, so concurrent invocations never see each other's identity.
 * The event and the result cross a JSON boundary, as they do in the cloud (a Date in a result arrives as
 * an ISO string).
 */
import { randomBytes } from 'node:crypto';

export interface Invoker {
  openId?: string;
  appId?: string;
  unionId?: string;
  /** Environment id reported as TCB_ENV (default 'local'). */
  env?: string;
  /** Client IP reported as WX_CLIENTIP. */
  clientIp?: string;
}

export interface FunctionContext {
  memory_limit_in_mb: number;
  time_limit_in_ms: number;
  request_id: string;
  function_name: string;
  function_version: string;
  namespace: string;
  /** JSON of the invocation's environment (WX_OPENID, WX_APPID, TCB_ENV, ...). */
  environment: string;
}

export interface RunOptions {
  functionName?: string;
  /** Skip the JSON round trip of event and result. */
  raw?: boolean;
}

export type FunctionMain<E = unknown, R = unknown> = (event: E, context: FunctionContext) => Promise<R> | R;

export function makeContext(caller: Invoker = {}, functionName = 'local'): FunctionContext {
  const env = caller.env ?? 'local';
  const requestId = randomBytes(16).toString('hex');
  const wx: Record<string, string> = {};
  if (caller.openId) wx.WX_OPENID = caller.openId;
  if (caller.appId) wx.WX_APPID = caller.appId;
  if (caller.unionId) wx.WX_UNIONID = caller.unionId;
  if (caller.clientIp) wx.WX_CLIENTIP = caller.clientIp;
  const environment = {
    SCF_NAMESPACE: env,
    TCB_ENV: env,
    TCB_SEQID: requestId,
    TRIGGER_SRC: 'tcb',
    TCB_SOURCE: 'wx_client',
    WX_CONTEXT_KEYS: ['WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'WX_CLIENTIP'].join(','),
    ...wx,
  };
  return {
    memory_limit_in_mb: 256,
    time_limit_in_ms: 20_000,
    request_id: requestId,
    function_name: functionName,
    function_version: '$LATEST',
    namespace: env,
    environment: JSON.stringify(environment),
  };
}

export async function runFunction<E = unknown, R = unknown>(main: FunctionMain<E, R>, event: E, caller: Invoker = {}, options: RunOptions = {}): Promise<R> {
  const context = makeContext(caller, options.functionName);
  const input = options.raw ? event : (JSON.parse(JSON.stringify(event ?? {})) as E);
  const result = await main(input, context);
  if (options.raw || result === undefined) return result;
  return JSON.parse(JSON.stringify(result)) as R;
}
