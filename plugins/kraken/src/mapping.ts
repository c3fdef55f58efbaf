import { FAILABLE_STATES, PARTICIPATING_STATES, type OperatorEventEffect, type ParticipationState, type ParticipationView, type TriggerStep } from '@flexroll/sdk';
import type { DeviceStatus, Eligibility, IneligibilityReason, SmartControlAction, TestDispatchFailureReason, TestDispatchStatus } from './krakenEnums.js';

/**
 * What each of Kraken's reports means for a participation, wherever it stands. Pure: the same report on the same
 * participation always gives the same effect, so the platform may ask twice. The tables are in the README.
 */

const ENROLLING: readonly ParticipationState[] = FAILABLE_STATES;
const PARTICIPATING: readonly ParticipationState[] = PARTICIPATING_STATES;
const at = (state: ParticipationState, ...states: (readonly ParticipationState[])[]) => states.some((group) => group.includes(state));

/** KrakenFlexDeviceStatusChoices. `occurredAt` is Kraken's time of the report, used for the telemetry it implies. */
export function deviceStatusEffect(status: DeviceStatus, participation: ParticipationView, occurredAt: string): OperatorEventEffect {
  const { state, suspensionReasons } = participation;
  const base = { nativeStatuses: { device: status } };
  const reporting = { ...base, facts: { telemetryAt: occurredAt }, steps: [telemetryOnceAwaited()] };
  switch (status) {
    case 'ONBOARDING': // registered with Kraken, onboarding under way: the customer is asked for consent
      return state === 'ENROLMENT_REQUESTED' ? { ...base, trigger: 'consent_requested', reason: 'KrakenFlex: ONBOARDING' } : base;
    case 'ONBOARDING_TEST_IN_PROGRESS': // a test charge is running: the device is reporting
      return at(state, ENROLLING) ? reporting : base;
    case 'PENDING_LIVE': // the test charge passed: telemetry and control are established
      return at(state, ENROLLING) ? { ...reporting, steps: [...reporting.steps, confirm('KrakenFlex: PENDING_LIVE')] } : base;
    case 'LIVE':
      if (at(state, ENROLLING)) return { ...reporting, steps: [...reporting.steps, confirm('KrakenFlex: LIVE'), { trigger: 'device_live', awaitState: 'REGISTERED', reason: 'KrakenFlex: LIVE' }] };
      if (state === 'SUSPENDED' && suspensionReasons.includes('AWAITING_DISPATCH')) return { ...base, facts: reporting.facts, trigger: 'suspension_cleared', suspensionReason: 'AWAITING_DISPATCH', reason: 'KrakenFlex: LIVE again' };
      return at(state, PARTICIPATING) ? { ...base, facts: reporting.facts } : base;
    case 'FAILED_ONBOARDING_TEST':
      return controlLost(base, state, suspensionReasons, 'KrakenFlex: FAILED_ONBOARDING_TEST');
    case 'RETIRED': // no connection details: not available for control any more
      return retired(base, state);
  }
}

/** TestDispatchStatus with its assessment: a passed test dispatch establishes telemetry and confirms control. */
export function testDispatchEffect(status: TestDispatchStatus, failure: TestDispatchFailureReason | undefined, participation: ParticipationView, occurredAt: string): OperatorEventEffect {
  const base = { nativeStatuses: { testDispatch: status } };
  if (!at(participation.state, ENROLLING)) return base;
  if (status === 'COMPLETE' && (failure === undefined || failure === 'NONE')) {
    return { ...base, facts: { telemetryAt: occurredAt }, steps: [telemetryOnceAwaited(), confirm('KrakenFlex: test dispatch COMPLETE')] };
  }
  // TRIGGERED, or FAILED: Kraken may try again; its device status (FAILED_ONBOARDING_TEST) gives the verdict.
  return status === 'FAILED' ? { ...base, reason: `KrakenFlex: test dispatch FAILED (${failure ?? 'UNKNOWN'})` } : base;
}

/** SmartControlAction as Kraken reports it: the customer suspended or resumed smart control (holiday mode). */
export function smartControlEffect(action: SmartControlAction, participation: ParticipationView): OperatorEventEffect {
  const base = { nativeStatuses: { smartControl: action } };
  const paused = participation.suspensionReasons.includes('CUSTOMER_REQUEST');
  if (action === 'SUSPEND' && at(participation.state, PARTICIPATING) && !paused) {
    // Kraken's own record of the customer's pause: Kraken lifts it (UNSUSPEND), so it is raised as the adapter's own.
    return { ...base, trigger: 'suspension_raised', suspensionReason: 'CUSTOMER_REQUEST', owned: true, reason: 'KrakenFlex: smart control SUSPEND' };
  }
  if (action === 'UNSUSPEND' && participation.state === 'SUSPENDED' && paused) {
    return { ...base, trigger: 'suspension_cleared', suspensionReason: 'CUSTOMER_REQUEST', reason: 'KrakenFlex: smart control UNSUSPEND' };
  }
  return base;
}

/** Eligibility and IneligibilityReasons: the verdict waits for AWAITING_ELIGIBILITY if it comes early. */
export function eligibilityEffect(eligibility: Eligibility, reasons: readonly IneligibilityReason[], participation: ParticipationView): OperatorEventEffect {
  const base = { nativeStatuses: { eligibility } };
  if (!at(participation.state, ENROLLING)) return base;
  if (eligibility === 'ELIGIBLE') return { ...base, steps: [{ trigger: 'eligibility_confirmed', awaitState: 'AWAITING_ELIGIBILITY', reason: 'KrakenFlex: ELIGIBLE' }] };
  const reason = `KrakenFlex: ${[eligibility, ...reasons].join(', ')}`;
  return { ...base, steps: [{ trigger: 'eligibility_denied', awaitState: 'AWAITING_ELIGIBILITY', reason }] };
}

/**
 * Telemetry reported before the participation awaits it (consent not yet given) is recorded as a fact at once; this
 * step moves AWAITING_TELEMETRY on when it comes, since nothing else would report it again.
 */
function telemetryOnceAwaited(): TriggerStep {
  return { trigger: 'telemetry_received', awaitState: 'AWAITING_TELEMETRY', reason: 'KrakenFlex: the device reported' };
}

/** Control confirmed, now or once the participation gets to CONFIRMING_DISPATCH (after meter access, say). */
function confirm(reason: string): TriggerStep {
  return { trigger: 'control_confirmed', awaitState: 'CONFIRMING_DISPATCH', reason };
}

/** Enrolling: it fails. Participating: control can no longer be confirmed (AWAITING_DISPATCH). */
function controlLost(base: OperatorEventEffect, state: ParticipationState, reasons: readonly string[], reason: string): OperatorEventEffect {
  if (at(state, ENROLLING)) return { ...base, trigger: 'failed', reason };
  // Kraken's own pause (the device cannot be controlled): raised as the adapter's own, so Kraken's LIVE clears it — and
  // only it: an AWAITING_DISPATCH someone else raised is not Kraken's to clear (that clear is traced `ignored`).
  if (at(state, PARTICIPATING) && !reasons.includes('AWAITING_DISPATCH')) return { ...base, trigger: 'suspension_raised', suspensionReason: 'AWAITING_DISPATCH', owned: true, reason };
  return base;
}

/**
 * RETIRED: enrolling, it fails; participating, it leaves — notice served now, and offboarded once the wind-down
 * completes (the notice period and settlement still apply; the sweep completes it, and the waiting step follows).
 */
function retired(base: OperatorEventEffect, state: ParticipationState): OperatorEventEffect {
  const reason = 'KrakenFlex: RETIRED';
  const offboard: TriggerStep = { trigger: 'offboarded', awaitState: 'UNENROLLED', reason };
  if (at(state, ENROLLING)) return { ...base, trigger: 'failed', reason };
  if (at(state, PARTICIPATING)) return { ...base, steps: [{ trigger: 'leave_requested', reason }, { trigger: 'notice_served', reason }, offboard] };
  if (state === 'UNENROLMENT_REQUESTED') return { ...base, steps: [{ trigger: 'notice_served', reason }, offboard] };
  if (state === 'WINDING_DOWN' || state === 'UNENROLLED') return { ...base, steps: [offboard] };
  return base;
}
