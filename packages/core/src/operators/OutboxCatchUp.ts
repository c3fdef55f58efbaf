import { inject, injectable, LazyServiceIdentifier } from 'inversify';
import { type Clock, type CoreSettings, CORE_TOKENS, cursorFormWindow, STORE_TOKENS } from '../platform/index.js';
import { AdapterGateway } from './adapters/AdapterGateway.js';
import { EnrollmentLog, type EnrollmentEventRepository, type EventKey } from '../enrollments/index.js';
import type { AdapterOutboxRepository } from './ports/AdapterOutboxRepository.js';
import type { ProgramInstanceRepository } from '../programs/index.js';
import type { WorkspaceRepository } from '../access/index.js';
import { AdapterOutbox, outboxItemId } from './AdapterOutbox.js';

const PAGE = 100;

/**
 * The outbox's safety net: a process that crashed between a change's append and its enqueue left a move owed but
 * not enqueued. Every `outboxCatchUpEveryMs`, this reads the last `outboxCatchUpWindowMs` of participation moves and
 * enqueues any whose item is missing (one equality lookup each; the enqueue itself is idempotent). It runs in this
 * process only when due, and any number of processes may run it.
 */
@injectable()
export class OutboxCatchUp {
  #lastRun = 0;

  constructor(
    @inject(STORE_TOKENS.workspaces) private readonly workspaces: WorkspaceRepository,
    @inject(STORE_TOKENS.events) private readonly events: EnrollmentEventRepository,
    @inject(STORE_TOKENS.adapterOutbox) private readonly items: AdapterOutboxRepository,
    @inject(STORE_TOKENS.programInstances) private readonly instances: ProgramInstanceRepository,
    @inject(AdapterGateway) private readonly gateway: AdapterGateway,
    @inject(new LazyServiceIdentifier(() => EnrollmentLog)) private readonly log: EnrollmentLog,
    @inject(AdapterOutbox) private readonly outbox: AdapterOutbox,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
  ) {}

  async runIfDue(): Promise<number> {
    const now = this.clock.now().getTime();
    if (now - this.#lastRun < this.settings.outboxCatchUpEveryMs) return 0;
    this.#lastRun = now;
    const since = new Date(now - this.settings.outboxCatchUpWindowMs).toISOString();
    let enqueued = 0;
    for (const workspace of await this.workspaces.listAll()) enqueued += await this.catchUpWorkspace(workspace.id, since);
    return enqueued;
  }

  private async catchUpWorkspace(workspaceId: string, since: string): Promise<number> {
    let enqueued = 0;
    for (let after: EventKey | undefined; ; ) {
      const found = await this.events.list(workspaceId, { types: ['participation.state_changed'], occurredFrom: since }, cursorFormWindow(PAGE, after));
      for (const event of found.items) {
        if (event.type !== 'participation.state_changed' || (await this.items.get(workspaceId, outboxItemId(event.id))) !== undefined) continue;
        const enrollment = await this.log.load(workspaceId, event.enrollmentId);
        const instance = enrollment === undefined ? undefined : await this.instances.get(workspaceId, enrollment.programInstanceId);
        if (instance === undefined || !this.gateway.adapters.has(instance.adapter.adapterId) || !this.gateway.for(instance).notifies) continue;
        const statusBefore = enrollment!.eligibility.status;
        await this.outbox.enqueue(event, instance.id, instance.adapter.adapterId, statusBefore);
        enqueued++;
      }
      if (found.ended || found.resumeAfter === undefined) return enqueued;
      after = found.resumeAfter;
    }
  }
}
