import { type Clock, etagOf, type ParticipationRecord } from '@flexroll/core';
import { PARTICIPATION_STATES, type ParticipationState, type ParticipationVocabulary } from '@flexroll/sdk';
import { acceptedLanguages, negotiateLocale, translator } from '../customerPages/Locales.js';
import { CATALOGUES } from '../customerPages/messages/catalogues.js';
import { renderParticipation } from '../render/renderParticipation.js';
import type { RouteResult } from './RouteDefinition.js';

/** The header a participation answer names its messages' locale in, for the OpenAPI document. */
export const CONTENT_LANGUAGE_HEADER = {
  'Content-Language': 'The locale of the timeline’s customer messages (`description`): the best of Accept-Language among en, nl and de; `en` (seed 000’s wording) by default',
} as const;

/**
 * A 200 with the participation in seed 001's shape, in the caller's vocabulary, its customer messages in the best of
 * `Accept-Language` the customer pages' catalogues speak (issue 22), which `Content-Language` names. English, the
 * default, is seed 000's wording (or the adapter's own, where it words a state differently).
 */
export function participationResponse(record: ParticipationRecord, vocabulary: ParticipationVocabulary, acceptLanguage?: string): RouteResult {
  const locale = negotiateLocale(Object.keys(CATALOGUES), acceptedLanguages(acceptLanguage));
  const messages = locale === 'en' ? record.messages : customerMessagesIn(locale);
  // Its enrollment's `seq` is the `ETag`: every move of the participation is a change to its enrollment, guarded by
  // that `seq` (issue 24).
  return { status: 200, body: renderParticipation({ ...record, messages }, vocabulary), headers: { 'Content-Language': locale, ETag: etagOf(record.enrollment.seq) } };
}

/** Seed 000's customer message of every state, in a locale's catalogue. */
function customerMessagesIn(locale: string): Partial<Record<ParticipationState, string>> {
  const t = translator(locale);
  return Object.fromEntries(PARTICIPATION_STATES.map((state) => [state, t.t(`state.${state}`)]));
}

/** A time the client gave (normalised to ISO-8601 UTC), or the platform's now. */
export function givenOrNow(clock: Clock, given: string | undefined): string {
  return (given === undefined ? clock.now() : new Date(given)).toISOString();
}
