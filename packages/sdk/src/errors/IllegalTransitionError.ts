import { FlexrollError } from './FlexrollError.js';

/** Which of the two state machines refused a move. @example if (error.machine === 'enrollment') … */
export type StateMachineName = 'participation' | 'enrollment';

/**
 * Writes a participation state's name, e.g. in seed 002's vocabulary; anything that is not a state name comes back
 * as it is.
 * @example const asIs: StateNamer = (name) => name
 */
export type StateNamer = (name: string) => string;

/**
 * The detail of a refusal: plain text, or text whose participation-state names are written by the namer it is
 * given, so that the refusal can be said in the vocabulary of the request that caused it.
 * @example const detail: TransitionDetail = (name) => `no trigger leads from ${name('AWAITING_TELEMETRY')} to ${name('AWAITING_ELIGIBILITY')}`
 */
export type TransitionDetail = string | ((name: StateNamer) => string);

const AS_IS: StateNamer = (name) => name;

/**
 * A trigger (or a status move) that the current state does not accept. Names the current state and
 * what it does accept, so the caller can correct itself; the snapshot it was applied to is unchanged.
 *
 * @example
 * new IllegalTransitionError('participation', 'AWAITING_CONSENT', 'device_live', ['consent_granted', 'failed'])
 *   .message // "Cannot apply 'device_live' to a participation in AWAITING_CONSENT; it accepts: consent_granted, failed."
 */
export class IllegalTransitionError extends FlexrollError {
  constructor(
    readonly machine: StateMachineName,
    readonly currentState: string,
    readonly attempted: string,
    readonly accepted: readonly string[],
    readonly detail?: TransitionDetail,
  ) {
    const verb = machine === 'participation' ? 'apply' : 'move to';
    const accepts = accepted.length === 0 ? 'it accepts nothing more (terminal)' : `it accepts: ${accepted.join(', ')}`;
    const said = typeof detail === 'function' ? detail(AS_IS) : detail;
    super('illegal_transition', 'illegal_transition', `Cannot ${verb} '${attempted}' ${machine === 'participation' ? 'to a participation' : 'from an enrollment'} in ${currentState}${said ? ` (${said})` : ''}; ${accepts}.`);
  }

  /**
   * The same refusal with every participation-state name in it written by `name`: the current and attempted
   * states of a participation, and the names its detail marks as states (never a suspension reason, which seed
   * 002 does not rename although two of them are spelt like states). The original is kept as the cause.
   * @example
   * error.withStateNames((name) => (name === 'AWAITING_TELEMETRY' ? 'AWAITING_DEVICE_TELEMETRY' : name)).message
   * // "Cannot apply 'device_live' to a participation in AWAITING_DEVICE_TELEMETRY; it accepts: telemetry_received, failed."
   */
  withStateNames(name: StateNamer): IllegalTransitionError {
    const participation = this.machine === 'participation';
    const detail = this.detail;
    const renamed = new IllegalTransitionError(
      this.machine,
      participation ? name(this.currentState) : this.currentState,
      participation ? name(this.attempted) : this.attempted,
      this.accepted,
      typeof detail === 'function' ? (outer: StateNamer) => detail((state) => outer(name(state))) : detail,
    );
    Object.defineProperty(renamed, 'cause', { value: this, enumerable: false });
    return renamed;
  }
}
