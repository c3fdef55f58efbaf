import type { ParticipationState } from './states.js';
import { SUSPENSION_REASONS, type SuspensionReason } from './suspensionReasons.js';

/**
 * Who must act for a participation's step in progress to end: the customer, the programme's operator, the workspace
 * (its administrators or its own systems) or the platform itself (its sweep).
 * @example WAITING_ON.includes('operator') // true
 */
export const WAITING_ON = ['customer', 'operator', 'workspace', 'platform'] as const;

/** One of {@link WAITING_ON}. @example const owner: WaitingOn = 'customer' */
export type WaitingOn = (typeof WAITING_ON)[number];

/** What else {@link waitingOnOf} needs to know, where the state alone does not say. */
export interface WaitingOnFacts {
  /** WINDING_DOWN: whether the outstanding rewards are settled (then only the platform's sweep is left to act). */
  readonly rewardsSettled?: boolean;
}

/**
 * Who each state waits on, where it does not depend on anything else. ENROLMENT_REQUESTED waits on the workspace:
 * its integration asks the customer for consent (`consent_requested`). The operator checks, registers, confirms
 * control and serves notice. A state absent here waits on nobody: ACTIVE, nothing is expected to end it; the
 * terminal states and UNENROLLED, nothing follows.
 */
const WAITING_ON_BY_STATE: Partial<Readonly<Record<ParticipationState, WaitingOn>>> = Object.freeze({
  ENROLMENT_REQUESTED: 'workspace',
  AWAITING_CONSENT: 'customer',
  AWAITING_TELEMETRY: 'customer',
  AWAITING_METER_ACCESS: 'customer',
  CONFIRMING_DISPATCH: 'operator',
  AWAITING_ELIGIBILITY: 'operator',
  AWAITING_REGISTRATION: 'operator',
  REGISTERED: 'operator',
  UNENROLMENT_REQUESTED: 'operator',
});

/**
 * Who must act to end each suspension reason (seed 000's "recovers"): the customer switches the device on, renews
 * consent or resumes; the operator restores control or removes its own suspension.
 */
const WAITING_ON_BY_REASON: Readonly<Record<SuspensionReason, WaitingOn>> = Object.freeze({
  AWAITING_TELEMETRY: 'customer',
  AWAITING_DISPATCH: 'operator',
  AWAITING_CONSENT: 'customer',
  OPERATOR_REQUEST: 'operator',
  CUSTOMER_REQUEST: 'customer',
});

/**
 * Who must act for a participation's step in progress to end: the one rule behind a deadline's `waitingOn`
 * (issue 20; `docs/state-machines.md` has its table). SUSPENDED waits on whoever ends its first active reason in
 * seed 000's order; WINDING_DOWN on the operator until the rewards are settled, then on the platform, whose sweep
 * completes it. Undefined for a state nobody is expected to end (ACTIVE, UNENROLLED, the terminal states), and for
 * SUSPENDED without a reason.
 * @example waitingOnOf('AWAITING_CONSENT', []) // 'customer'
 * @example waitingOnOf('SUSPENDED', ['CUSTOMER_REQUEST', 'AWAITING_DISPATCH']) // 'operator' (AWAITING_DISPATCH comes first in the seed)
 * @example waitingOnOf('WINDING_DOWN', [], { rewardsSettled: true }) // 'platform'
 */
export function waitingOnOf(state: ParticipationState, suspensionReasons: readonly SuspensionReason[], facts: WaitingOnFacts = {}): WaitingOn | undefined {
  if (state === 'SUSPENDED') {
    const first = SUSPENSION_REASONS.find((reason) => suspensionReasons.includes(reason));
    return first === undefined ? undefined : WAITING_ON_BY_REASON[first];
  }
  if (state === 'WINDING_DOWN') return facts.rewardsSettled === true ? 'platform' : 'operator';
  return WAITING_ON_BY_STATE[state];
}
