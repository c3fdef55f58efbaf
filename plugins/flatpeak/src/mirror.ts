import type { ParticipationMove, ParticipationView } from '@flexroll/sdk';
import type { FlatpeakContext } from './config.js';
import { FlatpeakApi } from './flatpeakApi.js';
import { submissionFor } from './remoteMapping.js';

/**
 * Mirrors one participation move to the remote (run by the platform's outbox, retried until it succeeds): the
 * remote participation is created at creation ({@link mirrorCreation}), or on the first move if it was not, with Flexroll's id as the provider's reference, and its id
 * linked as an operator reference; every move then submits where the participation stands now, in the remote's
 * vocabulary (seed 002). Submitting the current state rather than the move makes a late or repeated delivery
 * harmless: the remote ends where Flexroll is.
 */
export async function mirrorMove(_move: ParticipationMove, participation: ParticipationView, context: FlatpeakContext): Promise<void> {
  const api = new FlatpeakApi(context);
  const remoteId = await remoteOf(participation, api, context);
  await api.submit(remoteId, submissionFor(participation, context.config.vocabulary ?? 'v1'));
}

/**
 * Creates the remote participation as soon as Flexroll's is created (`onParticipationCreated`, through the outbox),
 * so the remote hears of every customer even where nothing moves the participation yet. It starts in
 * ENROLMENT_REQUESTED on both sides, so there is nothing to submit. Safe to repeat: a linked one is not created again.
 */
export async function mirrorCreation(participation: ParticipationView, context: FlatpeakContext): Promise<void> {
  await remoteOf(participation, new FlatpeakApi(context), context);
}

/** The remote participation's id: the linked one, or one created now (and linked). */
async function remoteOf(participation: ParticipationView, api: FlatpeakApi, context: FlatpeakContext): Promise<string> {
  const linked = participation.operatorReferences?.find((reference) => reference.kind === 'participation')?.value;
  if (linked !== undefined) return linked;
  const remoteId = (await api.create(participation)).id;
  await context.references.link({ kind: 'participation', value: remoteId }, participation.id);
  return remoteId;
}

