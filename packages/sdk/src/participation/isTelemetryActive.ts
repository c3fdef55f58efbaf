import { expectTime } from '../validation/expectTime.js';
import { expectNonNegativeNumber } from '../validation/expectShape.js';

/**
 * How long telemetry may be silent before `telemetry_active` turns false: 24 hours (seed 001, DESIGN §1).
 * @example isTelemetryActive(lastTelemetryAt, new Date(), instance.stalenessMs ?? DEFAULT_TELEMETRY_STALENESS_MS)
 */
export const DEFAULT_TELEMETRY_STALENESS_MS = 24 * 60 * 60 * 1000;

/**
 * Seed 001's `telemetry_active`: false when no telemetry has ever arrived, or when the last arrived more than
 * `thresholdMs` before `now` (exactly the threshold still counts as active).
 * @param lastTelemetryAt when telemetry last arrived: an ISO-8601 date-time, a Date, or nothing yet.
 * @throws InputError naming `/lastTelemetryAt`, `/now` or `/thresholdMs` for a value of the wrong shape.
 * @example isTelemetryActive('2023-11-07T05:31:56Z', new Date('2023-11-07T17:00:00Z')) // true
 * @example isTelemetryActive(null, new Date()) // false
 */
export function isTelemetryActive(lastTelemetryAt: string | Date | null | undefined, now: Date, thresholdMs: number = DEFAULT_TELEMETRY_STALENESS_MS): boolean {
  const nowMs = expectTime(now, '/now');
  const threshold = expectNonNegativeNumber(thresholdMs, '/thresholdMs');
  if (lastTelemetryAt === null || lastTelemetryAt === undefined) return false;
  return nowMs - expectTime(lastTelemetryAt, '/lastTelemetryAt') <= threshold;
}
