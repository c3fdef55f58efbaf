import type { Static } from '@sinclair/typebox';
import type { StateSubmission } from '@flexroll/core';
import type { ParticipationVocabulary } from '@flexroll/sdk';
import type { SubmitParticipationStateBody } from '../schemas/participationSchemas.js';

type SubmitBody = Static<typeof SubmitParticipationStateBody>;

/** The timeline fields the platform writes itself: a provider may send them back, and they are not taken. */
const PLATFORM_FIELDS = ['description', 'expected_at'] as const;

/** Seed 002's body as the core reads it: every entry, in the request's vocabulary, with the provider's time. */
export function toStateSubmission(body: SubmitBody, vocabulary: ParticipationVocabulary): StateSubmission {
  return {
    vocabulary,
    entries: body.participation_state.map((entry) => ({
      state: entry.state,
      ...(entry.status === undefined ? {} : { status: entry.status }),
      ...(entry.suspension_reasons === undefined ? {} : { suspensionReasons: entry.suspension_reasons }),
      ...(entry.occurred_at === undefined || entry.occurred_at === null ? {} : { occurredAt: entry.occurred_at }),
    })),
    ...(body.reference_id === undefined ? {} : { referenceId: body.reference_id }),
  };
}

export const IGNORED_FIELDS_DESCRIPTION =
  'What the submission sent that was not taken, as comma-separated JSON pointers: a field the platform writes itself ' +
  '(`/participation_state/0/description`, `…/expected_at`), or a whole PENDING entry (`/participation_state/3`), a state expected and not reached. Absent when everything was taken.';

/**
 * `Flexroll-Ignored-Fields`: what the submission sent that was not taken, as JSON pointers into its body, so that the
 * response itself stays seed 001's object. A field's pointer (`/participation_state/0/description`) is a field the
 * platform writes itself; an entry's (`/participation_state/3`) is a PENDING entry, a state expected and not reached.
 */
export function ignoredFieldsHeader(body: SubmitBody): { headers?: Record<string, string> } {
  const ignored = body.participation_state.flatMap((entry, index) => {
    const at = `/participation_state/${index}`;
    if (entry.status === 'PENDING') return [at];
    return PLATFORM_FIELDS.filter((field) => entry[field] !== undefined).map((field) => `${at}/${field}`);
  });
  return ignored.length === 0 ? {} : { headers: { 'Flexroll-Ignored-Fields': ignored.join(', ') } };
}
