import type { EnrollmentStatus } from '../enrollment/statuses.js';
import type { ParticipationHistoryEntry, ParticipationSnapshot } from '../participation/ParticipationSnapshot.js';
import type { ParticipationState } from '../participation/states.js';
import type { SuspensionReason } from '../participation/suspensionReasons.js';
import type { ParticipationTrigger } from '../participation/triggers.js';
import type { AdapterManifest } from './AdapterManifest.js';

/** What every adapter call receives: the instance's config (secrets decrypted), and a signal aborted on timeout. */
export interface AdapterContext {
  readonly workspaceId: string;
  readonly programInstanceId: string;
  readonly config: Readonly<Record<string, unknown>>;
  /** Aborted when the platform stops waiting; pass it to `fetch` so abandoned calls stop too. */
  readonly signal: AbortSignal;
  readonly now: Date;
}

/** A participation as an adapter sees it. */
export interface ParticipationView extends ParticipationSnapshot {
  readonly id: string;
  readonly history: readonly ParticipationHistoryEntry[];
  readonly referenceId?: string;
  readonly meterAccessAvailable: boolean;
  readonly lastTelemetryAt?: string;
  readonly operatorNativeState?: string;
}

/** An enrollment as an adapter sees it: seed 004's fields, its status, and its participation if it has a device. */
export interface EnrollmentView {
  readonly id: string;
  readonly programInstanceId: string;
  readonly status: EnrollmentStatus;
  readonly reason?: string;
  readonly address?: Readonly<Record<string, string>>;
  readonly manufacturerSlugs?: readonly string[];
  readonly serialNumber?: string;
  readonly referenceId?: string;
  /** The enrollment's tags (seed 004), for checks that depend on how the workspace categorised the customer. */
  readonly tags?: readonly string[];
  readonly participation?: ParticipationView;
}

/** An enrollment status move asked for through the enrollment API. */
export interface StatusMoveRequest {
  readonly from: EnrollmentStatus;
  readonly to: EnrollmentStatus;
  readonly participation: ParticipationView;
}

/**
 * A participation move: checked and about to be written (for `statusForParticipation`), or written (for
 * `onParticipationChanged`). `criteria_changed` is the platform's restart of an INELIGIBLE participation after the
 * properties eligibility depends on changed (seed 000: "Recoverable only if site properties change").
 */
export interface ParticipationMove {
  readonly trigger: ParticipationTrigger | 'criteria_changed';
  readonly from: ParticipationSnapshot;
  readonly to: ParticipationSnapshot;
  /** The enrollment's status before the move. */
  readonly currentStatus: EnrollmentStatus;
}

/** What an operator event means for the participation: a trigger to fire, and/or the operator's native state. */
export interface OperatorEventEffect {
  readonly trigger?: ParticipationTrigger;
  readonly suspensionReason?: SuspensionReason;
  readonly reason?: string;
  /** The operator's own name for where the device stands (e.g. KrakenFlex's `LIVE`), kept beside ours. */
  readonly nativeState?: string;
}

/** An event from the operator, already validated against the manifest's schema for its type. */
export interface OperatorEvent {
  readonly type: string;
  readonly payload: unknown;
}

/** The adapter's verdict on eligibility. */
export interface EligibilityVerdict {
  readonly eligible: boolean;
  readonly reason?: string;
}

type MaybePromise<T> = T | Promise<T>;

/**
 * The contract between the platform and one programme operator. The platform calls these with a time limit and
 * checks every answer against both state machines, so an adapter can never move either one illegally.
 *
 * @example
 * export default defineAdapter({
 *   manifest,
 *   triggerForStatusMove: ({ from, to }) => (from === 'submitted' && to === 'approved' ? 'registration_confirmed' : undefined),
 *   statusForParticipation: ({ to, currentStatus }) => (to.state === 'ACTIVE' ? 'approved' : currentStatus),
 * })
 */
export interface OperatorAdapter {
  readonly manifest: AdapterManifest;
  /**
   * The participation trigger an enrollment status move fires: a trigger, `null` when none is needed (the
   * participation already stands where the new status says), or `undefined` when the move cannot be made now.
   */
  triggerForStatusMove(request: StatusMoveRequest, context: AdapterContext): MaybePromise<ParticipationTrigger | null | undefined>;
  /** The enrollment status a participation move leads to. The platform walks the legal moves to reach it, or refuses. */
  statusForParticipation(move: ParticipationMove, context: AdapterContext): MaybePromise<EnrollmentStatus>;
  /** What an inbound operator event means; required when the manifest declares operator events. */
  mapOperatorEvent?(event: OperatorEvent, participation: ParticipationView, context: AdapterContext): MaybePromise<OperatorEventEffect>;
  /** Eligibility evaluation, called when a participation reaches AWAITING_ELIGIBILITY. Omit to let the operator decide by hand. */
  evaluateEligibility?(enrollment: EnrollmentView, context: AdapterContext): MaybePromise<EligibilityVerdict | undefined>;
  /**
   * The operator's own eligibility check, added to the program instance's eligibility rules wherever the platform
   * screens a candidate: when it is created or imported, when its criteria change, and when the rules are
   * re-evaluated. Answer `{ eligible: false, reason }` to make the candidate ineligible (the reason is shown to
   * people, so write it as seed 004 does: "The customer is already enrolled in another program."), or
   * `{ eligible: true }` / `undefined` to leave the decision to the rules. Called only for instances that have
   * eligibility rules; it runs once per candidate of a bulk import, so keep it fast (the platform's time limit
   * applies). Unlike {@link OperatorAdapter.evaluateEligibility} it does not wait for the participation.
   *
   * @example
   * checkEligibility: ({ manufacturerSlugs }) =>
   *   manufacturerSlugs?.includes('sonnen') ? { eligible: false, reason: 'The operator cannot dispatch sonnen batteries yet.' } : undefined,
   */
  checkEligibility?(enrollment: EnrollmentView, context: AdapterContext): MaybePromise<EligibilityVerdict | undefined>;
  /** Told after every participation move is written; a failure is recorded on the enrollment and does not undo the move. */
  onParticipationChanged?(move: ParticipationMove, participation: ParticipationView, context: AdapterContext): MaybePromise<void>;
  /** Periodic sync with the operator's API, by the scheduled sweep: what the operator reports now. */
  sync?(participation: ParticipationView, context: AdapterContext): MaybePromise<OperatorEventEffect | undefined>;
  /** Overrides of the customer-facing messages, per state. */
  readonly messages?: Partial<Readonly<Record<ParticipationState, string>>>;
}

const ADAPTER_BRAND = Symbol.for('flexroll.adapter');

/**
 * Declares an adapter: returns it tagged, so the loader can tell an adapter from any other export.
 * @example export default defineAdapter({ manifest, triggerForStatusMove, statusForParticipation })
 */
export function defineAdapter<T extends OperatorAdapter>(adapter: T): T {
  return Object.freeze({ ...adapter, [ADAPTER_BRAND]: true });
}

/** Whether a value was made by {@link defineAdapter} (whichever copy of the SDK made it). */
export function isAdapter(value: unknown): value is OperatorAdapter {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[ADAPTER_BRAND] === true;
}
