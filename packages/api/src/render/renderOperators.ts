import type { AdapterOutboxItem, DriftingParticipation } from '@flexroll/core';
import { renderOutboxAttempts } from './renderOutboxAttempts.js';

/** A participation in drift, as the instance's drift report lists it. */
export function renderDrifting(entry: DriftingParticipation): Record<string, unknown> {
  const statuses = entry.participation.nativeStatuses ?? {};
  return {
    participationId: entry.participation.id,
    enrollmentId: entry.enrollmentId,
    state: entry.state,
    nativeStatuses: Object.entries(statuses).map(([name, status]) => ({ name, value: status.value, since: status.since, observedAt: status.observedAt })),
    drift: { since: entry.drift.since, statuses: [...entry.drift.statuses] },
  };
}

/** An adapter outbox item: the move it reports (or the creation: `operation`) and how its delivery stands. */
export function renderOutboxItem(item: AdapterOutboxItem): Record<string, unknown> {
  return {
    id: item.id,
    adapterId: item.adapterId,
    enrollmentId: item.enrollmentId,
    participationId: item.participationId,
    seq: item.seq,
    ...(item.move === undefined ? { operation: 'onParticipationCreated' } : { move: { trigger: item.move.trigger, from: item.move.from.state, to: item.move.to.state } }),
    ...renderOutboxAttempts(item),
    ...(item.deliveredAt === undefined ? {} : { deliveredAt: item.deliveredAt }),
  };
}
