import type { EnrollmentStatus } from '../enrollment/statuses.js';
import type { ParticipationState } from '../participation/states.js';
import type { ParticipationTrigger } from '../participation/triggers.js';
import type { AdapterConfig, ConfigOf, OperatorEventOf } from './adapterConfig.js';
import type { AdapterManifest, JsonSchema } from './AdapterManifest.js';
import type { AdapterNeed } from './AdapterServices.js';
import type { AdapterContext, EligibilityVerdict, EnrollmentView, ParticipationMove, ParticipationView, StatusMoveRequest } from './AdapterViews.js';
import type { InboundWebhookRequest, InboundWebhookResult } from './inboundWebhooks.js';
import type { OperatorEvent, OperatorEventEffect } from './OperatorEventEffect.js';
import type { SyncResults } from './polling.js';

type MaybePromise<T> = T | Promise<T>;

/**
 * The contract between the platform and one programme operator. The platform calls these with a time limit and
 * checks every answer against both state machines, so an adapter can never move either one illegally: an answer
 * the machines refuse is the adapter's fault (recorded as `adapter.failed`, answered 502 naming the adapter).
 *
 * @example
 * export default defineAdapter({
 *   manifest,
 *   triggerForStatusMove: ({ from, to }) => (from === 'submitted' && to === 'approved' ? 'registration_confirmed' : undefined),
 *   statusForParticipation: ({ to, currentStatus }) => (to.state === 'ACTIVE' ? 'approved' : currentStatus),
 * })
 */
export interface OperatorAdapter<Config = AdapterConfig, Needs extends AdapterNeed = never, Event extends OperatorEvent = OperatorEvent> {
  readonly manifest: AdapterManifest;
  /**
   * The platform's services the adapter uses, each handed to every call on its context under its name: `logger`
   * (scoped to the adapter, secrets redacted) and `http` (the operator's client with a token cache the platform
   * keeps per instance and config). An adapter that declares none gets neither.
   * @example needs: ['logger', 'http']
   */
  readonly needs?: readonly AdapterNeed[];
  /**
   * The participation trigger an enrollment status move fires: a trigger, `null` when none is needed (the
   * participation already stands where the new status says), or `undefined` when the move cannot be made now.
   * @example triggerForStatusMove: ({ from, to }) => (from === 'submitted' && to === 'approved' ? 'registration_confirmed' : undefined)
   */
  triggerForStatusMove(request: StatusMoveRequest, context: AdapterContext<Config, Needs>): MaybePromise<ParticipationTrigger | null | undefined>;
  /**
   * The enrollment status a participation move leads to. The platform walks the legal moves to reach it.
   * @example statusForParticipation: ({ to, from, currentStatus }) => statusForParticipationState(to.state, from.state, currentStatus)
   */
  statusForParticipation(move: ParticipationMove, context: AdapterContext<Config, Needs>): MaybePromise<EnrollmentStatus>;
  /**
   * What an operator event means; required when the manifest declares operator events.
   * @example mapOperatorEvent: ({ payload }) => ((payload as { live: boolean }).live ? { trigger: 'device_live' } : {})
   */
  mapOperatorEvent?(event: Event, participation: ParticipationView, context: AdapterContext<Config, Needs>): MaybePromise<OperatorEventEffect>;
  /**
   * The operator's own webhooks, at `POST /programInstances/{instanceId}/operator-webhooks`: verify the raw request
   * (throw `WebhookVerificationError` when it is not the operator's) and parse it into events, which the platform
   * addresses, checks against the manifest's schemas and hands to `mapOperatorEvent` one by one.
   * @example
   * receiveWebhook: (request, context) => {
   *   const expected = hmacSha256(String(context.config.webhookSecret), request.body, 'hex');
   *   if (!safeEqual(expected, request.headers['x-signature'] ?? '')) throw new WebhookVerificationError('Bad signature.');
   *   return { events: [JSON.parse(new TextDecoder().decode(request.body))] };
   * }
   */
  receiveWebhook?(request: InboundWebhookRequest, context: AdapterContext<Config, Needs>): MaybePromise<InboundWebhookResult>;
  /**
   * Eligibility evaluation, called when a participation reaches AWAITING_ELIGIBILITY. Omit to let the operator decide by hand.
   * @example evaluateEligibility: (enrollment) => ({ eligible: enrollment.address?.country === 'USA' })
   */
  evaluateEligibility?(enrollment: EnrollmentView, context: AdapterContext<Config, Needs>): MaybePromise<EligibilityVerdict | undefined>;
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
  checkEligibility?(enrollment: EnrollmentView, context: AdapterContext<Config, Needs>): MaybePromise<EligibilityVerdict | undefined>;
  /**
   * Side effects once an enrollment with a participation is created (its `enrollment.created` is written): tell the
   * operator of the new customer before anything moves the participation. Run through the platform's outbox like
   * {@link OperatorAdapter.onParticipationChanged} — in the background, before the participation's first move is
   * delivered, retried with back-off, dead-lettered after the last attempt, and enqueued after a crash by the
   * outbox's catch-up — so make it safe to repeat. The participation is handed over as it is when the call is made,
   * with the customer's granted data (`participation.customer`) when the instance granted any.
   * @example onParticipationCreated: async (participation, context) => { await createSite({ email: participation.customer?.email, serial: participation.serialNumber }, context) }
   */
  onParticipationCreated?(participation: ParticipationView, context: AdapterContext<Config, Needs>): MaybePromise<void>;
  /**
   * Side effects after every participation move is written, through the platform's outbox: called in the background,
   * in `seq` order per enrollment, retried with back-off until it succeeds, and dead-lettered after the last attempt
   * (listed by `GET /programInstances/{instanceId}/adapter-outbox`). It never delays or undoes the move. Make it
   * safe to repeat: a retry after a timeout may call it twice for one move (`context.idempotencyKey` is the same on
   * every attempt, and sent as `Idempotency-Key` by `context.http`'s POSTs). `participation` is the participation as
   * it is when the item is delivered, not as it was at the move. An `OperatorCallError` with `retryAfterMs` (the
   * operator's `Retry-After`) sets when the item is tried again.
   * @example onParticipationChanged: async (move, participation, context) => { if (move.to.state === 'CONFIRMING_DISPATCH') await startTest(participation, context) }
   */
  onParticipationChanged?(move: ParticipationMove, participation: ParticipationView, context: AdapterContext<Config, Needs>): MaybePromise<void>;
  /**
   * What the operator reports now for one participation, polled in every non-terminal state (see `PollingSettings`).
   * @example sync: async (participation, context) => ({ nativeStatuses: { device: await fetchStatus(participation, context) } })
   */
  sync?(participation: ParticipationView, context: AdapterContext<Config, Needs>): MaybePromise<OperatorEventEffect | undefined>;
  /**
   * `sync` for a batch: one call for up to `manifest.polling.batchSize` participations. Preferred over `sync` when both exist.
   * @example syncMany: async (participations, context) => Object.fromEntries(participations.map((p) => [p.id, undefined]))
   */
  syncMany?(participations: readonly ParticipationView[], context: AdapterContext<Config, Needs>): MaybePromise<SyncResults>;
  /** Overrides of the customer-facing messages, per state. @example messages: { CONFIRMING_DISPATCH: 'We are running a short test charge.' } */
  readonly messages?: Partial<Readonly<Record<ParticipationState, string>>>;
}

const ADAPTER_BRAND = Symbol.for('flexroll.adapter');

/**
 * Declares an adapter: returns it tagged, so the loader can tell an adapter from any other export. Its calls'
 * `context.config` takes the type of the manifest's `configSchema` when that was built with `Type` (else a record of
 * unknowns), and `context` carries the services named in `needs`.
 *
 * @example
 * export default defineAdapter({
 *   manifest, // an AdapterManifest<typeof configSchema>
 *   needs: ['logger', 'http'],
 *   triggerForStatusMove, statusForParticipation,
 *   onParticipationChanged: async (move, participation, context) => {
 *     context.logger.info('mirroring a move', { to: move.to.state });
 *     await context.http.client({ baseUrl: context.config.apiBaseUrl }).request({ method: 'POST', path: '/moves', json: move });
 *   },
 * })
 */
export function defineAdapter<Schema extends JsonSchema, Events extends Readonly<Record<string, JsonSchema>>, Needs extends AdapterNeed = never>(
  adapter: OperatorAdapter<ConfigOf<Schema>, Needs, OperatorEventOf<Events>> & { readonly manifest: AdapterManifest<Schema, Events>; readonly needs?: readonly Needs[] },
): OperatorAdapter<ConfigOf<Schema>, Needs, OperatorEventOf<Events>> & { readonly manifest: AdapterManifest<Schema, Events> } {
  return Object.freeze({ ...adapter, [ADAPTER_BRAND]: true });
}

/** Whether a value was made by {@link defineAdapter} (whichever copy of the SDK made it). @example isAdapter(module.default) */
export function isAdapter(value: unknown): value is OperatorAdapter {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[ADAPTER_BRAND] === true;
}
