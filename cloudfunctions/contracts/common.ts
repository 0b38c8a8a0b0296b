/**
 * Shared shapes of every cloud function's contract. The server validates inputs with the zod schemas;
 * the mini-program imports only the types (`import type`), so both ends compile against one definition.
 */
import { z } from 'zod';
import { isDay } from './time';

export const errorCodes = [
  'INVALID_INPUT',
  'UNKNOWN_ACTION',
  'PAYLOAD_TOO_LARGE',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'DAILY_LIMIT',
  'CONFLICT',
  'NOT_AVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface Ok<T> {
  ok: true;
  data: T;
}
export interface Fail {
  ok: false;
  code: ErrorCode;
  /** Chinese, shown to the user as is. */
  message: string;
  /** Which input field was wrong, for INVALID_INPUT (a path such as `campaign.quiz.passMark`; never shown). */
  field?: string;
  /** INVALID_INPUT: each wrong field's Chinese message by its path (contracts/fieldErrors.ts). */
  fields?: Record<string, string>;
}
export type Result<T> = Ok<T> | Fail;

/** A phantom marker for an action's output type: carries the type, no runtime value. */
export function returns<T>(): T {
  return undefined as unknown as T;
}

export interface ActionSpec<I extends z.ZodTypeAny = z.ZodTypeAny, O = unknown> {
  input: I;
  output: O;
}
export function action<I extends z.ZodTypeAny, O>(input: I, output: O): ActionSpec<I, O> {
  return { input, output };
}
export type Contract = Record<string, ActionSpec>;

/** The client's view of a contract: per action, the input it sends and the data it gets back. */
export type ApiOf<C extends Contract> = {
  [K in keyof C & string]: { input: z.input<C[K]['input']>; output: C[K]['output'] };
};

/** The event a client sends: `wx.cloud.callFunction({ name, data: { action, input } })`. */
export interface FunctionEvent<A extends string = string, I = unknown> {
  action: A;
  input?: I;
}

/** Upper bound of a serialised event; larger ones are refused before any work is done. */
export const MAX_EVENT_BYTES = 32 * 1024;

/** Client-made ids (attempts, check-ins): 16–64 URL-safe characters. */
export const clientId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,64}$/, '需为 16–64 位字母、数字、下划线或连字符');
export const entityId = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, '编号格式不正确');

/** A China day 'YYYY-MM-DD' that exists on the calendar (2026-02-30 is refused with a Chinese message). */
export const dayInput = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期应写成 2026-01-01 的格式')
  .refine(isDay, (d) => ({ message: `${d} 不是日历上存在的日期` }));
