import { FlexrollError, type FieldIssue } from '@flexroll/sdk';
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
  unauthorized: { status: 401, type: 'authentication' },
  forbidden: { status: 403, type: 'permission' },
  upstream: { status: 502, type: 'upstream' },
  adapter: { status: 502, type: 'adapter' },
};

const TYPE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'invalid_request',
  401: 'authentication',
  403: 'permission',
  404: 'not_found',
  409: 'conflict',
  413: 'invalid_request',
  415: 'invalid_request',
  422: 'unprocessable',
  429: 'rate_limited',
  503: 'unavailable',
};

/**
 * Maps anything thrown to a status and the error body. Known errors keep their message; anything else is a bug,
 * answered with a generic 500 that never carries the error's message or stack.
 */
export function toErrorResponse(error: unknown, requestId: string): ErrorResponse {
  if (ApiError.isApiError(error)) {
    return respond(error.status, TYPE_BY_STATUS[error.status] ?? 'invalid_request', error, requestId, error.headers);
  }
  if (FlexrollError.is(error) && BY_KIND[error.kind] !== undefined) {
    const { status, type } = BY_KIND[error.kind]!;
    return respond(status, type, error, requestId, {});
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
