/**
 * Errors the local cloud returns, with the codes CloudBase uses. Every failure is sent back as an HTTP 200
 * with `{ code, message, requestId }`, which is what the SDK turns into a thrown error carrying `code`.
 */
export type CloudErrorCode =
  | 'INVALID_PARAM'
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'DATABASE_DUPLICATE_WRITE'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_FAIL'
  | 'DATABASE_REQUEST_FAILED'
  | 'STORAGE_FILE_NONEXIST'
  | 'STORAGE_REQUEST_FAIL'
  | 'LOCALCLOUD_UNSUPPORTED'
  | 'SIGN_PARAM_INVALID'
  | 'SYS_ERR';

export class CloudError extends Error {
  readonly code: CloudErrorCode;
  constructor(code: CloudErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = 'CloudError';
  }
}

export const invalid = (message: string) => new CloudError('INVALID_PARAM', message);
export const unsupported = (message: string) => new CloudError('LOCALCLOUD_UNSUPPORTED', `[localcloud] ${message} is not supported by the local cloud (see localcloud/README.md)`);
export const noCollection = (name: string) =>
  new CloudError('DATABASE_COLLECTION_NOT_EXIST', `[ResourceNotFound] Db or Table not exist: collection "${name}" does not exist. Create it first (db.createCollection or ensureCollections).`);
export const conflict = (message = 'transaction write conflict, retry the transaction') =>
  new CloudError('DATABASE_TRANSACTION_CONFLICT', `[TransactionConflict] ${message}`);

/** Turns errors thrown by mingo (unknown operators, bad expressions) into the cloud's parameter error. */
export function fromEvaluationError(error: unknown): CloudError {
  if (error instanceof CloudError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/geoNear|\$near|\$geo|\$text|\$where/.test(message)) return unsupported(message);
  return invalid(`[InvalidParameter] ${message}`);
}
