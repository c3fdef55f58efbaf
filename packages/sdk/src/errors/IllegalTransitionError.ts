import { FlexrollError } from './FlexrollError.js';

/** Which of the two state machines refused a move. @example if (error.machine === 'enrollment') … */
export type StateMachineName = 'participation' | 'enrollment';

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
    detail?: string,
  ) {
    const verb = machine === 'participation' ? 'apply' : 'move to';
    const accepts = accepted.length === 0 ? 'it accepts nothing more (terminal)' : `it accepts: ${accepted.join(', ')}`;
    super('illegal_transition', 'illegal_transition', `Cannot ${verb} '${attempted}' ${machine === 'participation' ? 'to a participation' : 'from an enrollment'} in ${currentState}${detail ? ` (${detail})` : ''}; ${accepts}.`);
  }
}
