import type { Clock, ParticipationRecord } from '@flexroll/core';
import type { ParticipationVocabulary } from '@flexroll/sdk';
import { renderParticipation } from '../render/renderParticipation.js';
import type { RouteResult } from './RouteDefinition.js';

/** A 200 with the participation in seed 001's shape, in the caller's vocabulary. */
export function participationResponse(record: ParticipationRecord, vocabulary: ParticipationVocabulary): RouteResult {
  return { status: 200, body: renderParticipation(record, vocabulary) };
}

/** A time the client gave (normalised to ISO-8601 UTC), or the platform's now. */
export function givenOrNow(clock: Clock, given: string | undefined): string {
  return (given === undefined ? clock.now() : new Date(given)).toISOString();
}
