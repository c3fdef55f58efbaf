import { inject, injectable } from 'inversify';
import { NotFoundError } from '@flexroll/sdk';
import { type CallContext, requireInInstanceScope, type Clock, CORE_TOKENS, STORE_TOKENS } from '../platform/index.js';
import type { ProgramInstanceRepository } from '../programs/index.js';
import type { EnrollmentProjectionRepository } from '../enrollments/index.js';
import type { WebhookEndpointRepository, WebhookMessageRepository } from '../webhooks/index.js';
import { dueDeadlinesOf, type DueDeadlines } from './dueDeadlinesOf.js';
import { listTotalsOf, type ListTotals } from './participationFunnel.js';

/** The webhook endpoints that deliver an instance's events, and how they fare. */
export interface WebhookHealth {
  /** Enabled endpoints (of the workspace, or of this instance) and, of them, those failing now (a failure since their last success). */
  readonly endpoints: number;
  readonly failing: number;
  /** Endpoints disabled (by hand, by a 410, or for failing five days). */
  readonly disabled: number;
  /** Messages waiting to be delivered (or retried) to these endpoints. */
  readonly pendingMessages: number;
}

/** The console's home for one program instance: its list's totals, its due deadlines, its webhooks' health. */
export interface InstanceSummary extends ListTotals {
  readonly programInstanceId: string;
  /**
   * Due soon or missed (the overdue queue's actionable deadlines) by the party they wait on, and the missed ones alone;
   * snoozed ones included; of live enrollments.
   */
  readonly deadlines: DueDeadlines;
  readonly webhooks: WebhookHealth;
  readonly generatedAt: string;
}

/**
 * The home counts of an instance, from what is kept rather than scanned: the list's counts (ADR 0017: one ledger
 * lookup when at hand), whose facet combinations sum to the totals by status and participation state and, each due
 * deadline being counted as a tag of its enrollment, to the due deadlines by party; and the workspace's endpoints with
 * their pending messages (a lookup each, costing what is pending). Nothing here grows with the number of enrollments
 * or of due deadlines.
 */
@injectable()
export class InstanceSummaryService {
  constructor(
    @inject(STORE_TOKENS.programInstances) private readonly instances: ProgramInstanceRepository,
    @inject(STORE_TOKENS.enrollments) private readonly enrollments: EnrollmentProjectionRepository,
    @inject(STORE_TOKENS.webhookEndpoints) private readonly endpoints: WebhookEndpointRepository,
    @inject(STORE_TOKENS.webhookMessages) private readonly messages: WebhookMessageRepository,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
  ) {}

  /** @throws NotFoundError `program_instance_not_found` (also for another workspace's id). */
  async summary(context: CallContext, programInstanceId: string): Promise<InstanceSummary> {
    // Another instance than a scoped caller's is, to it, an unknown one (ADR 0025).
    requireInInstanceScope(context, programInstanceId, 'program_instance', programInstanceId);
    if ((await this.instances.get(context.workspaceId, programInstanceId)) === undefined) throw new NotFoundError('program_instance', programInstanceId);
    const now = this.clock.now().toISOString();
    const [counts, webhooks] = await Promise.all([
      this.enrollments.listCounts(context.workspaceId, programInstanceId),
      this.webhookHealth(context.workspaceId, programInstanceId),
    ]);
    return { programInstanceId, ...listTotalsOf(counts), deadlines: dueDeadlinesOf(counts), webhooks, generatedAt: now };
  }

  private async webhookHealth(workspaceId: string, programInstanceId: string): Promise<WebhookHealth> {
    const all = await this.endpoints.listForWorkspace(workspaceId);
    const serving = all.filter((endpoint) => endpoint.programInstanceId === undefined || endpoint.programInstanceId === programInstanceId);
    const enabled = serving.filter((endpoint) => endpoint.status === 'enabled');
    const pending = await Promise.all(enabled.map(async (endpoint) => (await this.messages.listForEndpointInState(workspaceId, endpoint.id, 'pending')).length));
    return {
      endpoints: enabled.length,
      failing: enabled.filter((endpoint) => endpoint.failingSince !== undefined).length,
      disabled: serving.length - enabled.length,
      pendingMessages: pending.reduce((sum, count) => sum + count, 0),
    };
  }
}
