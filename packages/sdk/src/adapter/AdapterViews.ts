import type { EnrollmentStatus } from '../enrollment/statuses.js';
import type { AdapterConfig } from './adapterConfig.js';
import type { AdapterNeed, AdapterServices } from './AdapterServices.js';
import type { ParticipationHistoryEntry, ParticipationSnapshot } from '../participation/ParticipationSnapshot.js';
import type { ParticipationTrigger } from '../participation/triggers.js';
import type { TriggerStep } from './OperatorEventEffect.js';
import type { NativeStatus } from './nativeStatuses.js';
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
}

/**
 * A participation as an adapter sees it: seed 001's state, its history, what the platform recorded, the operator's
 * named statuses, and the device's manufacturer and serial number (no personal data).
 *
 * @example
 * if (participation.nativeStatuses?.device?.value === 'LIVE' && participation.state === 'REGISTERED') return { trigger: 'device_live' };
 */
export interface ParticipationView extends ParticipationSnapshot {
  readonly id: string;
  readonly history: readonly ParticipationHistoryEntry[];
  readonly referenceId?: string;
  readonly meterAccessAvailable: boolean;
  readonly lastTelemetryAt?: string;
  readonly operatorNativeState?: string;
  readonly nativeStatuses?: Readonly<Record<string, NativeStatus>>;
  /** Trigger steps waiting for their state (see `TriggerStep.awaitState`). */
  readonly awaiting?: readonly TriggerStep[];
  /** The operator references linked to it; given to `sync`, `syncMany` and `onParticipationChanged`. */
  readonly operatorReferences?: readonly OperatorReference[];
  readonly manufacturerSlugs?: readonly string[];
  readonly serialNumber?: string;
}

/**
 * An enrollment as an adapter sees it: seed 004's fields, its status, and its participation if it has a device.
 * @example if (enrollment.address?.state === 'NY') return { eligible: true };
 */
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
  readonly trigger: ParticipationTrigger | 'criteria_changed';
  readonly from: ParticipationSnapshot;
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
