import { inject, injectable } from 'inversify';
import { FlexrollError, NotFoundError, type AdapterError, type ParticipationMove } from '@flexroll/sdk';
import { AdapterGateway } from '../adapters/AdapterGateway.js';
import { toEnrollmentView, toParticipationView } from '../adapters/views.js';
import type { Enrollment } from '../model/Enrollment.js';
import type { EnrollmentEvent, EventDraft } from '../model/EnrollmentEvent.js';
import type { ProgramInstanceRepository } from '../ports/ProgramInstanceRepository.js';
import { DeviceClaims } from '../services/DeviceClaims.js';
import { STORE_TOKENS } from '../tokens.js';
import { decideParticipationTrigger, type InstanceRules } from './decisions.js';
import { EnrollmentLog, type Author, type ChangeResult } from './EnrollmentLog.js';

/** A decision that may consult the instance's adapter. */
export type RuledDecision = (current: Enrollment, rules: InstanceRules, at: string) => Promise<readonly EventDraft[]> | readonly EventDraft[];

/**
 * Runs every change to an enrollment: decides it with the instance's adapter on the freshest state, appends it,
 * and afterwards frees a finished enrollment's device and tells the adapter what moved. An adapter that throws,
 * hangs or answers nonsense while deciding stops the change (nothing is written but an `adapter.failed` event on
 * the enrollment) and surfaces as an AdapterError; one that fails a notification is recorded the same way, and
 * the change it was told about stands.
 */
@injectable()
export class ChangeRunner {
  constructor(
    @inject(EnrollmentLog) private readonly log: EnrollmentLog,
    @inject(DeviceClaims) private readonly claims: DeviceClaims,
    @inject(AdapterGateway) private readonly gateway: AdapterGateway,
    @inject(STORE_TOKENS.programInstances) private readonly instances: ProgramInstanceRepository,
  ) {}

  async run(workspaceId: string, enrollmentId: string, author: Author, decide: RuledDecision): Promise<ChangeResult | undefined> {
    let rules: InstanceRules | undefined;
    let result: ChangeResult | undefined;
    try {
      result = await this.log.change(workspaceId, enrollmentId, author, async (current, at) => {
        rules ??= await this.rulesFor(current);
        return decide(current, rules, at);
      });
    } catch (error) {
      if (isAdapterError(error)) await this.recordFailure(workspaceId, enrollmentId, error, 'decide');
      throw error;
    }
    if (result === undefined || result.events.length === 0 || rules === undefined) return result;
    await this.claims.releaseIfFinished(result.enrollment);
    return (await this.followUp(result, rules)) ?? result;
  }

  /** The instance's settings and adapter; a missing instance hides the enrollment like any foreign record. */
  async rulesFor(enrollment: Enrollment): Promise<InstanceRules> {
    const instance = await this.instances.get(enrollment.workspaceId, enrollment.programInstanceId);
    if (instance === undefined) throw new NotFoundError('enrollment', enrollment.id);
    return { instance, adapter: this.gateway.for(instance) };
  }

  /** Tells the adapter of each participation move, then lets it evaluate eligibility if the participation now awaits it. */
  private async followUp(result: ChangeResult, rules: InstanceRules): Promise<ChangeResult | undefined> {
    const { enrollment } = result;
    const firstStatusChange = result.events.find((event) => event.type === 'enrollment.status_changed');
    const statusBefore = firstStatusChange?.type === 'enrollment.status_changed' ? firstStatusChange.data.from : enrollment.eligibility.status;
    for (const event of result.events.filter(isStateChange)) {
      const move: ParticipationMove = { trigger: event.data.trigger, from: event.data.from, to: event.data.to, currentStatus: statusBefore };
      try {
        await rules.adapter.notify(move, toParticipationView(enrollment.participation!));
      } catch (error) {
        if (!isAdapterError(error)) throw error;
        await this.recordFailure(enrollment.workspaceId, enrollment.id, error, 'onParticipationChanged');
      }
    }
    if (enrollment.participation?.state !== 'AWAITING_ELIGIBILITY' || !result.events.some(isStateChange)) return undefined;
    return this.evaluateEligibility(enrollment, rules);
  }

  private async evaluateEligibility(enrollment: Enrollment, rules: InstanceRules): Promise<ChangeResult | undefined> {
    let verdict;
    try {
      verdict = await rules.adapter.evaluateEligibility(toEnrollmentView(enrollment));
    } catch (error) {
      if (!isAdapterError(error)) throw error;
      await this.recordFailure(enrollment.workspaceId, enrollment.id, error, 'evaluateEligibility');
      return undefined;
    }
    if (verdict === undefined) return undefined;
    const { eligible, reason } = verdict;
    const author: Author = { actor: { type: 'adapter', id: rules.adapter.id }, source: `adapter:${rules.adapter.id}` };
    // run() records its own adapter failures; the verdict stands recorded in the events either way.
    return this.run(enrollment.workspaceId, enrollment.id, author, (current, currentRules, at) =>
      current.participation?.state !== 'AWAITING_ELIGIBILITY'
        ? []
        : decideParticipationTrigger(current, currentRules, at, eligible ? 'eligibility_confirmed' : 'eligibility_denied', {}, reason),
    ).catch((error: unknown) => {
      if (isAdapterError(error)) return undefined;
      throw error;
    });
  }

  private async recordFailure(workspaceId: string, enrollmentId: string, error: AdapterError, operation: string): Promise<void> {
    const author: Author = { actor: { type: 'adapter', id: error.adapterId }, source: `adapter:${error.adapterId}` };
    await this.log.change(workspaceId, enrollmentId, author, () => [
      { type: 'adapter.failed', data: { adapterId: error.adapterId, operation, code: error.code, message: error.message } },
    ]);
  }
}

function isAdapterError(error: unknown): error is AdapterError {
  return FlexrollError.is(error) && error.kind === 'adapter' && typeof (error as AdapterError).adapterId === 'string';
}

function isStateChange(event: EnrollmentEvent): event is Extract<EnrollmentEvent, { type: 'participation.state_changed' }> {
  return event.type === 'participation.state_changed';
}
