/**
 * One entry point per cloud function: validates the event against the function's contract, resolves the
 * caller from the CloudBase context (never from the event), runs the action, and turns every failure
 * into `{ ok: false, code, message }`. Bad input is rejected before any action code runs.
 */
import type { z } from 'zod';
import { MAX_EVENT_BYTES, type Contract, type Result } from '../contracts/common';
import { describeErrors } from '../contracts/fieldErrors';
import { AppError } from './errors';
import { getCaller, getDb } from './cloudbase';
import { functionsNow } from './clock';

export type Db = ReturnType<typeof getDb>;

export interface ActionContext {
  /** The caller's OPENID, from the CloudBase context. */
  openId: string;
  appId: string;
  db: Db;
  now: () => Date;
}

export type Handlers<C extends Contract> = {
  [K in keyof C]: (input: z.output<C[K]['input']>, ctx: ActionContext) => Promise<C[K]['output']>;
};

export interface HandlerOptions {
  /** Actions callable without an OPENID (timer triggers, health checks). */
  anonymous?: string[];
  now?: () => Date;
  /**
   * Timer triggers (cloudfunctions/functions.ts `triggers`): CloudBase calls the function with
   * `{ Type: 'Timer', TriggerName }` and no caller; the handler of that trigger name runs.
   */
  timers?: Record<string, (ctx: ActionContext) => Promise<unknown>>;
}

/** A timer trigger's event: `{ Type: 'Timer', TriggerName: 'sweep', Time: '…' }`. */
export function timerName(event: unknown): string | null {
  const e = event as { Type?: unknown; TriggerName?: unknown } | null;
  return e && e.Type === 'Timer' && typeof e.TriggerName === 'string' ? e.TriggerName : null;
}

export function createHandler<C extends Contract>(contract: C, handlers: Handlers<C>, options: HandlerOptions = {}) {
  const anonymous = new Set(['health', ...(options.anonymous ?? [])]);
  return async function main(event: unknown, context: unknown): Promise<Result<unknown>> {
    try {
      let size = 0;
      try {
        size = Buffer.byteLength(JSON.stringify(event ?? null));
      } catch {
        throw new AppError('INVALID_INPUT', '请求内容无法解析');
      }
      if (size > MAX_EVENT_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', '提交的内容过大，请减少后重试');
      if (!event || typeof event !== 'object') throw new AppError('INVALID_INPUT', '请求格式不正确');
      const timer = timerName(event);
      if (timer !== null) {
        const run = options.timers && Object.prototype.hasOwnProperty.call(options.timers, timer) ? options.timers[timer] : undefined;
        if (!run) throw new AppError('UNKNOWN_ACTION', '不支持的定时任务');
        return { ok: true, data: await run({ openId: '', appId: '', db: getDb(), now: options.now ?? functionsNow }) };
      }
      const { action, input } = event as { action?: unknown; input?: unknown };
      if (action === 'health') return { ok: true, data: { status: 'ok' } };
      if (typeof action !== 'string' || !Object.prototype.hasOwnProperty.call(contract, action)) {
        throw new AppError('UNKNOWN_ACTION', '不支持的操作');
      }
      const parsed = contract[action].input.safeParse(input ?? {});
      if (!parsed.success) {
        const { message, field, fields } = describeErrors(contract[action].input, parsed.error);
        throw new AppError('INVALID_INPUT', message, field, fields);
      }
      const caller = getCaller(context);
      if (!caller.openId && !anonymous.has(action)) throw new AppError('UNAUTHENTICATED', '请在微信中打开，或刷新后重试');
      const ctx: ActionContext = { openId: caller.openId ?? '', appId: caller.appId ?? '', db: getDb(), now: options.now ?? functionsNow };
      const data = await handlers[action as keyof C](parsed.data, ctx);
      return { ok: true, data };
    } catch (error) {
      if (error instanceof AppError) return error.toFail();
      console.error('[function error]', error);
      return { ok: false, code: 'INTERNAL', message: '服务暂时不可用，请稍后重试' };
    }
  };
}
