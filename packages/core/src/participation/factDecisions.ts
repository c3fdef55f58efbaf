import { fireParticipationTrigger, requireParticipation, type InstanceRules } from '../enrollment/decisions.js';
import type { EnrollmentChange } from '../enrollment/EnrollmentChange.js';
import { recordFacts } from './recordFacts.js';
import { participationFlags } from './participationFlags.js';

/**
 * Telemetry arrived (the later of this and the last report is kept): first telemetry moves AWAITING_TELEMETRY on,
 * and fresh telemetry clears the AWAITING_TELEMETRY suspension. The one rule for the telemetry route and for an
 * operator's report that implies telemetry.
 */
export async function telemetryArrived(change: EnrollmentChange, rules: InstanceRules, receivedAt: string): Promise<void> {
  const previous = requireParticipation(change.current.participation).lastTelemetryAt;
  recordFacts(change, { lastTelemetryAt: previous !== undefined && previous > receivedAt ? previous : receivedAt });
  const participation = requireParticipation(change.current.participation);
  if (participation.state === 'AWAITING_TELEMETRY') return fireParticipationTrigger(change, rules, 'telemetry_received');
  const fresh = participationFlags(participation, rules.instance, new Date(change.at)).telemetryActive;
  if (fresh && participation.suspensionReasons.includes('AWAITING_TELEMETRY')) {
    await fireParticipationTrigger(change, rules, 'suspension_cleared', { reason: 'AWAITING_TELEMETRY' }, 'telemetry resumed');
  }
}

/** Boundary-meter access is available: AWAITING_METER_ACCESS moves on. */
export async function meterAccessGranted(change: EnrollmentChange, rules: InstanceRules): Promise<void> {
  recordFacts(change, { meterAccessAvailable: true });
  if (requireParticipation(change.current.participation).state === 'AWAITING_METER_ACCESS') {
    await fireParticipationTrigger(change, rules, 'meter_access_granted');
  }
}
