import { FlexrollError, type FieldIssue } from '@flexroll/sdk';
import { PreconditionFailedError } from '@flexroll/core';
import { ApiError } from './ApiError.js';

/** The one error body of the API. */
export interface ErrorResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: {
    readonly error: { type: string; code: string; message: string; details: readonly FieldIssue[]; requestId: string };
  };
}

const BY_KIND: Readonly<Record<string, { status: number; type: string }>> = {
  input: { status: 422, type: 'unprocessable' },
  not_found: { status: 404, type: 'not_found' },
  conflict: { status: 409, type: 'conflict' },
  illegal_transition: { status: 409, type: 'conflict' },
  precondition_failed: { status: 412, type: 'precondition_failed' },
  unauthorized: { status: 401, type: 'authentication' },
  forbidden: { status: 403, type: 'permission' },
  upstream: { status: 502, type: 'upstream' },
  adapter: { status: 502, type: 'adapter' },
  unavailable: { status: 503, type: 'unavailable' },
};

const TYPE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'invalid_request',
  401: 'authentication',
  403: 'permission',
  404: 'not_found',
  409: 'conflict',
  412: 'precondition_failed',
  413: 'invalid_request',
  415: 'invalid_request',
  422: 'unprocessable',
  429: 'rate_limited',
  503: 'unavailable',
};

/**
 * Maps anything thrown to a status and the error body. Known errors keep their message (and their `Retry-After`);
 * anything else is a bug, answered with a generic 500 that never carries the error's message or stack.
 */
export function toErrorResponse(error: unknown, requestId: string): ErrorResponse {
  if (ApiError.isApiError(error)) {
    return respond(error.status, (Object.hasOwn(TYPE_BY_STATUS, error.status) ? TYPE_BY_STATUS[error.status] : undefined) ?? 'invalid_request', error, requestId, error.headers);
  }
  // Own properties only: a kind named like an Object.prototype member (from a plugin, say) is no kind of ours.
  if (FlexrollError.is(error) && Object.hasOwn(BY_KIND, error.kind)) {
    const { status, type } = BY_KIND[error.kind]!;
    // A failure that passes by itself (a contended record, a store briefly away) says when to come back.
    const headers: Record<string, string> = error.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(error.retryAfterSeconds) };
    // A failed If-Match says what is current, so that the client can reload and decide again (issue 24).
    if (error instanceof PreconditionFailedError) headers.ETag = error.currentETag;
    return respond(status, type, error, requestId, headers);
  }
  return {
    status: 500,
    headers: {},
    body: { error: { type: 'internal', code: 'internal_error', message: 'Something went wrong on our side; it has been logged.', details: [], requestId } },
  };
}

function respond(status: number, type: string, error: FlexrollError, requestId: string, headers: Readonly<Record<string, string>>): ErrorResponse {
  return { status, headers, body: { error: { type, code: error.code, message: error.message, details: error.details, requestId } } };
}
