/**
 * The kinds of failure the platform distinguishes. The HTTP layer maps each kind to one status;
 * everything below it only throws.
 * @example if (FlexrollError.is(error) && error.kind === 'illegal_transition') status = 409
 */
export type ErrorKind =
  | 'input'
  | 'not_found'
  | 'conflict'
  | 'illegal_transition'
  | 'precondition_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'upstream'
  | 'adapter'
  | 'unavailable'
  | 'internal';

/**
 * One reason a value was refused, naming the field (a JSON pointer such as `/address/city`) and the rule.
 * @example const issue: FieldIssue = { field: '/reason', rule: 'required', message: 'is required for suspension_raised' }
 */
export interface FieldIssue {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

/**
 * What a {@link FlexrollError} may carry besides its kind, code and message.
 * @example new FlexrollError('conflict', 'enrollment_contended', 'Retry shortly.', { retryAfterSeconds: 1 })
 */
export interface FlexrollErrorOptions {
  readonly cause?: unknown;
  readonly details?: readonly FieldIssue[];
  /** Seconds to wait before retrying; only for failures that pass by themselves. */
  readonly retryAfterSeconds?: number;
}

const BRAND = Symbol.for('flexroll.error');

/**
 * The one error base of Flexroll. Carries a `kind` (for mapping) and a stable `code` (for clients),
 * keeps its `cause`, and is recognised by {@link FlexrollError.is} rather than `instanceof`, which fails
 * when two copies of the SDK are loaded (a plugin with its own node_modules, say).
 *
 * @example
 * try { applyParticipationTrigger(snapshot, 'device_live') }
 * catch (error) { if (FlexrollError.is(error)) logger.warn(error.code) }
 */
export class FlexrollError extends Error {
  readonly [BRAND] = true;
  readonly kind: ErrorKind;
  readonly code: string;
  readonly details: readonly FieldIssue[];
  /**
   * For a failure that passes (a contended record, a store that is briefly away): how many seconds a caller should
   * wait before trying again. The HTTP layer sends it as `Retry-After`.
   */
  readonly retryAfterSeconds?: number;

  constructor(kind: ErrorKind, code: string, message: string, options: FlexrollErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.kind = kind;
    this.code = code;
    this.details = options.details ?? [];
    if (options.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** True for any Flexroll error, whichever copy of the SDK made it. */
  static is(value: unknown): value is FlexrollError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}
