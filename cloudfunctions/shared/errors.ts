import type { ErrorCode, Fail } from '../contracts/common';

/** A failure meant for the caller: a code and a Chinese message. Thrown by actions, returned as `{ ok: false }`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** Every wrong field's message (by field path), for forms that show each beside its field. */
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
  toFail(): Fail {
    if (!this.field) return { ok: false, code: this.code, message: this.message };
    return { ok: false, code: this.code, message: this.message, field: this.field, fields: this.fields ?? { [this.field]: this.message } };
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what}不存在或已下线`);
export const forbidden = (message = '没有权限进行此操作') => new AppError('FORBIDDEN', message);
export const invalid = (message: string, field?: string) => new AppError('INVALID_INPUT', message, field);

/** CloudBase SDK errors carry a `code` string; duplicate-key writes use this one. */
export function isDuplicateWrite(error: unknown): boolean {
  const text = String((error as { code?: string })?.code ?? '') + ' ' + String((error as Error)?.message ?? '');
  return /DUPLICATE/i.test(text);
}
