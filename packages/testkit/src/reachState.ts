import type { Enrollment } from '@flexroll/core';
import { PARTICIPATION_STATES, statesOfPhase, type ParticipationState, type ParticipationTrigger } from '@flexroll/sdk';
import type { AdapterKit } from './AdapterKit.js';
import { driveToActive } from './scenarios/journey.js';

/** Every state of seed 000, for tests that check a mapping in each. @example for (const state of EVERY_STATE) … */
export const EVERY_STATE: readonly ParticipationState[] = PARTICIPATION_STATES;

/**
 * A fresh enrollment whose participation stands in `state`, reached the way it really is (consent, telemetry, the
 * enrollment API, triggers, the wind-down sweep), with the adapter deciding each status. AWAITING_METER_ACCESS needs
 * an instance that requires meter access: start the kit with `{ meterAccessRequired: true }` for it.
 *
 * @example
 * const kit = new AdapterKit(adapter, 'device.status LIVE in REGISTERED', { config });
 * const enrollment = await reachState(kit, 'REGISTERED');
 */
export async function reachState(kit: AdapterKit, state: ParticipationState): Promise<Enrollment> {
  const started = await kit.start({ meterAccessRequired: state === 'AWAITING_METER_ACCESS' });
  const fire = (enrollment: Enrollment, trigger: ParticipationTrigger, extra: { suspensionReason?: 'OPERATOR_REQUEST' } = {}) =>
    kit.step(`firing ${trigger}`, async () => (await kit.harness.participations.trigger(kit.context, enrollment.participation!.id, { trigger, ...extra })).enrollment);
  if (state === 'INELIGIBLE') return fire(await driveToActive(kit, started, 'AWAITING_ELIGIBILITY'), 'eligibility_denied');
  if (state === 'FAILED') return fire(started, 'failed');
  const leaving = UNENROLMENT.indexOf(state);
  if (state !== 'SUSPENDED' && leaving < 0) return driveToActive(kit, started, state);
  let enrollment = await driveToActive(kit, started);
  if (state === 'SUSPENDED') return fire(enrollment, 'suspension_raised', { suspensionReason: 'OPERATOR_REQUEST' });
  for (const [index, trigger] of UNENROLMENT_TRIGGERS.entries()) {
    if (index > leaving) break;
    enrollment = await fire(enrollment, trigger);
  }
  return enrollment;
}

const UNENROLMENT = statesOfPhase('Unenrolment');
const UNENROLMENT_TRIGGERS: readonly ParticipationTrigger[] = ['leave_requested', 'notice_served', 'wind_down_completed', 'offboarded'];
