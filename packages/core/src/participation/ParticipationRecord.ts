import type { NativeStatus, NativeStatusDrift, ParticipationState } from '@flexroll/sdk';
import type { Enrollment, Participation } from '../enrollments/index.js';
import type { Program, ProgramInstance } from '../programs/index.js';

/**
 * A participation with everything its seed 001 object is made of, read once: the enrollment holding it, the program
 * instance (settings; its adapter config stays sealed), the program (seed 001's `programme` and `provider`), the
 * adapter's customer-facing messages, the expected time of each state, and the derived flags judged now.
 */
export interface ParticipationRecord {
  readonly enrollment: Enrollment;
  readonly participation: Participation;
  readonly instance: ProgramInstance;
  readonly program: Program;
  readonly messages: Partial<Readonly<Record<ParticipationState, string>>>;
  /** How long each state is expected to take, in milliseconds: the instance's settings over the defaults (seed 001's `expected_at`). */
  readonly expectedDurations: Partial<Readonly<Record<ParticipationState, number>>>;
  /** True only in ACTIVE. */
  readonly controlActive: boolean;
  /** False once telemetry has been silent for longer than the instance's threshold. */
  readonly telemetryActive: boolean;
  /**
   * The operator's named statuses as last reported, in the order the adapter declares them; present only when the
   * adapter declares native statuses (so a participation of another adapter renders exactly seed 001's object).
   */
  readonly nativeStatuses?: readonly NamedNativeStatus[];
  /** Where the operator's named statuses have disagreed with the state for longer than its adapter allows. */
  readonly drift?: NativeStatusDrift;
}

/** One of the operator's named statuses, by its name. */
export interface NamedNativeStatus {
  readonly name: string;
  readonly status: NativeStatus;
}
