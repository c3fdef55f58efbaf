import {
  acceptedParticipationTriggers,
  defineAdapter,
  IllegalTransitionError,
  statusForParticipationState,
  triggerForStatusMove,
  type OperatorEventEffect,
} from '@flexroll/sdk';
import { manifest } from './manifest.js';

/**
 * The reference adapter (DESIGN §2c): Enrolment states up to AWAITING_ELIGIBILITY are `candidate`,
 * AWAITING_REGISTRATION is `submitted`, REGISTERED to WINDING_DOWN are `approved`, UNENROLLED and OFFBOARDED are
 * `unenrolled`; INELIGIBLE is `ineligible` at eligibility and `rejected` at registration; FAILED follows the
 * status it left. Its one operator event lets operator staff fire a trigger by event as well as by API.
 */
export default defineAdapter({
  manifest,
  triggerForStatusMove: ({ from, to, participation }) => triggerForStatusMove(from, to, participation.state),
  statusForParticipation: ({ to, from, currentStatus }) => statusForParticipationState(to.state, from.state, currentStatus),
  mapOperatorEvent: ({ payload }, participation): OperatorEventEffect => {
    // The payload was validated against the manifest's schema, which lists the triggers and reasons (and types it).
    const { trigger, suspension_reason, reason } = payload;
    // Operator staff named the trigger: one the participation cannot take is their request's fault, refused as such.
    const accepted = acceptedParticipationTriggers(participation);
    if (!accepted.includes(trigger)) throw new IllegalTransitionError('participation', participation.state, trigger, accepted);
    return {
      trigger,
      // A pause staff raise by event is the operator's own, so their later clear by event lifts it (and only such a one).
      ...(trigger === 'suspension_raised' ? { owned: true } : {}),
      ...(suspension_reason === undefined ? {} : { suspensionReason: suspension_reason }),
      ...(reason === undefined ? {} : { reason }),
    };
  },
});

export { manifest };
