// Domain errors with stable string codes. Services throw these; the HTTP layer maps them to a status in one place
// (http/errors.ts). A record outside the caller's jurisdiction is reported as not_found, never as forbidden, so
// that its existence is not disclosed.

export type ErrorCode =
  | 'validation_failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unprocessable'
  | 'rate_limited'
  | 'account_locked'
  /** a third stop-payment on one account (orders: at most 2 per account) */
  | 'stop_limit_reached'
  /** a lifecycle refuses this action in the record's present state (a warning, an order, a 两卡 measure) */
  | 'illegal_transition'
  /** the task, follow-up or request was already completed or taken (or cancelled), a proposal already decided */
  | 'already_done'
  /** a record with this key exists already (a username, a unit code, an ID number, a report reference) */
  | 'already_exists'
  /** not yet: a waiting period runs (a refund's notice period) */
  | 'too_early';

export interface FieldProblem {
  field: string;
  reason: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems: FieldProblem[] = [],
    readonly retryAfterSec?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const invalid = (field: string, reason: string, more: FieldProblem[] = []) =>
  new AppError('validation_failed', `${field}: ${reason}`, [{ field, reason }, ...more]);
export const invalidMany = (problems: FieldProblem[]) =>
  new AppError('validation_failed', problems.map((p) => `${p.field}: ${p.reason}`).join('; '), problems);
export const unauthenticated = (message = 'login required') => new AppError('unauthenticated', message);
export const forbidden = (message = 'not allowed for your role') => new AppError('forbidden', message);
export const notFound = (entity: string) => new AppError('not_found', `${entity} not found`);
export const conflict = (message: string, field?: string) =>
  new AppError('conflict', message, field ? [{ field, reason: message }] : []);
export const unprocessable = (message: string, field?: string) =>
  new AppError('unprocessable', message, field ? [{ field, reason: message }] : []);
export const rateLimited = (retryAfterSec: number, message = 'too many requests') =>
  new AppError('rate_limited', message, [], retryAfterSec);
export const accountLocked = (retryAfterSec: number) =>
  new AppError('account_locked', 'account temporarily locked after repeated failed logins', [], retryAfterSec);
export const illegalTransition = (message: string) => new AppError('illegal_transition', message);
export const alreadyDone = (message: string, field?: string) =>
  new AppError('already_done', message, field ? [{ field, reason: message }] : []);
export const alreadyExists = (message: string, field?: string) =>
  new AppError('already_exists', message, field ? [{ field, reason: message }] : []);
export const tooEarly = (message: string, field?: string) =>
  new AppError('too_early', message, field ? [{ field, reason: message }] : []);
export const stopLimitReached = (message: string) =>
  new AppError('stop_limit_reached', message, [{ field: 'account', reason: message }]);
