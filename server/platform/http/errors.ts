import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode } from '../errors.ts';
import { fieldProblems } from './validation.ts';

// The one place where errors become HTTP responses. Every ErrorCode has a status (the switch is exhaustive);
// framework errors with a 4xx status keep it with a stable code; anything else is a 500 that is logged and
// reported without internals.
export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'validation_failed':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
    case 'stop_limit_reached':
    case 'illegal_transition':
    case 'already_done':
    case 'already_exists':
    case 'too_early':
      return 409;
    case 'payload_too_large':
      return 413;
    case 'unsupported_media_type':
      return 415;
    case 'unprocessable':
      return 422;
    case 'rate_limited':
    case 'account_locked':
      return 429;
    default:
      return assertNever(code);
  }
}

function assertNever(x: never): never {
  throw new Error(`unmapped error code ${String(x)}`);
}

const FRAMEWORK_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_REQ_FILE_TOO_LARGE: 'payload_too_large', // @fastify/multipart limits
  FST_PARTS_LIMIT: 'payload_too_large',
  FST_FILES_LIMIT: 'payload_too_large',
  FST_FIELDS_LIMIT: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_JSON_BODY: 'validation_failed',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'validation_failed',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
};

const BY_STATUS: Record<number, ErrorCode> = {
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

export function errorHandler(err: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    if (err.retryAfterSec) reply.header('retry-after', String(err.retryAfterSec));
    const [first] = err.problems;
    return reply.status(statusOf(err.code)).send({
      error: err.code,
      message: err.message,
      ...(first ? { field: first.field, reason: first.reason } : {}),
      ...(err.problems.length > 1 ? { details: err.problems } : {}),
    });
  }
  if ('validation' in err && err.validation) {
    const problems = fieldProblems(err.validation as never, err.validationContext);
    return reply.status(400).send({
      error: 'validation_failed',
      message: problems.map((p) => `${p.field}: ${p.reason}`).join('; '),
      field: problems[0]!.field,
      reason: problems[0]!.reason,
      ...(problems.length > 1 ? { details: problems } : {}),
    });
  }
  // A date the validators let through but Date cannot represent reaches the driver as an Invalid Date: that is the
  // input's fault, not the server's (the date-time format already refuses what Date.parse cannot read).
  if (err instanceof RangeError && err.message === 'Invalid time value') {
    req.log.warn({ err }, 'invalid date in input');
    return reply
      .status(400)
      .send({ error: 'validation_failed', message: 'not a valid date', field: '(date)', reason: 'not a valid date' });
  }
  const status = (err as FastifyError).statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code = FRAMEWORK_CODES[err.code] ?? BY_STATUS[status] ?? 'bad_request';
    const field = code === 'validation_failed' ? '(body)' : undefined;
    return reply
      .status(status)
      .send({ error: code, message: err.message, ...(field ? { field, reason: err.message } : {}) });
  }
  req.log.error({ err }, 'unhandled error');
  return reply.status(500).send({ error: 'internal', message: 'internal error' });
}
