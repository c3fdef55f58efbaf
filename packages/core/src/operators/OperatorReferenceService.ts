import { inject, injectable, LazyServiceIdentifier } from 'inversify';
import { ConflictError, FlexrollError, isTerminalState, NotFoundError, type OperatorReference, type OperatorReferenceBook } from '@flexroll/sdk';
import { type CoreLogger, type Clock, CORE_TOKENS, STORE_TOKENS } from '../platform/index.js';
import { EnrollmentLog } from '../enrollments/index.js';
import type { ProgramInstance } from '../programs/index.js';
import type { OperatorReferenceRepository } from './ports/OperatorReferenceRepository.js';

const MAX_TAKEOVERS = 3;

/**
 * The per-instance map of operators' own ids to participations. Linking is a unique insert; a reference held by a
 * participation that has finished (terminal, or its enrollment deleted) is released and taken over, as a device
 * claim is, so a re-enrolled device keeps its operator id; one held by a participation in progress is a conflict.
 */
@injectable()
export class OperatorReferenceService {
  constructor(
    @inject(STORE_TOKENS.operatorReferences) private readonly links: OperatorReferenceRepository,
    @inject(new LazyServiceIdentifier(() => EnrollmentLog)) private readonly log: EnrollmentLog,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
    @inject(CORE_TOKENS.logger) private readonly logger: CoreLogger,
  ) {}

  /**
   * Links the references an adapter's effect reported, after the change that reported them was written: a reference
   * another live participation holds is the adapter's mistake, recorded on this enrollment as `adapter.failed`
   * (operation `references`) and logged; the change stands and the caller's request succeeds.
   */
  async linkReported(instance: ProgramInstance, references: readonly OperatorReference[], participationId: string): Promise<void> {
    for (const reference of references) {
      try {
        await this.link(instance, reference, participationId);
      } catch (error) {
        if (!FlexrollError.is(error) || error.kind !== 'conflict') throw error;
        const holder = await this.log.loadByParticipation(instance.workspaceId, participationId);
        const adapterId = instance.adapter.adapterId;
        this.logger.warn('adapter reported a reference another participation holds', { workspaceId: instance.workspaceId, participationId, adapterId, error: error.message });
        if (holder === undefined) continue;
        await this.log.change(instance.workspaceId, holder.id, { actor: { type: 'adapter', id: adapterId }, source: `adapter:${adapterId}` }, (change) =>
          change.add({ type: 'adapter.failed', data: { adapterId, operation: 'references', code: error.code, message: error.message } }),
        );
      }
    }
  }

  /** The map as an adapter of this instance reaches it (`context.references`). */
  bookFor(instance: ProgramInstance): OperatorReferenceBook {
    return { find: (reference) => this.find(instance, reference), link: (reference, participationId) => this.link(instance, reference, participationId) };
  }

  async find(instance: ProgramInstance, reference: OperatorReference): Promise<string | undefined> {
    return (await this.links.find(instance.workspaceId, instance.id, reference.kind, reference.value))?.participationId;
  }

  /** The references linked to one participation of the instance. */
  async referencesOf(instance: ProgramInstance, participationId: string): Promise<OperatorReference[]> {
    const links = await this.links.listForParticipation(instance.workspaceId, instance.id, participationId);
    return links.map(({ kind, value }) => ({ kind, value }));
  }

  async link(instance: ProgramInstance, reference: OperatorReference, participationId: string): Promise<void> {
    // The common case, an operator naming an id already linked to this participation, costs one lookup.
    if ((await this.links.find(instance.workspaceId, instance.id, reference.kind, reference.value))?.participationId === participationId) return;
    const holder = await this.log.loadByParticipation(instance.workspaceId, participationId);
    if (holder?.participation?.id !== participationId || holder.programInstanceId !== instance.id) throw new NotFoundError('vpp_participation', participationId);
    const link = { workspaceId: instance.workspaceId, programInstanceId: instance.id, ...reference, participationId, enrollmentId: holder.id, linkedAt: this.clock.now().toISOString() };
    for (let attempt = 1; attempt <= MAX_TAKEOVERS; attempt++) {
      if ((await this.links.insert(link)) === 'inserted') return;
      const existing = await this.links.find(instance.workspaceId, instance.id, reference.kind, reference.value);
      if (existing === undefined) continue;
      if (existing.participationId === participationId) return;
      if (!(await this.finished(instance, existing.participationId))) {
        throw new ConflictError(
          'operator_reference_taken',
          `The operator's ${reference.kind} '${reference.value}' already belongs to participation '${existing.participationId}' of this program instance.`,
        );
      }
      await this.links.release(instance.workspaceId, instance.id, reference.kind, reference.value, existing.participationId);
    }
    throw new ConflictError('operator_reference_contended', `The operator's ${reference.kind} '${reference.value}' kept changing hands; retry.`);
  }

  private async finished(instance: ProgramInstance, participationId: string): Promise<boolean> {
    const holder = await this.log.loadByParticipation(instance.workspaceId, participationId);
    const participation = holder?.participation;
    return participation === undefined || holder?.deletedAt !== undefined || isTerminalState(participation.state);
  }
}
