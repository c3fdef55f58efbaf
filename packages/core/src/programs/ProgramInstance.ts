import { statesBetween, type CustomerDataField, type ParticipationState } from '@flexroll/sdk';
import type { DeadlineSettings } from '../enrollments/index.js';
import type { VersionedEligibilityRules } from '../screening/index.js';
import type { EnrollmentPage } from '../selfEnrollment/index.js';

/** The operator adapter a program instance is bound to, with its per-instance config. */
export interface AdapterBinding {
  readonly adapterId: string;
  readonly config: Readonly<Record<string, unknown>>;
}

/** A program run in one workspace (seed 004). */
export interface ProgramInstance {
  readonly id: string;
  readonly workspaceId: string;
  readonly programId: string;
  readonly name: string;
  readonly adapter: AdapterBinding;
  /** Whether enrolment waits for boundary-meter access (seed 000's optional AWAITING_METER_ACCESS). */
  readonly meterAccessRequired: boolean;
  /** Notice served on unenrolment before WINDING_DOWN may complete. */
  readonly noticePeriodDays: number;
  /** Telemetry older than this makes `telemetry_active` false (seed 001: 24 hours). */
  readonly telemetryStalenessHours: number;
  /** The eligibility rules in force and their version (every change is a new version; see RuleBook). */
  readonly eligibilityRules?: VersionedEligibilityRules;
  /**
   * How long the instance expects each state to take, as ISO-8601 durations (`P3D`, `PT15M`), where it differs from
   * {@link DEFAULT_EXPECTED_DURATIONS}; gives seed 001's `expected_at`.
   */
  readonly expectedDurations?: ExpectedDurations;
  /**
   * The deadlines' lead time and alerting states (issue 20), where they differ from the defaults (`PT24H`, every
   * expectable state). Read when a step begins: a change applies from the next step, never to a deadline open.
   */
  readonly deadlines?: DeadlineSettings;
  /** The customer data the instance granted its adapter when it was created (absent: none; the adapter sees no personal data). */
  readonly customerDataGrant?: CustomerDataGrant;
  /** The customer's own enrollment page, `/enroll/{slug}` (issue 22); absent until a workspace sets one up. */
  readonly enrollmentPage?: EnrollmentPage;
  readonly createdAt: string;
  readonly updatedAt: string;
  /**
   * Counts the instance's writes, from 1 (absent on instances stored before it was kept: 1); its `ETag`. Each write
   * takes its version through a unique insert first (`InstanceVersions`), so two writers never write the same one.
   */
  readonly version?: number;
}

/**
 * The customer's fields an instance granted its adapter, given only explicitly when the instance is created: a
 * subset of what the adapter's manifest declares (`customerData`), with the manifest's purpose copied beside it.
 */
export interface CustomerDataGrant {
  readonly fields: readonly CustomerDataField[];
  /** The manifest's `customerData.purpose` as it read when the grant was given. */
  readonly purpose: string;
  readonly grantedAt: string;
}

export const DEFAULT_TELEMETRY_STALENESS_HOURS = 24;
export const DEFAULT_NOTICE_PERIOD_DAYS = 30;

/**
 * The states after which another is expected (on the enrolment path to ACTIVE, back to ACTIVE from SUSPENDED, and on
 * to UNENROLLED): the states an instance may give an expected duration. Not ACTIVE, which nothing is expected to
 * end, nor the terminal states and UNENROLLED, after which nothing is expected.
 */
export const EXPECTABLE_STATES: readonly ParticipationState[] = [
  ...statesBetween('ENROLMENT_REQUESTED', 'REGISTERED'), 'SUSPENDED', ...statesBetween('UNENROLMENT_REQUESTED', 'WINDING_DOWN'),
];
export type ExpectableState = keyof typeof DEFAULT_EXPECTED_DURATIONS | 'WINDING_DOWN';

/** Expected durations by state, as ISO-8601 durations of days, hours, minutes and seconds. */
export type ExpectedDurations = Partial<Readonly<Record<ExpectableState, string>>>;

/**
 * How long each state is expected to take when an instance does not say: Transient states minutes, Resting states
 * the days their step takes in practice. WINDING_DOWN is the instance's notice period (`noticePeriodDays`).
 */
export const DEFAULT_EXPECTED_DURATIONS = Object.freeze({
  ENROLMENT_REQUESTED: 'PT5M',
  AWAITING_CONSENT: 'P3D',
  AWAITING_TELEMETRY: 'P1D',
  AWAITING_METER_ACCESS: 'P3D',
  CONFIRMING_DISPATCH: 'PT1H',
  AWAITING_ELIGIBILITY: 'P5D',
  AWAITING_REGISTRATION: 'P10D',
  REGISTERED: 'P1D',
  SUSPENDED: 'P1D',
  UNENROLMENT_REQUESTED: 'P1D',
}) satisfies Partial<Record<ParticipationState, string>>;

/** An ISO-8601 duration of days, hours, minutes and seconds (`P3D`, `PT15M`, `P1DT12H`): no years, months or weeks. */
export const ISO_DURATION_PATTERN = '^P(?=\\d|T\\d)(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+S)?)?$';

/** The longest expected duration an instance may declare: a year. */
export const MAX_EXPECTED_DURATION_DAYS = 365;
