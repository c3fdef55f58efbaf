import {
  buildParticipationTimeline,
  isControlActive,
  isTelemetryActive,
  renderTimelineInVocabulary,
  toVocabulary,
  type ParticipationState,
  type ParticipationVocabulary,
} from '@flexroll/sdk';
import type { Enrollment, Program, ProgramInstance } from '@flexroll/core';

const HOUR = 3_600_000;

/**
 * A participation in seed 001's shape, keys in the example's order, with seed 002's `reference_id`. States are
 * named in the vocabulary the caller chose; `telemetry_active` is judged against the instance's threshold now;
 * the adapter may override the customer-facing messages.
 */
export function renderParticipation(
  enrollment: Enrollment,
  instance: ProgramInstance,
  program: Program,
  vocabulary: ParticipationVocabulary,
  now: Date,
  messages: Partial<Readonly<Record<ParticipationState, string>>> = {},
): Record<string, unknown> {
  const participation = enrollment.participation!;
  const timeline = buildParticipationTimeline(participation.history, {
    meterAccessRequired: instance.meterAccessRequired,
    meterAccessAvailable: participation.meterAccessAvailable,
    messages,
  });
  return {
    object: 'vpp-participation',
    id: participation.id,
    ...(participation.referenceId === undefined ? {} : { reference_id: participation.referenceId }),
    live_mode: participation.liveMode,
    device_id: participation.deviceId,
    location_id: participation.locationId,
    current_state: toVocabulary(participation.state, vocabulary),
    control_active: isControlActive(participation.state),
    telemetry_active: isTelemetryActive(participation.lastTelemetryAt, now, instance.telemetryStalenessHours * HOUR),
    suspension_reasons: [...participation.suspensionReasons],
    participation_state: renderTimelineInVocabulary(timeline, vocabulary),
    time_updated: participation.updatedAt,
    time_created: participation.createdAt,
    provider: {
      id: program.provider.id,
      provider_display_name: program.provider.providerDisplayName,
      ...(program.provider.logoUrl === undefined ? {} : { logo_url: program.provider.logoUrl }),
    },
    programme: {
      id: program.id,
      programme_display_name: program.name,
      ...(program.learnMoreUrl === undefined ? {} : { learn_more_url: program.learnMoreUrl }),
    },
    account_id: participation.accountId,
  };
}
