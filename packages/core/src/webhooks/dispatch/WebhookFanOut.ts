import { inject, injectable, LazyServiceIdentifier } from 'inversify';
import { type Clock, newPrefixedId, CORE_TOKENS, STORE_TOKENS } from '../../platform/index.js';
import { EnrollmentLog, type EnrollmentEvent, type EnrollmentEventRepository, type EnrollmentProjectionRepository } from '../../enrollments/index.js';
import type { WebhookEndpoint } from '../WebhookEndpoint.js';
import type { CursorRepository } from '../ports/CursorRepository.js';
import type { WebhookEndpointRepository } from '../ports/WebhookEndpointRepository.js';
import type { WebhookMessageRepository } from '../ports/WebhookMessageRepository.js';
import { payloadOfEvent } from '../payload/webhookPayload.js';
import { subscribesTo } from '../payload/webhookEventTypes.js';

/** Program instances of enrollments, kept: an enrollment never changes instance. */
const INSTANCE_CACHE_SIZE = 50_000;

/**
 * Turns an enrollment's new events into messages, one per subscribed endpoint, by walking its log in `seq` order
 * from a cursor. Each message is a unique insert on `(endpointId, eventId)`, made one event after another, so a
 * message with `seq` n exists only once those of the earlier events do: the dispatcher's "lowest pending `seq` of a
 * stream goes first" is then the enrollment's order. Any number of workers may walk the same log; the cursor is a
 * plain write (a stale one only means a walk again, whose inserts come back as duplicates).
 */
@injectable()
export class WebhookFanOut {
  readonly #instances = new Map<string, string>();

  constructor(
    @inject(STORE_TOKENS.events) private readonly events: EnrollmentEventRepository,
    @inject(STORE_TOKENS.enrollments) private readonly projections: EnrollmentProjectionRepository,
    @inject(STORE_TOKENS.webhookEndpoints) private readonly endpoints: WebhookEndpointRepository,
    @inject(STORE_TOKENS.webhookMessages) private readonly messages: WebhookMessageRepository,
    @inject(STORE_TOKENS.cursors) private readonly cursors: CursorRepository,
    @inject(new LazyServiceIdentifier(() => EnrollmentLog)) private readonly log: EnrollmentLog,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
  ) {}

  /** Creates the messages for an enrollment's events since the last walk; how many it created. */
  async fanOut(workspaceId: string, enrollmentId: string, endpointsOf: (workspaceId: string) => Promise<readonly WebhookEndpoint[]>): Promise<number> {
    const endpoints = (await endpointsOf(workspaceId)).filter((endpoint) => endpoint.status === 'enabled');
    if (endpoints.length === 0) return 0;
    const key = `webhooks:fanout:${workspaceId}:${enrollmentId}`;
    const after = Number((await this.cursors.get(key))?.value ?? 0);
    const newer = await this.newerEvents(workspaceId, enrollmentId, after);
    if (newer.length === 0) return 0;
    const instanceId = endpoints.some((endpoint) => endpoint.programInstanceId !== undefined) ? await this.instanceOf(workspaceId, enrollmentId) : undefined;
    let created = 0;
    for (const event of newer) {
      const subscribed = endpoints.filter((endpoint) => wants(endpoint, event, instanceId));
      const results = await Promise.all(subscribed.map((endpoint) => this.messages.insert(this.message(endpoint, event))));
      created += results.filter((result) => result === 'inserted').length;
    }
    await this.cursors.put({ key, value: String(newer.at(-1)!.seq), updatedAt: this.clock.now().toISOString() });
    return created;
  }

  /** The events after `seq`, with a batch a crash cut short completed first (through the log, which inserts its followers). */
  private async newerEvents(workspaceId: string, enrollmentId: string, after: number): Promise<readonly EnrollmentEvent[]> {
    const newer = await this.events.listForEnrollment(workspaceId, enrollmentId, after);
    const last = newer.at(-1);
    if (last === undefined || last.batch.index === last.batch.size - 1) return newer;
    await this.log.load(workspaceId, enrollmentId);
    return this.events.listForEnrollment(workspaceId, enrollmentId, after);
  }

  private message(endpoint: WebhookEndpoint, event: EnrollmentEvent) {
    const now = this.clock.now().toISOString();
    return {
      id: newPrefixedId('msg'), workspaceId: event.workspaceId, endpointId: endpoint.id, eventId: event.id, type: event.type,
      enrollmentId: event.enrollmentId, seq: event.seq, payload: JSON.stringify(payloadOfEvent(event)),
      createdAt: now, state: 'pending' as const, attempts: 0, roundStartedAtAttempt: 0, nextAttemptAt: now,
    };
  }

  private async instanceOf(workspaceId: string, enrollmentId: string): Promise<string | undefined> {
    const known = this.#instances.get(enrollmentId);
    if (known !== undefined) return known;
    const instanceId = (await this.projections.get(workspaceId, enrollmentId))?.programInstanceId;
    if (instanceId !== undefined) {
      if (this.#instances.size >= INSTANCE_CACHE_SIZE) this.#instances.clear();
      this.#instances.set(enrollmentId, instanceId);
    }
    return instanceId;
  }
}

/** Whether an endpoint takes an event: its type, its program instance, and only events from its creation on. */
function wants(endpoint: WebhookEndpoint, event: EnrollmentEvent, instanceId: string | undefined): boolean {
  return (
    subscribesTo(endpoint.eventTypes, event.type) &&
    event.occurredAt >= endpoint.createdAt &&
    (endpoint.programInstanceId === undefined || endpoint.programInstanceId === instanceId)
  );
}
