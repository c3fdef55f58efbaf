import {
  AdapterError,
  ENROLLMENT_STATUSES,
  FlexrollError,
  PARTICIPATION_TRIGGERS,
  SUSPENSION_REASONS,
  type AdapterContext,
  type EligibilityVerdict,
  type EnrollmentStatus,
  type EnrollmentView,
  type OperatorAdapter,
  type OperatorEvent,
  type OperatorEventEffect,
  type ParticipationMove,
  type ParticipationTrigger,
  type ParticipationView,
  type StatusMoveRequest,
} from '@flexroll/sdk';
import type { Clock } from '../clock/Clock.js';
import type { ProgramInstance } from '../model/ProgramInstance.js';

/**
 * One adapter bound to one program instance: every call gets the instance's config and a time limit, and every
 * answer is checked before the core uses it. A throw, a hang or a malformed answer becomes an {@link AdapterError}.
 * The config's secrets are opened only when the adapter is first called, never to read its static parts
 * (manifest, messages).
 */
export class BoundAdapter {
  #config: Readonly<Record<string, unknown>> | undefined;

  /** `openConfig` gives the instance's config with its secrets opened; it is called once, at the first adapter call. */
  constructor(
    readonly adapter: OperatorAdapter,
    private readonly instance: ProgramInstance,
    private readonly openConfig: () => Readonly<Record<string, unknown>>,
    private readonly clock: Clock,
    private readonly timeoutMs: number,
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
    return this.checkEffect('mapOperatorEvent', await this.call('mapOperatorEvent', (context) => map(event, participation, context)));
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
    throw this.invalid('evaluateEligibility', `answered ${JSON.stringify(verdict)}, not { eligible: boolean }`);
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

  async notify(move: ParticipationMove, participation: ParticipationView): Promise<void> {
    if (this.adapter.onParticipationChanged === undefined) return;
    const notify = this.adapter.onParticipationChanged.bind(this.adapter);
    await this.call('onParticipationChanged', (context) => notify(move, participation, context));
  }

  /** The customer-facing message overrides, by state. */
  get messages(): OperatorAdapter['messages'] {
    return this.adapter.messages;
  }

  private async call<T>(operation: string, invoke: (context: AdapterContext) => T | Promise<T>): Promise<T> {
    const controller = new AbortController();
    const context: AdapterContext = {
      workspaceId: this.instance.workspaceId,
      programInstanceId: this.instance.id,
      config: (this.#config ??= this.openConfig()),
      signal: controller.signal,
      now: this.clock.now(),
    };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new AdapterError(this.id, 'timeout', `Adapter '${this.id}' did not answer ${operation} within ${this.timeoutMs} ms.`));
      }, this.timeoutMs);
    });
    try {
      return await Promise.race([Promise.resolve().then(() => invoke(context)), timeout]);
    } catch (error) {
      if (FlexrollError.is(error) && error.kind === 'adapter') throw error;
      throw new AdapterError(this.id, 'threw', `Adapter '${this.id}' failed in ${operation}: ${(error as Error)?.message ?? String(error)}`, error);
    } finally {
      clearTimeout(timer);
    }
  }

  private checkEffect(operation: string, effect: OperatorEventEffect): OperatorEventEffect {
    const isObject = typeof effect === 'object' && effect !== null;
    const triggerOk = isObject && (effect.trigger === undefined || (PARTICIPATION_TRIGGERS as readonly unknown[]).includes(effect.trigger));
    const reasonOk = isObject && (effect.suspensionReason === undefined || (SUSPENSION_REASONS as readonly unknown[]).includes(effect.suspensionReason));
    const nativeOk = isObject && (effect.nativeState === undefined || typeof effect.nativeState === 'string');
    const suspends = isObject && (effect.trigger === 'suspension_raised' || effect.trigger === 'suspension_cleared');
    const reasonGiven = !suspends || effect.suspensionReason !== undefined;
    if (triggerOk && reasonOk && nativeOk && reasonGiven) return effect;
    throw this.invalid(operation, `answered ${JSON.stringify(effect)}, not an operator event effect`);
  }

  private invalid(operation: string, problem: string): AdapterError {
    return new AdapterError(this.id, 'invalid_answer', `Adapter '${this.id}' ${operation} ${problem}.`);
  }
}
