import type { ParticipationMove, ParticipationView } from '@flexroll/sdk';
import type { FlatpeakContext } from './config.js';
import { FlatpeakApi } from './flatpeakApi.js';
import { submissionFor } from './remoteMapping.js';

/**
 * Mirrors one participation move to the remote (run by the platform's outbox, retried until it succeeds): the
 * remote participation is created on the first move, with Flexroll's id as the provider's reference, and its id
 * linked as an operator reference; every move then submits where the participation stands now, in the remote's
 * vocabulary (seed 002). Submitting the current state rather than the move makes a late or repeated delivery
 * harmless: the remote ends where Flexroll is.
 */
export async function mirrorMove(_move: ParticipationMove, participation: ParticipationView, context: FlatpeakContext): Promise<void> {
  const api = new FlatpeakApi(context);
  let remoteId = participation.operatorReferences?.find((reference) => reference.kind === 'participation')?.value;
  if (remoteId === undefined) {
    remoteId = (await api.create(participation)).id;
    await context.references.link({ kind: 'participation', value: remoteId }, participation.id);
  }
  await api.submit(remoteId, submissionFor(participation, context.config.vocabulary ?? 'v1'));
}

