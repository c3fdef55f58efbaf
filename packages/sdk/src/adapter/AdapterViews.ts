import type { EnrollmentStatus } from '../enrollment/statuses.js';
import type { AdapterConfig } from './adapterConfig.js';
import type { AdapterNeed, AdapterServices } from './AdapterServices.js';
import type { ParticipationHistoryEntry, ParticipationSnapshot } from '../participation/ParticipationSnapshot.js';
import type { ParticipationTrigger } from '../participation/triggers.js';
import type { TriggerStep } from './OperatorEventEffect.js';
import type { NativeStatus } from './nativeStatuses.js';
import type { GrantedCustomerData } from './customerData.js';
import type { OperatorReference, OperatorReferenceBook } from './OperatorReference.js';

/**
 * What every adapter call receives: the instance's config (secrets opened, for the adapter's eyes only) typed from
 * the manifest's `configSchema`, a signal aborted when the platform stops waiting, the platform's clock, the
 * instance's map of operator references — and the services the adapter declared in `needs` ({@link AdapterServices}).
 *
 * @example
 * async function startTest(deviceId: string, context: AdapterContext<AcmeConfig, 'http' | 'logger'>) {
 *   context.logger.info('test dispatch requested', { deviceId });
 *   await context.http.client({ baseUrl: context.config.apiBaseUrl }).request({ method: 'POST', path: `/devices/${deviceId}/test` });
 * }
 */
export type AdapterContext<Config = AdapterConfig, Needs extends AdapterNeed = never> = AdapterCallContext<Config> & Pick<AdapterServices, Needs>;

/** What every call's context holds, whatever the adapter declared. @example const { config, signal, now } = context; */
export interface AdapterCallContext<Config = AdapterConfig> {
  readonly workspaceId: string;
  readonly programInstanceId: string;
  /** The instance's config, valid against the manifest's schema; a property left out is absent (its `default` documents it). */
  readonly config: Config;
  /** Aborted when the platform stops waiting; pass it to `fetch` so abandoned calls stop too. */
  readonly signal: AbortSignal;
  /** The platform's clock: use it, not `new Date()`, so tests can move time. */
  readonly now: Date;
  /** This instance's map of operator references to participations. */
  readonly references: OperatorReferenceBook;
  /**
   * On calls from the adapter outbox (`onParticipationChanged`): a key derived from the outbox item, the same on
   * every retry of that item and different for every other, so a POST that timed out and is sent again cannot create
   * a second site. The `http` service's clients send it as `Idempotency-Key` on POST and PATCH; an adapter calling
   * its operator otherwise sends it itself. Absent on every other call.
   */
  readonly idempotencyKey?: string;
  /**
   * The W3C `traceparent` of the request or task that made this call, so that the operator's own logs can be joined
   * to Flexroll's. The `http` service's clients send it already; an adapter calling its operator otherwise sends it
   * itself as the `traceparent` header. Absent when the call was made outside any trace.
   */
  readonly traceparent?: string;
}

/**
 * A participation as an adapter sees it: seed 001's state, its history, what the platform recorded, the operator's
 * named statuses, the device's manufacturer and serial number — and, only in the calls that hand it over, the
 * customer's data its program instance granted (`customer`).
 *
 * @example
 * if (participation.nativeStatuses?.device?.value === 'LIVE' && participation.state === 'REGISTERED') return { trigger: 'device_live' };
 */
export interface ParticipationView extends ParticipationSnapshot {
  /** The participation's id (`vpo_…`): what `OperatorReferenceBook.link` links an operator reference to. */
  readonly id: string;
  /** Every state it entered, oldest first; the last entry is the current state. */
  readonly history: readonly ParticipationHistoryEntry[];
  /**
   * The operator's reference for the participation, as recorded with its consent (seed 002's `reference_id`) — not
   * the enrollment's `referenceId`, which is the workspace's own reference and reaches an adapter only when granted
   * (`customer.referenceId`).
   */
  readonly providerReferenceId?: string;
  /** Whether boundary-meter access has been granted (seed 000's AWAITING_METER_ACCESS step). */
  readonly meterAccessAvailable: boolean;
  /** When the platform last received telemetry for the device (ISO-8601 UTC), if ever. */
  readonly lastTelemetryAt?: string;
  /** The operator's own name for its state, as an effect last reported it (`operatorNativeState`). */
  readonly operatorNativeState?: string;
  /** The operator's named statuses (declared in the manifest's `nativeStatuses`), each with its value and since when. */
  readonly nativeStatuses?: Readonly<Record<string, NativeStatus>>;
  /** Trigger steps waiting for their state (see `TriggerStep.awaitState`). */
  readonly awaiting?: readonly TriggerStep[];
  /** The operator references linked to it; given to `sync`, `syncMany`, `onParticipationCreated` and `onParticipationChanged`. */
  readonly operatorReferences?: readonly OperatorReference[];
  /** The device's manufacturers (seed 004 `manufacturerSlugs`), e.g. `['tesla']`. */
  readonly manufacturerSlugs?: readonly string[];
  /** The device's serial number (seed 004 `serialNumber`). */
  readonly serialNumber?: string;
  /**
   * The customer's data its program instance granted (see `AdapterManifest.customerData`): exactly the granted fields
   * the enrollment has, and nothing else. Present only in the outbox's calls (`onParticipationCreated`,
   * `onParticipationChanged`), each hand-over recorded on the enrollment as `adapter.customer_data_shared`.
   */
  readonly customer?: GrantedCustomerData;
}

/**
 * An enrollment as an adapter sees it: seed 004's fields eligibility depends on, its status, and its participation if
 * it has a device.
 * @example if (enrollment.address?.state === 'NY') return { eligible: true };
 */
export interface EnrollmentView {
  /** The enrollment's id (a CUID). */
  readonly id: string;
  /** The program instance it belongs to. */
  readonly programInstanceId: string;
  /** Its status (seed 004 `eligibilityStatus`). */
  readonly status: EnrollmentStatus;
  /** Why it has that status, when one was given (seed 004 `eligibilityReason`). */
  readonly reason?: string;
  /** The site's postal address (seed 004 `address`): eligibility depends on where the site is. */
  readonly address?: Readonly<Record<string, string>>;
  /** The device's manufacturers (seed 004 `manufacturerSlugs`). */
  readonly manufacturerSlugs?: readonly string[];
  /** The device's serial number (seed 004 `serialNumber`). */
  readonly serialNumber?: string;
  /** The workspace's own reference for the enrollment (seed 004 `referenceId`). */
  readonly referenceId?: string;
  /** The enrollment's tags (seed 004), for checks that depend on how the workspace categorised the customer. */
  readonly tags?: readonly string[];
  /** The device's participation, when the enrollment names a device. */
  readonly participation?: ParticipationView;
  /**
   * The customer's data its program instance granted: exactly the granted fields the enrollment has, and nothing
   * else. Present only in the calls that hand it over (`evaluateEligibility`), each hand-over recorded on the
   * enrollment as `adapter.customer_data_shared`.
   */
  readonly customer?: GrantedCustomerData;
}

/**
 * An enrollment status move asked for through the enrollment API.
 * @example const request: StatusMoveRequest = { from: 'submitted', to: 'approved', participation };
 */
export interface StatusMoveRequest {
  readonly from: EnrollmentStatus;
  readonly to: EnrollmentStatus;
  readonly participation: ParticipationView;
}

/**
 * A participation move: checked and about to be written (for `statusForParticipation`), or written (for
 * `onParticipationChanged`). `criteria_changed` is the platform's restart of an INELIGIBLE participation after the
 * properties eligibility depends on changed (seed 000: "Recoverable only if site properties change").
 * @example if (move.to.state === 'CONFIRMING_DISPATCH') await startTestDispatch();
 */
export interface ParticipationMove {
  /** What moved it: a seed-000 trigger, or the platform's `criteria_changed`. */
  readonly trigger: ParticipationTrigger | 'criteria_changed';
  /** Where it stood before the move. */
  readonly from: ParticipationSnapshot;
  /** Where the move left it. */
  readonly to: ParticipationSnapshot;
  /** The enrollment's status before the move. */
  readonly currentStatus: EnrollmentStatus;
}

/**
 * The adapter's verdict on eligibility.
 * @example const verdict: EligibilityVerdict = { eligible: false, reason: 'Outside the service territory' };
 */
export interface EligibilityVerdict {
  readonly eligible: boolean;
  readonly reason?: string;
}
