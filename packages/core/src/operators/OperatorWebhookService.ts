import { inject, injectable, LazyServiceIdentifier } from 'inversify';
import { FlexrollError, NotFoundError, type InboundOperatorEvent, type OperatorReference } from '@flexroll/sdk';
import { AdapterGateway } from './adapters/AdapterGateway.js';
import type { BoundAdapter } from './adapters/BoundAdapter.js';
import { participationViewOf, ChangeRunner, type Author, EnrollmentLog, type OperatorEventOutcome } from '../enrollments/index.js';
import { type Clock, type CoreLogger, type CoreSettings, CORE_TOKENS, STORE_TOKENS, compileSchema, describeIssues, storableShapeIssue } from '../platform/index.js';
import type { ProgramInstance, ProgramInstanceRepository } from '../programs/index.js';
import { reportOf } from '../participation/index.js';
import { applyOperatorReport, recordRedelivery } from './applyOperatorReport.js';
import type { OperatorEventIdRecord } from './ports/OperatorEventIdRepository.js';
import { OperatorEventReceipts } from './OperatorEventReceipts.js';
import { OperatorReferenceService } from './OperatorReferenceService.js';

/** An operator's webhook as received: the body's bytes and the headers (lower-case names). */
export interface RawWebhook {
  readonly body: Uint8Array;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * What became of one event of a webhook: an outcome of the operator-event trace (`duplicate` also for a redelivery
 * of an event id already received), or `unknown_participation` (no participation of this instance has the id the
 * event names), `reference_not_linked` (the event names only an operator reference that no participation holds yet:
 * the whole webhook is answered 503, to be sent again), `invalid` (the event does not fit the adapter's declared
 * schema, or its reference belongs to another participation), `failed` (the adapter failed; recorded as
 * `adapter.failed`).
 */
export interface WebhookEventResult {
  readonly index: number;
  readonly participationId?: string;
  readonly outcome: OperatorEventOutcome | 'unknown_participation' | 'reference_not_linked' | 'invalid' | 'failed';
  readonly message?: string;
}

/**
 * An operator's own webhooks for one program instance. There is no API key: the instance named in the path is
 * found in whichever workspace holds it, and the request is accepted only if that instance's adapter verifies it
 * (its signature, made with a secret of that instance's config). Everything after runs in the instance's
 * workspace and reaches only that instance's participations, so a request signed for one tenant can never touch
 * another's; an unknown instance and one whose adapter receives no webhooks are both 404s.
 */
@injectable()
export class OperatorWebhookService {
  constructor(
    @inject(STORE_TOKENS.programInstances) private readonly instances: ProgramInstanceRepository,
    @inject(AdapterGateway) private readonly gateway: AdapterGateway,
    @inject(new LazyServiceIdentifier(() => ChangeRunner)) private readonly changes: ChangeRunner,
    @inject(new LazyServiceIdentifier(() => EnrollmentLog)) private readonly log: EnrollmentLog,
    @inject(OperatorReferenceService) private readonly references: OperatorReferenceService,
    @inject(OperatorEventReceipts) private readonly receipts: OperatorEventReceipts,
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
    @inject(CORE_TOKENS.logger) private readonly logger: CoreLogger,
  ) {}

  async receive(programInstanceId: string, webhook: RawWebhook): Promise<WebhookEventResult[]> {
    const instance = await this.instances.findAnywhere(programInstanceId);
    if (instance === undefined) throw new NotFoundError('program_instance', programInstanceId);
    const adapter = this.gateway.for(instance);
    if (!adapter.receivesWebhooks) {
      throw new FlexrollError('not_found', 'operator_webhooks_not_received', `The adapter of program instance '${programInstanceId}' receives no operator webhooks.`);
    }
    let parsed;
    try {
      parsed = await adapter.receiveWebhook({ ...webhook, receivedAt: this.clock.now() });
    } catch (error) {
      if (FlexrollError.is(error)) this.logger.warn('operator webhook refused', { workspaceId: instance.workspaceId, programInstanceId, adapterId: adapter.id, code: error.code, error: error.message });
      throw error;
    }
    const results: WebhookEventResult[] = [];
    for (const [index, event] of parsed.events.entries()) results.push({ index, ...(await this.receiveEvent(instance, adapter, event)) });
    const unlinked = results.filter((result) => result.outcome === 'reference_not_linked');
    if (unlinked.length > 0) throw this.notLinkedYet(instance, adapter, unlinked);
    return results;
  }

  /**
   * A webhook with an event whose reference is not linked yet (the outbox item that links it has not run): a 503 the
   * sender retries after `Retry-After`. Nothing about that event was recorded, so its redelivery is applied once the
   * link has landed; the batch's other events were, and their redeliveries are recognised by their ids.
   */
  private notLinkedYet(instance: ProgramInstance, adapter: BoundAdapter, unlinked: readonly WebhookEventResult[]): FlexrollError {
    const indexes = unlinked.map((result) => result.index);
    this.logger.info('operator webhook names a reference not linked yet', { workspaceId: instance.workspaceId, programInstanceId: instance.id, adapterId: adapter.id, events: indexes });
    return new FlexrollError('unavailable', 'reference_not_linked', `No participation of this program instance holds the operator reference of event${indexes.length === 1 ? '' : 's'} ${indexes.join(', ')} yet; send the webhook again after Retry-After.`, {
      retryAfterSeconds: Math.ceil(this.settings.operatorEventRetryAfterMs / 1000),
      details: unlinked.map((result) => ({ field: `/events/${result.index}/reference`, rule: 'linked', message: result.message ?? 'is not linked to a participation yet' })),
    });
  }

  private async receiveEvent(instance: ProgramInstance, adapter: BoundAdapter, event: InboundOperatorEvent): Promise<Omit<WebhookEventResult, 'index'>> {
    const invalid = this.schemaProblem(adapter, event);
    if (invalid !== undefined) return { outcome: 'invalid', message: invalid };
    let participationId: string | undefined;
    try {
      participationId = await this.address(instance, event);
    } catch (error) {
      if (FlexrollError.is(error) && error.kind === 'conflict') return { outcome: 'invalid', message: error.message };
      throw error;
    }
    if (participationId === undefined) {
      if (event.participationId === undefined && event.reference !== undefined) {
        return { outcome: 'reference_not_linked', message: `The operator's ${event.reference.kind} '${event.reference.value}' is not linked to a participation yet.` };
      }
      return { outcome: 'unknown_participation', message: 'No participation of this program instance has this id or operator reference.' };
    }
    const holder = await this.log.loadByParticipation(instance.workspaceId, participationId);
    const taken = event.id === undefined ? undefined : await this.receipts.take(instance, adapter.id, event.id, participationId, holder!.id);
    if (taken !== undefined && 'redelivery' in taken) return this.redelivered(instance, adapter, event, taken.redelivery);
    const receipt = taken?.taken;
    const author: Author = { actor: { type: 'adapter', id: adapter.id }, source: `operator-webhook:${adapter.id}` };
    let outcome: OperatorEventOutcome = 'ignored';
    let note: string | undefined;
    let links: readonly OperatorReference[] = [];
    try {
      await this.changes.run(instance.workspaceId, holder!.id, author, async (change, rules) => {
        const effect = await rules.adapter.mapOperatorEvent(event, participationViewOf(change.current));
        ({ outcome, references: links, note } = await applyOperatorReport(change, rules, reportOf(event, 'webhook', change.at), effect, 'record'));
      });
    } catch (error) {
      // Not applied: the id is forgotten, so the operator's redelivery is applied rather than taken for a duplicate.
      if (receipt !== undefined) await this.receipts.forget(receipt);
      if (!FlexrollError.is(error) || error.kind === 'internal') throw error;
      return { participationId, outcome: 'failed', message: error.message };
    }
    try {
      await this.references.linkReported(instance, links, participationId);
    } catch (error) {
      if (!FlexrollError.is(error) || error.kind === 'internal') throw error;
      return { participationId, outcome: 'failed', message: error.message };
    }
    return { participationId, outcome, ...(note === undefined ? {} : { message: note }) };
  }

  /** A redelivery of an event id already received: traced `duplicate` on the participation it was about, not applied. */
  private async redelivered(instance: ProgramInstance, adapter: BoundAdapter, event: InboundOperatorEvent, first: OperatorEventIdRecord): Promise<Omit<WebhookEventResult, 'index'>> {
    const { participationId } = first;
    const note = `event id '${first.eventId}' was received at ${first.receivedAt}`;
    const author: Author = { actor: { type: 'adapter', id: adapter.id }, source: `operator-webhook:${adapter.id}` };
    const result = await this.changes.run(instance.workspaceId, first.enrollmentId, author, (change, rules) => {
      if (change.current.participation?.id !== participationId) return;
      recordRedelivery(change, rules, reportOf(event, 'webhook', change.at), note);
    });
    if (result === undefined) this.logger.warn('redelivered operator event has no participation to trace it on', { workspaceId: instance.workspaceId, programInstanceId: instance.id, adapterId: adapter.id, eventId: first.eventId });
    return { participationId, outcome: 'duplicate', message: note };
  }

  /** The participation an event is about, in this instance: by Flexroll's id (linking the reference to it), or by the reference. */
  private async address(instance: ProgramInstance, event: InboundOperatorEvent): Promise<string | undefined> {
    if (event.participationId !== undefined) {
      const holder = await this.log.loadByParticipation(instance.workspaceId, event.participationId);
      if (holder?.participation?.id !== event.participationId || holder.programInstanceId !== instance.id || holder.deletedAt !== undefined) return undefined;
      if (event.reference !== undefined) await this.references.link(instance, event.reference, event.participationId);
      return event.participationId;
    }
    return event.reference === undefined ? undefined : this.references.find(instance, event.reference);
  }

  /** An event the adapter parsed must still be one its manifest declares, with a payload that fits. */
  private schemaProblem(adapter: BoundAdapter, event: InboundOperatorEvent): string | undefined {
    const declared = adapter.adapter.manifest.operatorEvents;
    const schema = Object.hasOwn(declared, event.type) ? declared[event.type] : undefined;
    if (schema === undefined) return `Adapter '${adapter.id}' declares no '${event.type}' events.`;
    // Checked first: a payload no store could keep would otherwise fail the event's write, not its validation.
    const unstorable = storableShapeIssue(event.payload, '/payload');
    if (unstorable !== undefined) return `The event payload cannot be stored: ${describeIssues([unstorable])}`;
    const issues = compileSchema(schema)(event.payload, '/payload');
    return issues.length === 0 ? undefined : `The event payload does not fit its schema: ${describeIssues(issues)}`;
  }
}
