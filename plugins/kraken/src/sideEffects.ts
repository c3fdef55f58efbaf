import type { ParticipationMove, ParticipationView } from '@flexroll/sdk';
import type { KrakenContext } from './config.js';
import { KrakenGraphql } from './krakenGraphql.js';

const PAUSES = ['OPERATOR_REQUEST', 'CUSTOMER_REQUEST'];

/**
 * What Kraken must be told when a participation moves (run by the platform's outbox, retried until it succeeds):
 * - its provider reference (seed 002's `reference_id`) is taken as the Kraken device id, if none is linked yet;
 * - reaching CONFIRMING_DISPATCH starts a test dispatch (unless the config turns that off);
 * - a pause by the operator or the customer (OPERATOR_REQUEST, CUSTOMER_REQUEST) suspends smart control, and the
 *   last one lifted unsuspends it — so the device is really not dispatched while Flexroll says it is paused.
 * Without a linked KrakenFlex device there is nothing to tell: Kraken runs its own onboarding test when the device
 * registers, and a device it does not know cannot be suspended. Each call is safe to repeat.
 */
export async function tellKraken(move: ParticipationMove, participation: ParticipationView, context: KrakenContext): Promise<void> {
  let deviceId = participation.operatorReferences?.find((reference) => reference.kind === 'device')?.value;
  if (deviceId === undefined && participation.providerReferenceId !== undefined) {
    await context.references.link({ kind: 'device', value: participation.providerReferenceId }, participation.id);
    deviceId = participation.providerReferenceId;
  }
  if (deviceId === undefined) return;
  const kraken = new KrakenGraphql(context);
  if (move.to.state === 'CONFIRMING_DISPATCH' && move.from.state !== 'CONFIRMING_DISPATCH' && context.config.startTestDispatch !== false) {
    context.logger.info('kraken test dispatch requested', { participationId: participation.id, deviceId });
    await kraken.startTestDispatch(deviceId);
  }
  const pausedBefore = move.from.suspensionReasons.some((reason) => PAUSES.includes(reason));
  const pausedNow = move.to.suspensionReasons.some((reason) => PAUSES.includes(reason));
  if (pausedBefore !== pausedNow) {
    const action = pausedNow ? 'SUSPEND' : 'UNSUSPEND';
    if (participation.nativeStatuses?.smartControl?.value !== action) {
      context.logger.info('kraken smart control changed', { participationId: participation.id, deviceId, action });
      await kraken.setSmartControl(deviceId, action);
    }
  }
}
