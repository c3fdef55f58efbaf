import { defineAdapter, statusForParticipationState, triggerForStatusMove, type OperatorEvent, type OperatorEventEffect, type ParticipationView } from '@flexroll/sdk';
import type { KrakenConfig } from './config.js';
import type { DeviceStatus, DeviceType, Eligibility, IneligibilityReason, Provider, SmartControlAction, TestDispatchFailureReason, TestDispatchStatus } from './krakenEnums.js';
import { manifest } from './manifest.js';
import { deviceStatusEffect, eligibilityEffect, smartControlEffect, testDispatchEffect } from './mapping.js';
import { ACCOUNT_DEVICE, pollKraken } from './polling.js';
import { providerMismatch } from './providers.js';
import { tellKraken } from './sideEffects.js';
import { receiveKrakenWebhook } from './webhook.js';

/** The fields every Kraken event's data carries, and each type's own. */
interface KrakenEventData {
  readonly deviceId: string;
  readonly accountNumber?: string;
  readonly status?: DeviceStatus & TestDispatchStatus;
  readonly provider?: Provider;
  readonly deviceType?: DeviceType;
  readonly assessmentFailureReason?: TestDispatchFailureReason;
  readonly action?: SmartControlAction;
  readonly eligibility?: Eligibility;
  readonly ineligibilityReasons?: readonly IneligibilityReason[];
}

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

function effectOf(event: OperatorEvent, participation: ParticipationView, config: KrakenConfig, now: Date): OperatorEventEffect {
  const data = event.payload as KrakenEventData; // validated against the manifest's schema for its type
  const occurredAt = event.occurredAt ?? now.toISOString();
  switch (event.type) {
    case 'device.status': {
      const refusal = deviceRefusal(data, participation, config);
      if (refusal !== undefined && participation.state !== 'FAILED') return { nativeStatuses: { device: data.status! }, ...failIfEnrolling(participation, refusal) };
      return deviceStatusEffect(data.status!, participation, occurredAt);
    }
    case 'test_dispatch.status':
      return testDispatchEffect(data.status!, data.assessmentFailureReason, participation, occurredAt);
    case 'smart_control.changed':
      return smartControlEffect(data.action!, participation);
    case 'eligibility.updated':
      return eligibilityEffect(data.eligibility!, data.ineligibilityReasons ?? [], participation);
    default:
      return {};
  }
}

/** A device this programme cannot take: registered through another maker's provider, or of a type it does not run. */
function deviceRefusal(data: KrakenEventData, participation: ParticipationView, config: KrakenConfig): string | undefined {
  const types = config.deviceTypes;
  if (data.deviceType !== undefined && types !== undefined && !types.includes(data.deviceType)) return `KrakenFlex device type ${data.deviceType} is not one this programme takes (${types.join(', ')})`;
  return data.provider === undefined ? undefined : providerMismatch(data.provider, participation.manufacturerSlugs);
}

function failIfEnrolling(participation: ParticipationView, reason: string): OperatorEventEffect {
  const enrolling = ['ENROLMENT_REQUESTED', 'AWAITING_CONSENT', 'AWAITING_TELEMETRY', 'AWAITING_METER_ACCESS', 'CONFIRMING_DISPATCH', 'AWAITING_ELIGIBILITY', 'AWAITING_REGISTRATION', 'REGISTERED'];
  return enrolling.includes(participation.state) ? { trigger: 'failed', reason } : {};
}

/**
 * Every event names the Kraken account the device is under: linked as `account-device` (`<account>/<device>`), so
 * that polling can ask the account about the device. The account alone is not a reference: one account can hold
 * several devices, each its own participation, and a reference belongs to one participation.
 */
function withAccount(event: OperatorEvent, effect: OperatorEventEffect): OperatorEventEffect {
  const { accountNumber, deviceId } = event.payload as KrakenEventData;
  if (accountNumber === undefined) return effect;
  return { ...effect, references: [...(effect.references ?? []), { kind: ACCOUNT_DEVICE, value: `${accountNumber}/${deviceId}` }] };
}

export { manifest };
export { MANUFACTURER_SLUG_BY_PROVIDER } from './providers.js';
export { signKrakenWebhook } from './webhook.js';
export * from './krakenEnums.js';
