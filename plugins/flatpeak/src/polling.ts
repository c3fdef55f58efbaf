import type { OperatorEventEffect, ParticipationView, SyncResults } from '@flexroll/sdk';
import type { FlatpeakContext } from './config.js';
import { FlatpeakApi } from './flatpeakApi.js';
import { remoteEffect } from './remoteMapping.js';

/**
 * Reads back each mirrored participation (seed 001's GET) and maps it as the remote's webhook would be: its state
 * kept as the `remote` status (so drift shows), a legal step ahead taken. One GET per participation: the remote has
 * no batch read; the platform's budget bounds how many a poll makes.
 */
export async function readBack(participations: readonly ParticipationView[], context: FlatpeakContext, meterAccessRequired: (participation: ParticipationView) => boolean): Promise<SyncResults> {
  const api = new FlatpeakApi(context);
  const results: Record<string, OperatorEventEffect> = {};
  for (const participation of participations) {
    const remoteId = participation.operatorReferences?.find((reference) => reference.kind === 'participation')?.value;
    if (remoteId === undefined) continue;
    const remote = await api.get(remoteId);
    if (remote === undefined) continue;
    const observedAt = remote.time_updated ?? context.now.toISOString();
    results[participation.id] = { ...remoteEffect(remote, participation, meterAccessRequired(participation)), observedAt: new Date(observedAt).toISOString(), stream: 'participation' };
  }
  return results;
}
