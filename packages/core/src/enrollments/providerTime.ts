import { InputError } from '@flexroll/sdk';

/** What a provider's time is checked against. */
export interface ProviderTimeBounds {
  /** The platform's now: the change's recording time. */
  readonly now: string;
  /** The enrollment's last recorded change: the log's times never go backwards. */
  readonly notBefore: string;
  /** How far ahead of the platform's clock a provider's clock may run; a time that far ahead is taken as now. */
  readonly clockSkewMs: number;
}

/**
 * The time at which to record what a provider says happened at `given` (seed 001's `occurred_at`): that time,
 * normalised to ISO-8601 UTC; now when none is given, or when it is ahead of now by no more than the clock-skew
 * allowance (clocks differ, and the log must not hold a future time).
 * @throws InputError naming `field` when it is further in the future, or before the enrollment's last change.
 * @example providerTime('2025-01-01T08:00:00+01:00', { now: '2025-01-01T09:00:00.000Z', notBefore: '2025-01-01T06:00:00.000Z', clockSkewMs: 300_000 }, '/participation_state/0/occurred_at')
 * // '2025-01-01T07:00:00.000Z'
 */
export function providerTime(given: string | undefined, bounds: ProviderTimeBounds, field: string): string {
  if (given === undefined) return bounds.now;
  const at = Date.parse(given);
  const now = Date.parse(bounds.now);
  if (at > now + bounds.clockSkewMs) {
    const allowance = `${Math.round(bounds.clockSkewMs / 1000)} s`;
    throw refuse(field, 'not_in_future', `is in the future: ${given} is after the platform's clock (${bounds.now}) by more than the ${allowance} allowed for clock skew.`);
  }
  if (at > now) return bounds.now;
  if (at < Date.parse(bounds.notBefore)) {
    throw refuse(field, 'not_before_previous_change', `is before this participation's last recorded change (${bounds.notBefore}); a reported time may not go back past it.`);
  }
  return new Date(at).toISOString();
}

function refuse(field: string, rule: string, message: string): InputError {
  return new InputError(`${field} ${message}`, [{ field, rule, message }]);
}
