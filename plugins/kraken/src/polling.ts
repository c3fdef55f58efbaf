import type { OperatorEventEffect, ParticipationView, SyncResults } from '@flexroll/sdk';
import type { KrakenContext } from './config.js';
import { KrakenGraphql, type KrakenDevice } from './krakenGraphql.js';
import { deviceStatusEffect, smartControlEffect } from './mapping.js';

/** The reference kind that says which Kraken account a device is under: `<account number>/<device id>`. */
export const ACCOUNT_DEVICE = 'account-device';

/**
 * Polls Kraken for the participations it was handed: one devices query per Kraken account (from the
 * `account-device` reference Kraken's webhooks linked), each device's status mapped as a `device.status` event
 * would be, and its suspension as smart control. A participation with no linked account and device reports nothing.
 */
export async function pollKraken(participations: readonly ParticipationView[], context: KrakenContext): Promise<SyncResults> {
  const byAccount = new Map<string, ParticipationView[]>();
  const deviceOf = new Map<string, string>();
  for (const participation of participations) {
    const [account, device] = referenceOf(participation, ACCOUNT_DEVICE)?.split('/', 2) ?? [];
    if (account === undefined || device === undefined) continue;
    deviceOf.set(participation.id, device);
    byAccount.set(account, [...(byAccount.get(account) ?? []), participation]);
  }
  const kraken = new KrakenGraphql(context);
  const results: Record<string, OperatorEventEffect[]> = {};
  const observedAt = context.now.toISOString();
  for (const [account, members] of byAccount) {
    const devices = new Map((await kraken.deviceStatuses(account)).map((device): [string, KrakenDevice] => [device.id, device]));
    for (const participation of members) {
      const device = devices.get(deviceOf.get(participation.id)!);
      if (device === undefined) continue;
      results[participation.id] = [
        { ...deviceStatusEffect(device.status, participation, observedAt), observedAt, stream: 'device.status' },
        { ...smartControlEffect(device.isSuspended ? 'SUSPEND' : 'UNSUSPEND', participation), observedAt, stream: 'smart_control.changed' },
      ];
    }
  }
  return results;
}

function referenceOf(participation: ParticipationView, kind: string): string | undefined {
  return participation.operatorReferences?.find((reference) => reference.kind === kind)?.value;
}
