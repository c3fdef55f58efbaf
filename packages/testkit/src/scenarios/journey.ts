import type { Enrollment } from '@flexroll/core';
import type { ParticipationState, ParticipationTrigger } from '@flexroll/sdk';
import type { AdapterKit } from '../AdapterKit.js';

/** Fires a trigger as the operator would, and checks where both machines end up. */
export async function fire(kit: AdapterKit, enrollment: Enrollment, trigger: ParticipationTrigger, expected?: ParticipationState): Promise<Enrollment> {
  await kit.step(`firing ${trigger}`, () => kit.harness.participations.trigger(kit.context, enrollment.participation!.id, { trigger }));
  return kit.expectState(enrollment.id, expected);
}

/** Seed 000's happy path to ACTIVE, step by step, checking the enrollment status the adapter maps each state to. */
export async function driveToActive(kit: AdapterKit, enrollment: Enrollment, stopAt?: ParticipationState): Promise<Enrollment> {
  const pid = enrollment.participation!.id;
  const { participations, enrollments } = kit.harness;
  const now = () => kit.harness.clock.now().toISOString();
  const steps: Array<[ParticipationState, string, () => Promise<unknown>]> = [
    ['AWAITING_CONSENT', 'requesting consent', () => participations.trigger(kit.context, pid, { trigger: 'consent_requested' })],
    ['AWAITING_TELEMETRY', 'granting consent', () => participations.grantConsent(kit.context, pid, { grantedAt: now(), termsVersion: '2025-01' })],
    [kit.instance.meterAccessRequired ? 'AWAITING_METER_ACCESS' : 'CONFIRMING_DISPATCH', 'receiving first telemetry', () => participations.recordTelemetry(kit.context, pid, now())],
    ...(kit.instance.meterAccessRequired ? [['CONFIRMING_DISPATCH', 'granting meter access', () => participations.grantMeterAccess(kit.context, pid)] as [ParticipationState, string, () => Promise<unknown>]] : []),
    ['AWAITING_ELIGIBILITY', 'confirming control', () => participations.trigger(kit.context, pid, { trigger: 'control_confirmed' })],
    ['AWAITING_REGISTRATION', 'moving the enrollment to eligible', () => enrollments.update(kit.context, enrollment.id, { status: 'eligible', reason: 'In service territory' })],
    ['REGISTERED', 'approving the enrollment', () => enrollments.update(kit.context, enrollment.id, { status: 'approved' })],
    ['ACTIVE', 'the device going live', () => participations.trigger(kit.context, pid, { trigger: 'device_live' })],
  ];
  let current = enrollment;
  for (const [state, what, action] of steps) {
    if (stopAt !== undefined && current.participation!.state === stopAt) return current;
    // An adapter that evaluates eligibility itself may already have moved past this step.
    if (state === 'AWAITING_REGISTRATION' && current.participation!.state === 'AWAITING_REGISTRATION') continue;
    await kit.step(what, action);
    current = await kit.expectState(enrollment.id, state);
  }
  return current;
}
