import { inject, injectable, LazyServiceIdentifier } from 'inversify';
import { FlexrollError, NotFoundError, type InboundOperatorEvent, type OperatorReference } from '@flexroll/sdk';
import { AdapterGateway } from './adapters/AdapterGateway.js';
import type { BoundAdapter } from './adapters/BoundAdapter.js';
import { participationViewOf, ChangeRunner, type Author, EnrollmentLog, type OperatorEventOutcome } from '../enrollments/index.js';
import { type Clock, type CoreLogger, CORE_TOKENS, STORE_TOKENS, compileSchema, describeIssues, storableShapeIssue } from '../platform/index.js';
import type { ProgramInstance, ProgramInstanceRepository } from '../programs/index.js';
import { reportOf } from '../participation/index.js';
import { applyOperatorReport } from './applyOperatorReport.js';
import { OperatorReferenceService } from './OperatorReferenceService.js';

/** An operator's webhook as received: the body's bytes and the headers (lower-case names). */
export interface RawWebhook {
  readonly body: Uint8Array;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * What became of one event of a webhook: an outcome of the operator-event trace, or `unknown_participation` (no
 * participation of this instance has that id or reference), `invalid` (the event does not fit the adapter's declared
 * schema, or its reference belongs to another participation), `failed` (the adapter failed; recorded as
 * `adapter.failed`).
 */
export interface WebhookEventResult {
  readonly index: number;
  readonly participationId?: string;
  readonly outcome: OperatorEventOutcome | 'unknown_participation' | 'invalid' | 'failed';
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
    return results;
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
    if (participationId === undefined) return { outcome: 'unknown_participation', message: 'No participation of this program instance has this id or operator reference.' };
    const holder = await this.log.loadByParticipation(instance.workspaceId, participationId);
    const author: Author = { actor: { type: 'adapter', id: adapter.id }, source: `operator-webhook:${adapter.id}` };
    let outcome: OperatorEventOutcome = 'ignored';
    let note: string | undefined;
    let links: readonly OperatorReference[] = [];
    try {
      await this.changes.run(instance.workspaceId, holder!.id, author, async (change, rules) => {
        const effect = await rules.adapter.mapOperatorEvent(event, participationViewOf(change.current));
        ({ outcome, references: links, note } = await applyOperatorReport(change, rules, reportOf(event, 'webhook', change.at), effect, 'record'));
      });
      await this.references.linkReported(instance, links, participationId);
    } catch (error) {
      if (!FlexrollError.is(error) || error.kind === 'internal') throw error;
      return { participationId, outcome: 'failed', message: error.message };
    }
    return { participationId, outcome, ...(note === undefined ? {} : { message: note }) };
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
