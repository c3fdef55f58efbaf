import { InputError, type FieldIssue, type ParticipationState } from '@flexroll/sdk';
import { DEFAULT_DEADLINE_LEAD_TIME } from '../enrollments/index.js';
import { DAY, durationMs } from './expectedDurations.js';
import { EXPECTABLE_STATES, MAX_EXPECTED_DURATION_DAYS, type ProgramInstance } from './ProgramInstance.js';

/** An instance's deadline settings with the defaults filled in: what a step's terms are worked out from. */
export interface ResolvedDeadlineSettings {
  /** How long before `expectedAt` the due-soon alert fires; 0 for none. */
  readonly leadTimeMs: number;
  /** The states whose deadlines raise alerts. */
  readonly alertStates: readonly ParticipationState[];
}

/**
 * The instance's deadline settings over the defaults: a lead time of {@link DEFAULT_DEADLINE_LEAD_TIME}, alerts in
 * every state with an expected duration ({@link EXPECTABLE_STATES}). The one place these settings are read.
 * @example deadlineSettingsOf({ deadlines: { leadTime: 'PT2H' } }).leadTimeMs // 7_200_000
 */
export function deadlineSettingsOf(instance: Pick<ProgramInstance, 'deadlines'>): ResolvedDeadlineSettings {
  const settings = instance.deadlines ?? {};
  return {
    leadTimeMs: durationMs(settings.leadTime ?? DEFAULT_DEADLINE_LEAD_TIME) ?? 0,
    alertStates: settings.alertStates ?? EXPECTABLE_STATES,
  };
}

/**
 * Checks an instance's deadline settings when they are saved, as `checkExpectedDurations` checks the durations:
 * the lead time an ISO-8601 duration of at most a year (the longest expected duration), each alerting state one with
 * an expected duration, named once.
 * @throws InputError naming every offending `/deadlines/leadTime` and `/deadlines/alertStates/<index>`.
 */
export function checkDeadlineSettings(value: { readonly leadTime?: unknown; readonly alertStates?: unknown } | undefined): void {
  if (value === undefined) return;
  const issues: FieldIssue[] = [];
  if (value.leadTime !== undefined) {
    const ms = typeof value.leadTime === 'string' ? durationMs(value.leadTime) : undefined;
    const field = '/deadlines/leadTime';
    if (ms === undefined) issues.push({ field, rule: 'duration', message: 'must be an ISO-8601 duration of days, hours, minutes and seconds, such as PT24H or P2D' });
    else if (ms > MAX_EXPECTED_DURATION_DAYS * DAY) issues.push({ field, rule: 'maximum', message: `must be at most ${MAX_EXPECTED_DURATION_DAYS} days (P${MAX_EXPECTED_DURATION_DAYS}D), the longest expected duration` });
  }
  if (value.alertStates !== undefined) issues.push(...alertStateIssues(value.alertStates));
  if (issues.length > 0) throw new InputError(issues.map((issue) => `${issue.field} ${issue.message}`).join('; '), issues);
}

function alertStateIssues(states: unknown): FieldIssue[] {
  if (!Array.isArray(states)) return [{ field: '/deadlines/alertStates', rule: 'type', message: 'must be a list of states' }];
  const known: readonly unknown[] = EXPECTABLE_STATES;
  const issues: FieldIssue[] = [];
  states.forEach((state: unknown, index) => {
    const field = `/deadlines/alertStates/${index}`;
    if (!known.includes(state)) issues.push({ field, rule: 'one_of', message: `is not a state with an expected duration; use one of ${EXPECTABLE_STATES.join(', ')}` });
    else if (states.indexOf(state) < index) issues.push({ field, rule: 'unique', message: `names ${String(state)} again (first at /deadlines/alertStates/${states.indexOf(state)})` });
  });
  return issues;
}

