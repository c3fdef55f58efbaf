import { inject, injectable, LazyServiceIdentifier } from 'inversify';
import { FlexrollError, type OperatorEventEffect, type OperatorReference } from '@flexroll/sdk';
import { ChangeRunner, type Author } from '../enrollments/index.js';
import { type CoreLogger, CORE_TOKENS } from '../platform/index.js';
import type { ProgramInstance } from '../programs/index.js';
import { applyOperatorReport } from './applyOperatorReport.js';
import { OperatorReferenceService } from './OperatorReferenceService.js';

/** Applies what a poll reported for one participation, in one change, the way an operator event is applied. */
@injectable()
export class SyncApplier {
  constructor(
    @inject(new LazyServiceIdentifier(() => ChangeRunner)) private readonly changes: ChangeRunner,
    @inject(OperatorReferenceService) private readonly references: OperatorReferenceService,
    @inject(CORE_TOKENS.logger) private readonly logger: CoreLogger,
  ) {}

  /** True when the poll changed something. One participation's failure is logged and does not stop the others. */
  async apply(instance: ProgramInstance, enrollmentId: string, participationId: string, effects: readonly OperatorEventEffect[]): Promise<boolean> {
    if (effects.length === 0) return false;
    const author: Author = { actor: { type: 'sweep', id: 'operator-polling' }, source: `sync:${instance.adapter.adapterId}` };
    const links: OperatorReference[] = [];
    try {
      const result = await this.changes.run(instance.workspaceId, enrollmentId, author, async (change, rules) => {
        links.length = 0;
        if (change.current.participation?.id !== participationId || change.current.deletedAt !== undefined) return;
        for (const effect of effects) {
          const report = { via: 'sync' as const, type: 'sync', stream: effect.stream ?? 'sync', occurredAt: effect.observedAt ?? change.at, ...(effect.sequence === undefined ? {} : { sequence: effect.sequence }) };
          links.push(...(await applyOperatorReport(change, rules, report, effect, 'record')).references);
        }
      });
      await this.references.linkReported(instance, links, participationId);
      return (result?.events.length ?? 0) > 0;
    } catch (error) {
      if (!FlexrollError.is(error) || error.kind === 'internal') throw error;
      this.logger.warn('applying a poll failed', { workspaceId: instance.workspaceId, enrollmentId, participationId, error: error.message });
      return false;
    }
  }
}
