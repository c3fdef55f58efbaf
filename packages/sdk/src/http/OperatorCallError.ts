import { FlexrollError } from '../errors/FlexrollError.js';

/**
 * Why a call to an operator's API failed: it took too long, the network failed, the operator answered an error
 * status or a redirect (never followed), or a body that is not what was expected.
 * @example if (error.reason === 'timeout') backOff();
 */
export type OperatorCallFailure = 'timeout' | 'network' | 'status' | 'redirect' | 'malformed';

/**
 * A failed call to an operator's API through {@link OperatorHttpClient}, after its retries. Its message names the
 * service, the method and path, and what went wrong — never a credential or a request body. An adapter may throw it
 * as it is: the platform records it as the adapter's failure (`adapter.failed`, 502). When the operator said when
 * to come back (`Retry-After`) and that is longer than the call could wait, `retryAfterMs` carries it: thrown from
 * an outbox hook (`onParticipationChanged`), it sets the item's next attempt ("retry this item after N s") instead
 * of the outbox's own back-off. An adapter that reads such a hint elsewhere (a rate limit reported inside a 200)
 * throws one itself with `retryAfterMs` set.
 *
 * @example
 * catch (error) { if (OperatorCallError.is(error) && error.status === 404) return undefined; throw error; }
 * @example
 * throw new OperatorCallError('kraken', 'status', 'kraken is rate limiting this account', 1, 200, undefined, 30_000);
 */
export class OperatorCallError extends FlexrollError {
  constructor(
    readonly service: string,
    readonly reason: OperatorCallFailure,
    message: string,
    readonly attempts: number,
    readonly status?: number,
    cause?: unknown,
    /** How long the operator asked to be left alone (its `Retry-After`, in ms), when it said so. */
    readonly retryAfterMs?: number,
  ) {
    super('upstream', `upstream_${reason}`, message, { cause });
  }

  /** Whether an error is an OperatorCallError, whichever copy of the SDK made it. @example OperatorCallError.is(error) */
  static override is(value: unknown): value is OperatorCallError {
    return FlexrollError.is(value) && value.kind === 'upstream' && typeof (value as OperatorCallError).reason === 'string';
  }
}
