import type { VersionedEligibilityRules } from '../eligibility/EligibilityRules.js';

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
  readonly createdAt: string;
  readonly updatedAt: string;
}

export const DEFAULT_TELEMETRY_STALENESS_HOURS = 24;
export const DEFAULT_NOTICE_PERIOD_DAYS = 30;
