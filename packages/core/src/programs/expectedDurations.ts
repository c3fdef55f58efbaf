import { InputError, type FieldIssue, type ParticipationState } from '@flexroll/sdk';
import {
  DEFAULT_EXPECTED_DURATIONS,
  DEFAULT_NOTICE_PERIOD_DAYS,
  EXPECTABLE_STATES,
  ISO_DURATION_PATTERN,
  MAX_EXPECTED_DURATION_DAYS,
  type ProgramInstance,
} from './ProgramInstance.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
/** A day in milliseconds. */
export const DAY = 24 * HOUR;
const DURATION = new RegExp(ISO_DURATION_PATTERN);

/**
 * The instance's expected duration of each state, in milliseconds: its own settings over
 * {@link DEFAULT_EXPECTED_DURATIONS}, with WINDING_DOWN its notice period unless it says otherwise. The one place
 * these settings are read; the timeline's `expected_at` comes from them.
 * @example expectedDurationsMs({ noticePeriodDays: 30, expectedDurations: { AWAITING_CONSENT: 'PT12H' } }).AWAITING_CONSENT // 43_200_000
 */
export function expectedDurationsMs(instance: Pick<ProgramInstance, 'noticePeriodDays' | 'expectedDurations'>): Partial<Record<ParticipationState, number>> {
  const declared: Partial<Record<ParticipationState, string>> = { ...DEFAULT_EXPECTED_DURATIONS, ...instance.expectedDurations };
  const durations: Partial<Record<ParticipationState, number>> = { WINDING_DOWN: (instance.noticePeriodDays ?? DEFAULT_NOTICE_PERIOD_DAYS) * DAY };
  for (const state of EXPECTABLE_STATES) {
    const text = declared[state];
    if (text !== undefined) durations[state] = durationMs(text) ?? 0;
  }
  return durations;
}

/**
 * Checks an instance's expected durations: known states only, each an ISO-8601 duration of at most a year.
 * @throws InputError naming every offending `/expectedDurations/<STATE>`.
 */
export function checkExpectedDurations(value: Readonly<Record<string, unknown>> | undefined): void {
  if (value === undefined) return;
  const issues: FieldIssue[] = [];
  const known: readonly string[] = EXPECTABLE_STATES;
  for (const [state, text] of Object.entries(value)) {
    const field = `/expectedDurations/${state}`;
    const ms = typeof text === 'string' ? durationMs(text) : undefined;
    if (!known.includes(state)) issues.push({ field, rule: 'one_of', message: `is not a state with an expected duration; use one of ${known.join(', ')}` });
    else if (ms === undefined) issues.push({ field, rule: 'duration', message: 'must be an ISO-8601 duration of days, hours, minutes and seconds, such as P3D or PT15M' });
    else if (ms > MAX_EXPECTED_DURATION_DAYS * DAY) issues.push({ field, rule: 'maximum', message: `must be at most ${MAX_EXPECTED_DURATION_DAYS} days (P${MAX_EXPECTED_DURATION_DAYS}D)` });
  }
  if (issues.length > 0) throw new InputError(issues.map((issue) => `${issue.field} ${issue.message}`).join('; '), issues);
}

/**
 * An ISO-8601 duration of {@link ISO_DURATION_PATTERN}'s kind in milliseconds: `P1DT12H` → 129 600 000; undefined for
 * anything that is not such a duration.
 */
export function durationMs(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (match === null) return undefined;
  const [, days, , hours, minutes, seconds] = match.map((part) => (part === undefined ? 0 : Number.parseInt(part, 10)));
  return (days ?? 0) * DAY + (hours ?? 0) * HOUR + (minutes ?? 0) * MINUTE + (seconds ?? 0) * SECOND;
}
