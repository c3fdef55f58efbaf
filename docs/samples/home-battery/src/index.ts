import { defineAdapter, FAILABLE_STATES, statusForParticipationState, triggerForStatusMove, type OperatorEventEffect, type ParticipationView } from '@flexroll/sdk';
import { manifest, type BatteryStatus } from './manifest.js';
import { createEnrollment, deleteEnrollmentOnLeaving } from './operatorApi.js';
import { receive } from './webhook.js';

/** What a battery status means where the participation stands. */
export function effectOf(status: BatteryStatus, participation: ParticipationView): OperatorEventEffect {
  const enrolling = FAILABLE_STATES.includes(participation.state); // ENROLMENT_REQUESTED … REGISTERED
  switch (status) {
    case 'INVITED':
      return participation.state === 'ENROLMENT_REQUESTED' ? { trigger: 'consent_requested' } : {};
    case 'PAIRED':
      return enrolling ? { steps: [{ trigger: 'control_confirmed', awaitState: 'CONFIRMING_DISPATCH' }] } : {};
    case 'LIVE':
      return enrolling ? { steps: [{ trigger: 'control_confirmed', awaitState: 'CONFIRMING_DISPATCH' }, { trigger: 'device_live', awaitState: 'REGISTERED' }] } : {};
    case 'LOW_BATTERY': // the operator's own pause: raised as the adapter's own, so its CHARGED clears only this one
      return participation.state === 'ACTIVE' || participation.state === 'SUSPENDED' ? { trigger: 'suspension_raised', suspensionReason: 'OPERATOR_REQUEST', owned: true } : {};
    case 'CHARGED':
      return participation.state === 'SUSPENDED' ? { trigger: 'suspension_cleared', suspensionReason: 'OPERATOR_REQUEST' } : {};
    case 'REMOVED':
      return enrolling ? { trigger: 'failed', reason: 'Home battery: REMOVED' } : {};
  }
}

export default defineAdapter({
  manifest,
  needs: ['logger', 'http'],
  triggerForStatusMove: ({ from, to, participation }) => triggerForStatusMove(from, to, participation.state),
  statusForParticipation: ({ to, from, currentStatus }) => statusForParticipationState(to.state, from.state, currentStatus),
  onParticipationCreated: (participation, context) => createEnrollment(participation, context),
  onParticipationChanged: (move, participation, context) => deleteEnrollmentOnLeaving(move, participation, context),
  receiveWebhook: (request, context) => receive(request, context.config.webhookSecret),
  mapOperatorEvent: ({ payload }, participation) => effectOf(payload.status, participation),
});
