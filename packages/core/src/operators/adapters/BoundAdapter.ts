import {
  AdapterError,
  ENROLLMENT_STATUSES,
  FlexrollError,
  PARTICIPATION_TRIGGERS,
  type AdapterContext,
  type AdapterServices,
  type CustomerDataField,
  type EligibilityVerdict,
  type EnrollmentStatus,
  type EnrollmentView,
  type InboundWebhookRequest,
  type InboundWebhookResult,
  type OperatorAdapter,
  type OperatorEvent,
  type OperatorEventEffect,
  type OperatorReferenceBook,
  type ParticipationMove,
  type ParticipationTrigger,
  type ParticipationView,
  type StatusMoveRequest,
  type SyncResults,
  type TokenCache,
  OperatorCallError,
} from '@flexroll/sdk';
import { type Clock, type CoreLogger, type CoreMetrics, outgoingTraceparent } from '../../platform/index.js';
import type { ProgramInstance } from '../../programs/index.js';
import { effectProblem } from './checkEffect.js';
import { declaredServices, type ServiceSources } from './declaredServices.js';
import { inboundProblem } from './checkInboundEvents.js';
import { redactSecrets, secretForms } from './redactSecrets.js';

/**
 * What a bound adapter is given besides the adapter: how to open its config, the clock, its limit, its reference map,
 * and what its declared services are made from (the host's logger, the platform's token cache for a config, the
 * guarded fetch every operator call goes out through).
 */
export interface AdapterBinding {
  readonly openConfig: () => Readonly<Record<string, unknown>>;
  readonly clock: Clock;
  readonly timeoutMs: number;
  readonly references: OperatorReferenceBook;
  readonly logger: CoreLogger;
  /** Where each call's latency and outcome are reported. */
  readonly metrics: CoreMetrics;
  /** The platform's fetch with the SSRF guard: every call of the adapter's `http` service goes through it. */
  readonly fetch: typeof fetch;
  readonly tokens: (config: Readonly<Record<string, unknown>>) => TokenCache;
}

/**
 * One adapter bound to one program instance: every call gets the instance's config and a time limit, and every
 * answer is checked before the core uses it. A throw, a hang or a malformed answer becomes an {@link AdapterError}
 * whose message never carries a value of the config's secret fields. The config's secrets are opened only when the
 * adapter is first called, never to read its static parts (manifest, messages).
 */
export class BoundAdapter {
  #config: Readonly<Record<string, unknown>> | undefined;
  #secrets: string[] = [];

  constructor(
    readonly adapter: OperatorAdapter,
    private readonly instance: ProgramInstance,
    private readonly binding: AdapterBinding,
  ) {}

  get id(): string {
    return this.adapter.manifest.id;
  }

  async triggerForStatusMove(request: StatusMoveRequest): Promise<ParticipationTrigger | null | undefined> {
    const answer = await this.call('triggerForStatusMove', (context) => this.adapter.triggerForStatusMove(request, context));
    if (answer === null || answer === undefined || (PARTICIPATION_TRIGGERS as readonly unknown[]).includes(answer)) return answer;
    throw this.invalid('triggerForStatusMove', `answered ${JSON.stringify(answer)}, not a trigger, null or undefined`);
  }

  async statusForParticipation(move: ParticipationMove): Promise<EnrollmentStatus> {
    const answer = await this.call('statusForParticipation', (context) => this.adapter.statusForParticipation(move, context));
    if ((ENROLLMENT_STATUSES as readonly unknown[]).includes(answer)) return answer;
    throw this.invalid('statusForParticipation', `answered ${JSON.stringify(answer)}, not an enrollment status`);
  }

  async mapOperatorEvent(event: OperatorEvent, participation: ParticipationView): Promise<OperatorEventEffect> {
    if (this.adapter.mapOperatorEvent === undefined) throw this.invalid('mapOperatorEvent', 'declares operator events but does not map them');
    const map = this.adapter.mapOperatorEvent.bind(this.adapter);
    // An adapter that refuses the event itself (an IllegalTransitionError or InputError it throws) judges the sender's
    // event, which is the sender's fault; an effect it returns that the machines refuse is the adapter's.
    return this.checkEffect('mapOperatorEvent', await this.call('mapOperatorEvent', (context) => map(event, participation, context), ['illegal_transition', 'input']));
  }

  /** Whether the adapter receives its operator's own webhooks. */
  get receivesWebhooks(): boolean {
    return typeof this.adapter.receiveWebhook === 'function';
  }

  /**
   * Verifies and parses an operator's webhook. A verification failure (`unauthorized`) or a malformed request
   * (`input`) the adapter throws is the sender's fault and passes through as it is (secrets redacted).
   */
  async receiveWebhook(request: InboundWebhookRequest): Promise<InboundWebhookResult> {
    if (this.adapter.receiveWebhook === undefined) throw this.invalid('receiveWebhook', 'receives no webhooks');
    const receive = this.adapter.receiveWebhook.bind(this.adapter);
    const result = await this.call('receiveWebhook', (context) => receive(request, context), ['unauthorized', 'input']);
    const problem = inboundProblem(result);
    if (problem !== undefined) throw this.invalid('receiveWebhook', `answered ${this.quote(result)}, not { events: [...] }: ${problem}`);
    return result;
  }

  /** Whether the adapter can be polled. */
  get syncs(): boolean {
    return typeof this.adapter.syncMany === 'function' || typeof this.adapter.sync === 'function';
  }

  /** What the operator reports now for each participation: `syncMany` in one call, else `sync` one by one. */
  async syncMany(participations: readonly ParticipationView[]): Promise<Map<string, OperatorEventEffect[]>> {
    const results = new Map<string, OperatorEventEffect[]>();
    if (this.adapter.syncMany !== undefined) {
      const syncMany = this.adapter.syncMany.bind(this.adapter);
      const answer: unknown = await this.call('syncMany', (context) => syncMany(participations, context));
      if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) throw this.invalid('syncMany', `answered ${this.quote(answer)}, not an object by participation id`);
      const asked = new Set(participations.map((participation) => participation.id));
      for (const [id, effects] of Object.entries(answer as SyncResults)) {
        if (!asked.has(id)) throw this.invalid('syncMany', `answered for '${id}', which it was not asked about`);
        const list = effects === undefined ? [] : Array.isArray(effects) ? effects : [effects];
        results.set(id, list.map((effect: unknown) => this.checkEffect('syncMany', effect)));
      }
      return results;
    }
    for (const participation of participations) {
      const effect = await this.sync(participation);
      if (effect !== undefined) results.set(participation.id, [effect]);
    }
    return results;
  }

  async sync(participation: ParticipationView): Promise<OperatorEventEffect | undefined> {
    if (this.adapter.sync === undefined) return undefined;
    const sync = this.adapter.sync.bind(this.adapter);
    const effect = await this.call('sync', (context) => sync(participation, context));
    return effect === undefined ? undefined : this.checkEffect('sync', effect);
  }

  async evaluateEligibility(enrollment: EnrollmentView): Promise<EligibilityVerdict | undefined> {
    if (this.adapter.evaluateEligibility === undefined) return undefined;
    const evaluate = this.adapter.evaluateEligibility.bind(this.adapter);
    const verdict = await this.call('evaluateEligibility', (context) => evaluate(enrollment, context));
    if (verdict === undefined || typeof verdict?.eligible === 'boolean') return verdict;
    throw this.invalid('evaluateEligibility', `answered ${this.quote(verdict)}, not { eligible: boolean }`);
  }

  /** Whether the adapter wants to be told of participation moves (through the outbox). */
  get notifies(): boolean {
    return typeof this.adapter.onParticipationChanged === 'function';
  }

  /** The adapter's own eligibility check for screening (undefined when it has none, or leaves the decision to the rules). */
  async checkEligibility(enrollment: EnrollmentView): Promise<EligibilityVerdict | undefined> {
    if (this.adapter.checkEligibility === undefined) return undefined;
    const check = this.adapter.checkEligibility.bind(this.adapter);
    const verdict = await this.call('checkEligibility', (context) => check(enrollment, context));
    if (verdict === undefined || typeof verdict?.eligible === 'boolean') return verdict;
    throw this.invalid('checkEligibility', `answered ${JSON.stringify(verdict)}, not { eligible: boolean }`);
  }

  /** Whether the adapter has its own screening check (so a bulk import knows whether to call it). */
  get checksEligibility(): boolean {
    return this.adapter.checkEligibility !== undefined;
  }

  /** Whether the adapter wants to be told of a participation's creation (through the outbox). */
  get notifiesCreation(): boolean {
    return typeof this.adapter.onParticipationCreated === 'function';
  }

  /** The customer's fields this instance granted its adapter (none without a grant). */
  get grantedFields(): readonly CustomerDataField[] {
    return this.instance.customerDataGrant?.fields ?? [];
  }

  /** Tells the adapter of a participation's creation, from the outbox: `idempotencyKey` is the item's (`context.idempotencyKey`). */
  async notifyCreated(participation: ParticipationView, idempotencyKey?: string): Promise<void> {
    if (this.adapter.onParticipationCreated === undefined) return;
    const notify = this.adapter.onParticipationCreated.bind(this.adapter);
    await this.call('onParticipationCreated', (context) => notify(participation, context), [], idempotencyKey);
  }

  /** Tells the adapter of a move, from the outbox: `idempotencyKey` is the item's (`context.idempotencyKey`). */
  async notify(move: ParticipationMove, participation: ParticipationView, idempotencyKey?: string): Promise<void> {
    if (this.adapter.onParticipationChanged === undefined) return;
    const notify = this.adapter.onParticipationChanged.bind(this.adapter);
    await this.call('onParticipationChanged', (context) => notify(move, participation, context), [], idempotencyKey);
  }

  /** The customer-facing message overrides, by state. */
  get messages(): OperatorAdapter['messages'] {
    return this.adapter.messages;
  }

  /**
   * The adapter's answer broke a state machine's rules: its fault, not the caller's (answered 502, recorded as
   * `adapter.failed`), with the machine's refusal quoted.
   */
  illegalAnswer(operation: string, refusal: FlexrollError): AdapterError {
    return new AdapterError(this.id, 'illegal_answer', this.redact(`Adapter '${this.id}' ${operation} answered what the state machines refuse: ${refusal.message}`));
  }

  /** Cleans a text of the config's secret values (the config is opened for it if no call has opened it yet). */
  redact(text: string): string {
    this.config();
    return redactSecrets(text, this.#secrets);
  }

  private config(): Readonly<Record<string, unknown>> {
    if (this.#config === undefined) {
      this.#config = this.binding.openConfig();
      this.#secrets = secretForms(this.adapter.manifest.configSchema, this.#config);
    }
    return this.#config;
  }

  private sources(config: Readonly<Record<string, unknown>>): ServiceSources {
    const scope = { adapterId: this.id, workspaceId: this.instance.workspaceId, programInstanceId: this.instance.id };
    return { host: this.binding.logger, scope, redact: (text) => this.redact(text), tokens: () => this.binding.tokens(config), fetch: this.binding.fetch };
  }

  private async call<T>(operation: string, invoke: (context: AdapterContext) => T | Promise<T>, passThrough: readonly string[] = [], idempotencyKey?: string): Promise<T> {
    const controller = new AbortController();
    const config = this.config();
    const endsAt = Date.now() + this.binding.timeoutMs;
    const traceparent = outgoingTraceparent();
    const context: AdapterContext & Partial<AdapterServices> = {
      workspaceId: this.instance.workspaceId,
      programInstanceId: this.instance.id,
      config,
      signal: controller.signal,
      now: this.binding.clock.now(),
      references: this.binding.references,
      ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
      ...(traceparent === undefined ? {} : { traceparent }),
      ...declaredServices(this.adapter, this.sources(config), controller.signal, { endsAt, idempotencyKey }),
    };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new AdapterError(this.id, 'timeout', `Adapter '${this.id}' did not answer ${operation} within ${this.binding.timeoutMs} ms.`));
      }, this.binding.timeoutMs);
    });
    const started = process.hrtime.bigint();
    let outcome: 'ok' | 'error' | 'timeout' = 'error';
    try {
      const answer = await Promise.race([Promise.resolve().then(() => invoke(context)), timeout]);
      outcome = 'ok';
      return answer;
    } catch (error) {
      if (controller.signal.aborted) outcome = 'timeout';
      if (FlexrollError.is(error) && error.kind === 'adapter' && (error as AdapterError).adapterId === this.id) throw error;
      if (FlexrollError.is(error) && passThrough.includes(error.kind)) throw new FlexrollError(error.kind, error.code, this.redact(error.message), { details: error.details });
      const message = error instanceof Error ? error.message : String(error);
      // The cause is not kept: it would carry the unredacted message into whatever logs the error. The operator's
      // Retry-After is (the outbox schedules the item's next attempt by it).
      throw new AdapterError(this.id, 'threw', this.redact(`Adapter '${this.id}' failed in ${operation}: ${message}`), undefined, operatorRetryAfterMs(error));
    } finally {
      clearTimeout(timer);
      this.binding.metrics.adapterCall(this.id, operation, Number(process.hrtime.bigint() - started) / 1e9, outcome);
    }
  }

  private checkEffect(operation: string, effect: unknown): OperatorEventEffect {
    const problem = effectProblem(effect, this.adapter.manifest);
    if (problem === undefined) return effect as OperatorEventEffect;
    throw this.invalid(operation, `answered ${this.quote(effect)}, not an operator event effect: ${problem}`);
  }

  private quote(value: unknown): string {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 300 ? `${text.slice(0, 300)}…` : text;
  }

  private invalid(operation: string, problem: string): AdapterError {
    return new AdapterError(this.id, 'invalid_answer', this.redact(`Adapter '${this.id}' ${operation} ${problem}.`));
  }
}

/** The wait an operator asked for, carried by the {@link OperatorCallError} an adapter threw (a whole, non-negative ms), if any. */
function operatorRetryAfterMs(error: unknown): number | undefined {
  if (!OperatorCallError.is(error)) return undefined;
  const wait = error.retryAfterMs;
  return typeof wait === 'number' && Number.isFinite(wait) && wait >= 0 ? Math.ceil(wait) : undefined;
}
