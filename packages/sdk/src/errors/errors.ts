import { FlexrollError, type FieldIssue } from './FlexrollError.js';

/**
 * Input that breaks a rule: a missing field, a wrong type, an unknown value.
 * @example throw new InputError('address is required for customerInfo', [{ field: '/address', rule: 'required', message: 'is required' }])
 */
export class InputError extends FlexrollError {
  constructor(message: string, details: readonly FieldIssue[] = [], cause?: unknown) {
    super('input', 'invalid_input', message, { details, cause });
  }
}

/**
 * A record that does not exist in the caller's workspace. A foreign id and an unknown id get the same error.
 * @example throw new NotFoundError('enrollment', id)
 */
export class NotFoundError extends FlexrollError {
  constructor(readonly resource: string, readonly id: string) {
    super('not_found', `${resource}_not_found`, `No ${resource} with id '${id}'.`);
  }
}

/**
 * A write that lost a race or clashes with an existing record (a duplicate, a reused idempotency key). A conflict
 * that passes by itself (a contended record) says when to retry.
 * @example throw new ConflictError('enrollment_changed', 'The enrollment changed while you were writing; reload and retry.')
 * @example throw new ConflictError('enrollment_contended', 'Too many writers; retry in a second.', undefined, { retryAfterSeconds: 1 })
 */
export class ConflictError extends FlexrollError {
  constructor(code: string, message: string, cause?: unknown, options: { readonly retryAfterSeconds?: number } = {}) {
    super('conflict', code, message, { cause, ...options });
  }
}

/**
 * Something the platform depends on (its store) is not answering; the request may be retried after
 * `retryAfterSeconds`. Nothing the request asked for can be assumed done or undone.
 * @example throw new UnavailableError('store_unavailable', 'The store is not answering; retry shortly.', { retryAfterSeconds: 2 })
 */
export class UnavailableError extends FlexrollError {
  constructor(code: string, message: string, options: { readonly retryAfterSeconds?: number; readonly cause?: unknown } = {}) {
    super('unavailable', code, message, options);
  }
}

/**
 * An operator's service failed or answered something unusable.
 * @example throw new UpstreamError('kraken', 'Kraken answered 503', cause)
 */
export class UpstreamError extends FlexrollError {
  constructor(readonly service: string, message: string, cause?: unknown) {
    super('upstream', 'upstream_failed', message, { cause });
  }
}

/**
 * An adapter plugin threw, hung, or asked for something the platform refuses.
 * @example throw new AdapterError('manual', 'timeout', 'Adapter manual did not answer onParticipationChanged within 5000 ms')
 */
export class AdapterError extends FlexrollError {
  constructor(
    readonly adapterId: string,
    code: string,
    message: string,
    cause?: unknown,
    /** When the adapter failed because its operator asked to be left alone: how long, in ms (its `Retry-After`). */
    readonly retryAfterMs?: number,
  ) {
    super('adapter', `adapter_${code}`, message, { cause });
  }
}

export type { FieldIssue };

/** Why a webhook failed verification; `webhook_unverified` when an adapter does not say more. */
export type WebhookVerificationCode = 'webhook_unverified' | 'webhook_headers_missing' | 'webhook_timestamp_invalid' | 'webhook_signature_invalid';

/**
 * A webhook that could not be verified as its sender's: a missing or wrong signature, a missing header, a timestamp
 * too far from now. An adapter throws it for an operator's webhook (answered 401, nothing applied); the SDK's
 * `verifyWebhook` throws it for a Flexroll webhook a consumer received (answer it with a 4xx and do not act on it).
 * @example if (!safeEqual(expected, given)) throw new WebhookVerificationError('The x-kraken-signature does not match the body.')
 */
export class WebhookVerificationError extends FlexrollError {
  constructor(message: string, code: WebhookVerificationCode = 'webhook_unverified') {
    super('unauthorized', code, message);
  }
}
