import { defineAdapter, statusForParticipationState, triggerForStatusMove, type ParticipationView } from '@flexroll/sdk';
import { manifest } from './manifest.js';
import { mirrorCreation, mirrorMove } from './mirror.js';
import { readBack } from './polling.js';
import { remoteEffect } from './remoteMapping.js';
import { receiveFlatpeakWebhook } from './webhook.js';

/**
 * Whether the participation's instance requires meter access, as far as the adapter can tell: the remote only moves
 * a participation past telemetry, and findTriggerToState needs to know which row applies. A participation that has
 * been through AWAITING_METER_ACCESS, or has meter access, settles it.
 */
const meterAccessRequired = (participation: ParticipationView) =>
  !participation.meterAccessAvailable && participation.history.some((entry) => entry.state === 'AWAITING_METER_ACCESS');

/**
 * The Flatpeak adapter: Flexroll's participations mirrored to a Flatpeak-style participation API (seeds 001–002),
 * in either vocabulary, with Flexroll's id as the provider's reference (created with the participation, with the
 * customer's e-mail when the instance granted it); the remote's own changes come back as signed
 * webhooks or by reading back seed 001's object, and its state is kept beside Flexroll's to flag drift. The
 * enrollment status follows the reference mapping.
 */
export default defineAdapter({
  manifest,
  needs: ['http'],
  triggerForStatusMove: ({ from, to, participation }) => triggerForStatusMove(from, to, participation.state),
  statusForParticipation: ({ to, from, currentStatus }) => statusForParticipationState(to.state, from.state, currentStatus),
  receiveWebhook: (request, context) => receiveFlatpeakWebhook(request, context.config.webhookSecret),
  mapOperatorEvent: ({ payload }, participation) => remoteEffect(payload, participation, meterAccessRequired(participation)),
  syncMany: (participations, context) => readBack(participations, context, meterAccessRequired),
  onParticipationCreated: (participation, context) => mirrorCreation(participation, context),
  onParticipationChanged: (move, participation, context) => mirrorMove(move, participation, context),
});

export { manifest };
export { signFlatpeakWebhook } from './webhook.js';
export { submissionFor, stateOf } from './remoteMapping.js';
