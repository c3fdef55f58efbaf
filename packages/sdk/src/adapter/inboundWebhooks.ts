import type { OperatorEvent } from './OperatorEventEffect.js';

/**
 * An operator's own webhook exactly as it arrived at `POST /programInstances/{instanceId}/operator-webhooks`: the
 * body's bytes, unparsed (a signature is computed over them, so no JSON round trip may touch them), and the
 * headers with lower-case names.
 *
 * @example
 * const signature = request.headers['x-kraken-signature'];
 * const text = new TextDecoder().decode(request.body);
 */
export interface InboundWebhookRequest {
  readonly body: Uint8Array;
  readonly headers: Readonly<Record<string, string>>;
  /** The platform's clock when the request arrived, for checking a signed timestamp's age. */
  readonly receivedAt: Date;
}

/**
 * One event parsed from an operator's webhook, and whom it is about: Flexroll's participation id when the operator
 * echoes it back, or the operator's own id (`reference`), which the platform looks up in the instance's map of
 * operator references. When both are given, the reference is linked to that participation.
 *
 * @example
 * const parsed: InboundOperatorEvent = {
 *   type: 'device.status', payload: { status: 'LIVE' }, occurredAt: '2025-01-01T09:00:00Z', sequence: 42,
 *   reference: { kind: 'device', value: 'krakenflex-device-7f3a' },
 * };
 */
export interface InboundOperatorEvent extends OperatorEvent {
  readonly participationId?: string;
}

/**
 * What `receiveWebhook` answers once it has verified the request: the events in it, in the operator's order.
 * @example const result: InboundWebhookResult = { events: [parsed] };
 */
export interface InboundWebhookResult {
  readonly events: readonly InboundOperatorEvent[];
}
