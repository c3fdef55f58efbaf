import { defineAdapter, FAILABLE_STATES, statusForParticipationState, triggerForStatusMove, type OperatorEventEffect, type ParticipationView } from '@flexroll/sdk';
import type { KrakenConfig } from './config.js';
import type { KrakenEvent } from './events.js';
import type { DeviceType, Provider } from './krakenEnums.js';
import { manifest } from './manifest.js';
import { deviceStatusEffect, eligibilityEffect, smartControlEffect, testDispatchEffect } from './mapping.js';
import { ACCOUNT_DEVICE, pollKraken } from './polling.js';
import { providerMismatch } from './providers.js';
import { tellKraken } from './sideEffects.js';
import { receiveKrakenWebhook } from './webhook.js';

/**
 * The KrakenFlex adapter (seed 003). Flexroll's enrollment status follows the reference mapping; Kraken's four
 * statuses (device, test dispatch, smart control, eligibility) arrive as signed webhooks or by polling, and are kept
 * beside the participation's state; Flexroll's moves reach Kraken as GraphQL calls through the outbox.
 */
export default defineAdapter({
  manifest,
  needs: ['logger', 'http'],
  triggerForStatusMove: ({ from, to, participation }) => triggerForStatusMove(from, to, participation.state),
  statusForParticipation: ({ to, from, currentStatus }) => statusForParticipationState(to.state, from.state, currentStatus),
  receiveWebhook: (request, context) => receiveKrakenWebhook(request, context.config.webhookSecret),
  mapOperatorEvent: (event, participation, context) => withAccount(event, effectOf(event, participation, context.config, context.now)),
  syncMany: (participations, context) => pollKraken(participations, context),
  onParticipationChanged: (move, participation, context) => tellKraken(move, participation, context),
  messages: {
    CONFIRMING_DISPATCH: 'We’re running a short test charge to check we can control your device.',
  },
});

function effectOf(event: KrakenEvent, participation: ParticipationView, config: KrakenConfig, now: Date): OperatorEventEffect {
  const occurredAt = event.occurredAt ?? now.toISOString();
  switch (event.type) {
    case 'device.status': {
      const { status } = event.payload;
      const refusal = deviceRefusal(event.payload, participation, config);
      if (refusal !== undefined && participation.state !== 'FAILED') return { nativeStatuses: { device: status }, ...failIfEnrolling(participation, refusal) };
      return deviceStatusEffect(status, participation, occurredAt);
    }
    case 'test_dispatch.status':
      return testDispatchEffect(event.payload.status, event.payload.assessmentFailureReason, participation, occurredAt);
    case 'smart_control.changed':
      return smartControlEffect(event.payload.action, participation);
    case 'eligibility.updated':
      return eligibilityEffect(event.payload.eligibility, event.payload.ineligibilityReasons ?? [], participation);
    default:
      return {};
  }
}

/** A device this programme cannot take: registered through another maker's provider, or of a type it does not run. */
function deviceRefusal(device: { readonly provider?: Provider; readonly deviceType?: DeviceType }, participation: ParticipationView, config: KrakenConfig): string | undefined {
  const types = config.deviceTypes;
  if (device.deviceType !== undefined && types !== undefined && !types.includes(device.deviceType)) return `KrakenFlex device type ${device.deviceType} is not one this programme takes (${types.join(', ')})`;
  return device.provider === undefined ? undefined : providerMismatch(device.provider, participation.manufacturerSlugs);
}

function failIfEnrolling(participation: ParticipationView, reason: string): OperatorEventEffect {
  return FAILABLE_STATES.includes(participation.state) ? { trigger: 'failed', reason } : {};
}

/**
 * Every event names the Kraken account the device is under: linked as `account-device` (`<account>/<device>`), so
 * that polling can ask the account about the device. The account alone is not a reference: one account can hold
 * several devices, each its own participation, and a reference belongs to one participation.
 */
function withAccount(event: KrakenEvent, effect: OperatorEventEffect): OperatorEventEffect {
  const { accountNumber, deviceId } = event.payload;
  if (accountNumber === undefined) return effect;
  return { ...effect, references: [...(effect.references ?? []), { kind: ACCOUNT_DEVICE, value: `${accountNumber}/${deviceId}` }] };
}

export { manifest };
export { MANUFACTURER_SLUG_BY_PROVIDER } from './providers.js';
export { signKrakenWebhook } from './webhook.js';
export * from './krakenEnums.js';
