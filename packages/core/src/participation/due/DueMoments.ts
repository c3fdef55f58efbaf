import { inject, injectable } from 'inversify';
import { DEFAULT_POLLING, isTerminalState } from '@flexroll/sdk';
import { type DueKeys, dueKeysOf, type Enrollment } from '../../enrollments/index.js';
import { type AdapterRegistry, pollSlotAtOrAfter } from '../../operators/index.js';
import { type Clock, CORE_TOKENS, dueAtOrAfter, STORE_TOKENS } from '../../platform/index.js';
import type { ProgramInstance, ProgramInstanceRepository } from '../../programs/index.js';
import { deadlineAlertDue, reviewDueAt } from './timedRules.js';

/** How long an instance's rules read here are used before they are read again. */
const INSTANCE_READ_MS = 5_000;
const KEPT_INSTANCES = 1_000;

/**
 * The due keys of an enrollment (ADR 0019), from its participation and its instance's rules: when the sweep's review
 * is next due (the timed rules, `timedRules.ts`) and when the operator poll is (`pollSlots.ts`), never earlier than
 * this process's clock. The enrollment log asks for them at every save of a projection, the sweep and the poller when
 * they looked at an enrollment and left it as it was.
 */
@injectable()
export class DueMoments {
  readonly #instances = new Map<string, { readonly instance: ProgramInstance | undefined; readonly readAt: number }>();

  constructor(
    @inject(STORE_TOKENS.programInstances) private readonly instances: ProgramInstanceRepository,
    @inject(CORE_TOKENS.adapters) private readonly adapters: AdapterRegistry,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
  ) {}

  /**
   * The enrollment's due keys as it stands now. `polledAt`: it was just polled at that moment, so its next poll is the
   * slot after. `instance`: its instance, when the caller has it at hand.
   */
  async keysFor(enrollment: Enrollment, options: { readonly instance?: ProgramInstance; readonly polledAt?: number } = {}): Promise<DueKeys> {
    const participation = enrollment.participation;
    if (participation === undefined || enrollment.deletedAt !== undefined) return {};
    // A participation that ended is polled no more; it is reviewed only to announce that a missed deadline was met.
    const ended = isTerminalState(participation.state);
    if (ended && deadlineAlertDue(participation) === undefined) return {};
    const instance = options.instance ?? (await this.#instance(enrollment.workspaceId, enrollment.programInstanceId));
    if (instance === undefined) return {};
    const now = this.clock.now();
    const review = reviewDueAt(participation, instance);
    const polling = ended ? undefined : this.#pollingOf(instance);
    const poll = polling === undefined
      ? undefined
      : pollSlotAtOrAfter(participation, polling, options.polledAt === undefined ? now.getTime() - polling.intervalSeconds * 1000 : options.polledAt + 1, enrollment.updatedAt);
    return dueKeysOf(instance, review === undefined ? undefined : dueAtOrAfter(review, now), poll === undefined ? undefined : dueAtOrAfter(poll, now));
  }

  /** The instance's polling settings; undefined when its adapter (loaded here) does not sync. Unknown here: the defaults. */
  #pollingOf(instance: ProgramInstance) {
    if (!this.adapters.has(instance.adapter.adapterId)) return DEFAULT_POLLING;
    const adapter = this.adapters.get(instance.adapter.adapterId);
    const syncs = typeof adapter.syncMany === 'function' || typeof adapter.sync === 'function';
    return syncs ? { ...DEFAULT_POLLING, ...adapter.manifest.polling } : undefined;
  }

  async #instance(workspaceId: string, instanceId: string): Promise<ProgramInstance | undefined> {
    const key = `${workspaceId}/${instanceId}`;
    const now = this.clock.now().getTime();
    const kept = this.#instances.get(key);
    if (kept !== undefined && now - kept.readAt >= 0 && now - kept.readAt < INSTANCE_READ_MS) return kept.instance;
    const instance = await this.instances.get(workspaceId, instanceId);
    if (this.#instances.size >= KEPT_INSTANCES) this.#instances.clear();
    this.#instances.set(key, { instance, readAt: now });
    return instance;
  }
}
