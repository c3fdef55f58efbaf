import { type Clock, etagOf, type ParticipationRecord } from '@flexroll/core';
import type { ParticipationVocabulary } from '@flexroll/sdk';
import { renderParticipation } from '../render/renderParticipation.js';
import type { RouteResult } from './RouteDefinition.js';

/**
 * A 200 with the participation in seed 001's shape, in the caller's vocabulary, and its enrollment's `seq` as the
 * `ETag`: every move of the participation is a change to its enrollment, guarded by that `seq` (issue 24).
 */
export function participationResponse(record: ParticipationRecord, vocabulary: ParticipationVocabulary): RouteResult {
  return { status: 200, body: renderParticipation(record, vocabulary), headers: { ETag: etagOf(record.enrollment.seq) } };
}

/** A time the client gave (normalised to ISO-8601 UTC), or the platform's now. */
export function givenOrNow(clock: Clock, given: string | undefined): string {
  return (given === undefined ? clock.now() : new Date(given)).toISOString();
}
