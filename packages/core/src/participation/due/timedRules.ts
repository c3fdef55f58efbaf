import { isParticipating } from '@flexroll/sdk';
import type { Participation } from '../../enrollments/index.js';
import { telemetryStalenessMs } from '../participationFlags.js';
import type { PolicyInstance } from '../participationPolicy.js';
import { alertMoments, metLateAfterMiss } from '../decideDeadline.js';

const DAY = 24 * 60 * 60 * 1000;

/**
 * A timed rule of the sweep's review: the earliest moment (ms) from which passing time alone could make the review
 * change something on this participation, or undefined when it cannot. It must agree with the policy decision it
 * stands for (`participationPolicy.ts`): due too late, the review comes late; too early, it finds nothing, and the
 * sweep stores the moment again.
 */
export type TimedRule = (participation: Participation, instance: PolicyInstance) => number | undefined;

/** `decideWindDown`: WINDING_DOWN with rewards settled completes once the notice period since it began has elapsed. */
export const windDownCompletes: TimedRule = (participation, instance) => {
  if (participation.state !== 'WINDING_DOWN' || participation.rewardsSettledAt === undefined) return undefined;
  const since = participation.history.at(-1)?.occurredAt;
  return since === undefined ? 0 : Date.parse(since) + instance.noticePeriodDays * DAY;
};

/** `decideTelemetry`: telemetry silent for longer than the threshold raises AWAITING_TELEMETRY (none yet: at once). */
export const telemetryGoesStale: TimedRule = (participation, instance) => {
  if (!isParticipating(participation.state) || participation.suspensionReasons.includes('AWAITING_TELEMETRY')) return undefined;
  const last = participation.lastTelemetryAt;
  return last === undefined ? 0 : Date.parse(last) + telemetryStalenessMs(instance) + 1;
};

/** `decideConsent`: recorded consent that is revoked, or expires, raises AWAITING_CONSENT. */
export const consentLapses: TimedRule = (participation) => {
  const consent = participation.consent;
  if (consent === undefined || !isParticipating(participation.state) || participation.suspensionReasons.includes('AWAITING_CONSENT')) return undefined;
  if (consent.revokedAt !== undefined) return 0;
  return consent.expiresAt === undefined ? undefined : Date.parse(consent.expiresAt);
};

/**
 * `decideDeadline`: a missed deadline met late is announced at once; the open deadline, while it raises alerts and
 * its clock runs, is due at `dueSoonAt` (until due-soon or missed is announced), then just past `expectedAt` (until
 * missed is). A paused deadline, one the instance does not alert on, or one whose miss is announced has no due moment. Its
 * terms were fixed when the step began, so the instance's settings are not read.
 */
export function deadlineAlertDue(participation: Pick<Participation, 'deadlines'>): number | undefined {
  const { open, last } = participation.deadlines ?? {};
  if (last !== undefined && metLateAfterMiss(last)) return 0;
  const moments = open === undefined || open.announced.missed !== undefined ? undefined : alertMoments(open);
  if (open === undefined || moments === undefined) return undefined;
  return moments.dueSoonAt !== undefined && open.announced.dueSoon === undefined ? moments.dueSoonAt : moments.expectedAt + 1;
}

/**
 * Every timed rule the sweep's review applies: the one place to add one. The review itself (`SweepService`) applies
 * the matching decisions.
 */
export const TIMED_RULES: readonly TimedRule[] = Object.freeze([windDownCompletes, telemetryGoesStale, consentLapses, deadlineAlertDue]);

/** The earliest moment any timed rule could change something on this participation; undefined: none can. */
export function reviewDueAt(participation: Participation, instance: PolicyInstance): number | undefined {
  let earliest: number | undefined;
  for (const rule of TIMED_RULES) {
    const at = rule(participation, instance);
    if (at !== undefined && !Number.isNaN(at) && (earliest === undefined || at < earliest)) earliest = at;
  }
  return earliest;
}
