import { buildParticipationTimeline, renderTimelineInVocabulary, toVocabulary, type ParticipationVocabulary } from '@flexroll/sdk';
import type { ParticipationRecord } from '@flexroll/core';

/**
 * A participation in seed 001's shape, keys in the example's order, with seed 002's `reference_id`. States are
 * named in the vocabulary the caller chose; the derived flags, the adapter's messages and the instance's expected
 * durations (each entry's `expected_at`) come with the record. A logo or learn-more link nobody gave is `null`.
 */
export function renderParticipation(record: ParticipationRecord, vocabulary: ParticipationVocabulary): Record<string, unknown> {
  const { participation, instance, program } = record;
  const timeline = buildParticipationTimeline(participation.history, {
    meterAccessRequired: instance.meterAccessRequired,
    meterAccessAvailable: participation.meterAccessAvailable,
    expectedDurations: record.expectedDurations,
    messages: record.messages,
  });
  return {
    object: 'vpp-participation',
    id: participation.id,
    ...(participation.referenceId === undefined ? {} : { reference_id: participation.referenceId }),
    live_mode: participation.liveMode,
    device_id: participation.deviceId,
    location_id: participation.locationId,
    current_state: toVocabulary(participation.state, vocabulary),
    control_active: record.controlActive,
    telemetry_active: record.telemetryActive,
    suspension_reasons: [...participation.suspensionReasons],
    // The timeline is built in seed 000's names, which are the v1 vocabulary already.
    participation_state: vocabulary === 'v1' ? timeline : renderTimelineInVocabulary(timeline, vocabulary),
    time_updated: participation.updatedAt,
    time_created: participation.createdAt,
    provider: {
      id: program.provider.id,
      provider_display_name: program.provider.providerDisplayName,
      logo_url: program.provider.logoUrl ?? null,
    },
    programme: {
      id: program.id,
      programme_display_name: program.name,
      learn_more_url: program.learnMoreUrl ?? null,
    },
    account_id: participation.accountId,
    ...renderOperatorStatuses(record),
  };
}

/** The operator's named statuses and their drift, when the instance's adapter declares any (additions to seed 001). */
function renderOperatorStatuses(record: ParticipationRecord): Record<string, unknown> {
  if (record.nativeStatuses === undefined) return {};
  return {
    native_statuses: record.nativeStatuses.map(({ name, status }) => ({ name, value: status.value, since: status.since, observed_at: status.observedAt })),
    drift: record.drift === undefined ? null : { since: record.drift.since, statuses: [...record.drift.statuses] },
  };
}
