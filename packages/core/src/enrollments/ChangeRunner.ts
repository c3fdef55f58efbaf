import { inject, injectable, LazyServiceIdentifier } from 'inversify';
import { FlexrollError, NotFoundError, type AdapterError, type GrantedCustomerData } from '@flexroll/sdk';
import { AdapterGateway, AdapterOutbox, releaseAwaiting, stillAhead } from '../operators/index.js';
import { CustomerMailOutbox } from '../customerMail/index.js';
import { toEnrollmentView } from './views.js';
import { customerDataShared } from './customerDataShared.js';
import { type CoreLogger, CORE_TOKENS, STORE_TOKENS } from '../platform/index.js';
import type { Enrollment } from './Enrollment.js';
import type { EnrollmentEvent } from './EnrollmentEvent.js';
import type { ProgramInstanceRepository, ProgramInstance } from '../programs/index.js';
import { DeviceClaims } from './DeviceClaims.js';
import { EligibilityScreening, type VersionedEligibilityRules } from '../screening/index.js';
import { fireParticipationTrigger, type InstanceRules } from './decisions.js';
import type { EnrollmentChange } from './EnrollmentChange.js';
import { EnrollmentLog, type Author, type ChangeResult, type StoredCopy } from './EnrollmentLog.js';

/** A decision that may consult the instance's adapter. */
export type RuledDecision = (change: EnrollmentChange, rules: InstanceRules) => void | Promise<void>;

/** What a change did, with the instance rules it was decided under (so a response need not read them again). */
export interface RuledChangeResult extends ChangeResult {
  readonly rules: InstanceRules;
}

/**
 * Runs every change to an enrollment: decides it with the instance's adapter on the freshest state (an enrollment
 * that becomes active again takes its device first, see {@link DeviceClaims}), appends it, and afterwards owes the
 * adapter word of what moved (its outbox). An adapter that throws, hangs or answers nonsense while deciding stops
 * the change (nothing is written but an `adapter.failed` event on the enrollment) and surfaces as an AdapterError.
 * Each adapter failure is logged once, with the enrollment's id.
 */
@injectable()
export class ChangeRunner {
  constructor(
    @inject(EnrollmentLog) private readonly log: EnrollmentLog,
    @inject(DeviceClaims) private readonly claims: DeviceClaims,
    @inject(new LazyServiceIdentifier(() => AdapterGateway)) private readonly gateway: AdapterGateway,
    @inject(STORE_TOKENS.programInstances) private readonly instances: ProgramInstanceRepository,
    @inject(CORE_TOKENS.logger) private readonly logger: CoreLogger,
    @inject(new LazyServiceIdentifier(() => AdapterOutbox)) private readonly outbox: AdapterOutbox,
    @inject(new LazyServiceIdentifier(() => CustomerMailOutbox)) private readonly customerMail: CustomerMailOutbox,
    @inject(new LazyServiceIdentifier(() => EligibilityScreening)) private readonly screening: EligibilityScreening,
  ) {}

  /**
   * Undefined when there is no such enrollment in the workspace. `loaded`: the enrollment as just loaded, if it was, or
   * as just read from the stored projections (see {@link EnrollmentLog.change}). `rules`: the instance's rules, when the
   * caller has them at hand (a sweep reviewing a bucket of one instance's enrollments).
   */
  async run(workspaceId: string, enrollmentId: string, author: Author, decide: RuledDecision, loaded?: Enrollment | StoredCopy, known?: InstanceRules): Promise<RuledChangeResult | undefined> {
    let rules: InstanceRules | undefined = known;
    let result: ChangeResult | undefined;
    try {
      result = await this.log.change(workspaceId, enrollmentId, author, async (change) => {
        const before = change.current;
        rules ??= await this.rulesFor(before);
        await decide(change, rules);
        await this.claims.claimIfReactivated(before, change.current);
      }, loaded);
    } catch (error) {
      if (isAdapterError(error)) await this.recordFailure(workspaceId, enrollmentId, error, 'decide');
      throw error;
    }
    if (result === undefined) return undefined;
    rules ??= await this.rulesFor(result.enrollment);
    if (result.events.length === 0) return { ...result, rules };
    return (await this.followUp(result, rules)) ?? { ...result, rules };
  }

  /**
   * What a request's creation owes its adapter: word of the new participation (`onParticipationCreated`, through the
   * outbox). A failed enqueue is logged, not thrown (the enrollment is written): the outbox's catch-up scan finds the
   * creation in the feed's `moves` channel and enqueues it.
   */
  async followCreation(events: readonly EnrollmentEvent[], rules: InstanceRules): Promise<void> {
    try {
      await this.outbox.enqueueCreation(events, rules);
    } catch (error) {
      const [first] = events;
      this.logger.error('adapter outbox enqueue failed; the catch-up scan will retry', { workspaceId: first?.workspaceId, enrollmentId: first?.enrollmentId, error: (error as Error).message });
    }
  }

  /**
   * The same for an import's creation, whose events are in no channel the catch-up follows: a failed enqueue throws,
   * so the job runs the chunk again, and its rerun owes the item again (`ExistingRowHandler`).
   */
  async followImportedCreation(events: readonly EnrollmentEvent[], rules: InstanceRules): Promise<void> {
    await this.outbox.enqueueCreation(events, rules);
  }

  /** The instance's settings and adapter; a missing instance hides the enrollment like any foreign record. */
  async rulesFor(enrollment: Enrollment): Promise<InstanceRules> {
    const instance = await this.instances.get(enrollment.workspaceId, enrollment.programInstanceId);
    if (instance === undefined) throw new NotFoundError('enrollment', enrollment.id);
    return this.rulesForInstance(instance);
  }

  /** An instance's settings with its bound adapter, for deciding changes on its enrollments. */
  rulesForInstance(instance: ProgramInstance): InstanceRules {
    return { instance, adapter: this.gateway.for(instance) };
  }

  /**
   * Owes the adapter word of each participation move (its outbox delivers it in the background, so the request
   * does not wait), fires trigger steps an operator asked for ahead of the state just reached, and lets the adapter
   * evaluate eligibility if the participation now awaits it.
   */
  private async followUp(result: ChangeResult, rules: InstanceRules): Promise<RuledChangeResult | undefined> {
    const { enrollment } = result;
    const firstStatusChange = result.events.find((event) => event.type === 'enrollment.status_changed');
    const statusBefore = firstStatusChange?.type === 'enrollment.status_changed' ? firstStatusChange.data.from : enrollment.eligibility.status;
    const moves = result.events.filter(isStateChange);
    await this.outbox.enqueueMoves(result, rules, statusBefore);
    // The customer's word of each move, when they enrolled themselves and SMTP is set (after the append, as the adapter's).
    await this.customerMail.enqueueMoves(result);
    if (moves.length === 0) return undefined;
    let released: RuledChangeResult | undefined;
    if (awaitingDue(enrollment)) {
      released = await this.releaseAwaitingSteps(enrollment, rules);
      // A released step that moved the participation had its own follow-up (eligibility included).
      if (released?.events.some(isStateChange)) return released;
    }
    const latest = released?.enrollment ?? enrollment;
    if (latest.participation?.state !== 'AWAITING_ELIGIBILITY') return released;
    return (await this.evaluateEligibility(latest, rules)) ?? released;
  }

  /** Fires (or drops) the operator's waiting steps now that the participation moved; the adapter is their author. */
  private async releaseAwaitingSteps(enrollment: Enrollment, rules: InstanceRules): Promise<RuledChangeResult | undefined> {
    const author: Author = { actor: { type: 'adapter', id: rules.adapter.id }, source: `adapter:${rules.adapter.id}` };
    return this.run(enrollment.workspaceId, enrollment.id, author, async (change, currentRules) => {
      await releaseAwaiting(change, currentRules);
    }).catch((error: unknown) => {
      if (isAdapterError(error) || (FlexrollError.is(error) && error.kind === 'illegal_transition')) return undefined;
      throw error;
    });
  }

  private async evaluateEligibility(enrollment: Enrollment, rules: InstanceRules): Promise<RuledChangeResult | undefined> {
    const ruleSet = await this.screening.rulesInForce(rules);
    if (ruleSet !== undefined) return this.screenAtEligibilityCheck(enrollment, rules, ruleSet);
    let verdict;
    try {
      const view = toEnrollmentView(enrollment, rules.adapter.grantedFields);
      if (view.customer !== undefined) await this.recordHandOver(enrollment, rules, view.customer);
      verdict = await rules.adapter.evaluateEligibility(view);
    } catch (error) {
      if (!isAdapterError(error)) throw error;
      await this.recordFailure(enrollment.workspaceId, enrollment.id, error, 'evaluateEligibility');
      return undefined;
    }
    if (verdict === undefined) return undefined;
    const { eligible, reason } = verdict;
    const author: Author = { actor: { type: 'adapter', id: rules.adapter.id }, source: `adapter:${rules.adapter.id}` };
    // run() records its own adapter failures; the verdict stands recorded in the events either way.
    return this.run(enrollment.workspaceId, enrollment.id, author, (change, currentRules) =>
      change.current.participation?.state !== 'AWAITING_ELIGIBILITY'
        ? undefined
        : fireParticipationTrigger(change, currentRules, eligible ? 'eligibility_confirmed' : 'eligibility_denied', {}, reason),
    ).catch((error: unknown) => {
      if (isAdapterError(error)) return undefined;
      throw error;
    });
  }

  /** With eligibility rules, the platform takes the operator's eligibility check itself (the adapter still has the last word). */
  private async screenAtEligibilityCheck(enrollment: Enrollment, rules: InstanceRules, ruleSet: VersionedEligibilityRules): Promise<RuledChangeResult | undefined> {
    const author: Author = { actor: { type: 'system', id: 'eligibility-screening' }, source: 'eligibility' };
    return this.run(enrollment.workspaceId, enrollment.id, author, async (change, currentRules) => {
      if (change.current.participation?.state !== 'AWAITING_ELIGIBILITY' || change.current.eligibility.status !== 'candidate') return;
      await this.screening.atEligibilityCheck(change, currentRules, ruleSet);
    }).catch((error: unknown) => {
      if (isAdapterError(error)) return undefined;
      throw error;
    });
  }

  /** The hand-over of the customer's data to `evaluateEligibility`, on the enrollment's trail before the call. */
  private async recordHandOver(enrollment: Enrollment, rules: InstanceRules, customer: GrantedCustomerData): Promise<void> {
    const author: Author = { actor: { type: 'adapter', id: rules.adapter.id }, source: `adapter:${rules.adapter.id}` };
    await this.log.change(enrollment.workspaceId, enrollment.id, author, (change) => change.add(customerDataShared(rules.adapter.id, 'evaluateEligibility', customer)));
  }

  private async recordFailure(workspaceId: string, enrollmentId: string, error: AdapterError, operation: string): Promise<void> {
    this.logger.warn('adapter failed', { workspaceId, enrollmentId, adapterId: error.adapterId, operation, code: error.code, error: error.message });
    const author: Author = { actor: { type: 'adapter', id: error.adapterId }, source: `adapter:${error.adapterId}` };
    await this.log.change(workspaceId, enrollmentId, author, (change) =>
      change.add({ type: 'adapter.failed', data: { adapterId: error.adapterId, operation, code: error.code, message: error.message } }),
    );
  }
}

function isAdapterError(error: unknown): error is AdapterError {
  return FlexrollError.is(error) && error.kind === 'adapter' && typeof (error as AdapterError).adapterId === 'string';
}

/** Whether a waiting step is due (its state reached) or can be dropped (its state can no longer come). */
function awaitingDue(enrollment: Enrollment): boolean {
  const participation = enrollment.participation;
  if (participation?.awaiting === undefined) return false;
  return participation.awaiting.some((step) => step.awaitState === participation.state || !stillAhead(participation.state, step.awaitState!));
}

function isStateChange(event: EnrollmentEvent): event is Extract<EnrollmentEvent, { type: 'participation.state_changed' }> {
  return event.type === 'participation.state_changed';
}
