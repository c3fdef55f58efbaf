import { toVocabulary, type ParticipationVocabulary } from '@flexroll/sdk';
import type { ParticipationStateChange } from '@flexroll/core';

/** One entry of a participation's full history, snake_case like the participation object, states in the caller's vocabulary. */
export function renderStateChange(change: ParticipationStateChange, vocabulary: ParticipationVocabulary): Record<string, unknown> {
  const { from, to, trigger, reason } = change.data;
  return {
    seq: change.seq,
    state: toVocabulary(to.state, vocabulary),
    suspension_reasons: [...to.suspensionReasons],
    previous_state: toVocabulary(from.state, vocabulary),
    trigger,
    ...(reason === undefined ? {} : { reason }),
    occurred_at: change.occurredAt,
    actor: { type: change.actor.type, id: change.actor.id },
  };
}
