import { isControlActive, isTelemetryActive } from '@flexroll/sdk';
import type { Participation } from '../enrollments/index.js';
import { DEFAULT_TELEMETRY_STALENESS_HOURS, type ProgramInstance } from '../programs/index.js';

const HOUR = 3_600_000;

/** Seed 001's derived fields, judged at one moment. */
export interface ParticipationFlags {
  /** True only in ACTIVE (seed 001). */
  readonly controlActive: boolean;
  /** False once no telemetry has arrived for longer than the instance's threshold (seed 001: 24 hours). */
  readonly telemetryActive: boolean;
}

/** How long telemetry may be silent before it counts as lost, for this instance. */
export function telemetryStalenessMs(instance: Pick<ProgramInstance, 'telemetryStalenessHours'>): number {
  return (instance.telemetryStalenessHours ?? DEFAULT_TELEMETRY_STALENESS_HOURS) * HOUR;
}

/**
 * `control_active` and `telemetry_active` of a participation at `now`: the one place these rules are applied, by
 * the API's participation object, the telemetry route and the staleness sweep alike.
 */
export function participationFlags(participation: Pick<Participation, 'state' | 'lastTelemetryAt'>, instance: Pick<ProgramInstance, 'telemetryStalenessHours'>, now: Date): ParticipationFlags {
  return {
    controlActive: isControlActive(participation.state),
    telemetryActive: isTelemetryActive(participation.lastTelemetryAt, now, telemetryStalenessMs(instance)),
  };
}
