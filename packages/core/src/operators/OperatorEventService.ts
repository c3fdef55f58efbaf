import { inject, injectable, LazyServiceIdentifier } from 'inversify';
import { InputError, NotFoundError } from '@flexroll/sdk';
import { AdapterRegistry } from './adapters/AdapterRegistry.js';
import { type CallContext, inInstanceScope, CORE_TOKENS, STORE_TOKENS, compileSchema, describeIssues } from '../platform/index.js';
import { type ParticipationRecord, ParticipationService } from '../participation/index.js';
import type { ProgramInstanceRepository } from '../programs/index.js';

/** An operator's event about one participation in a program instance. */
export interface InboundOperatorEvent {
  readonly type: string;
  readonly participationId: string;
  readonly payload: unknown;
}

/**
 * Inbound operator events: checked against the schema the instance's adapter declares for the event's type,
 * mapped by the adapter, and applied to the participation under both machines' rules.
 */
@injectable()
export class OperatorEventService {
  constructor(
    @inject(STORE_TOKENS.programInstances) private readonly instances: ProgramInstanceRepository,
    @inject(CORE_TOKENS.adapters) private readonly adapters: AdapterRegistry,
    @inject(new LazyServiceIdentifier(() => ParticipationService)) private readonly participations: ParticipationService,
  ) {}

  async receive(context: CallContext, programInstanceId: string, event: InboundOperatorEvent): Promise<ParticipationRecord> {
    const instance = await this.instances.get(context.workspaceId, programInstanceId);
    if (instance === undefined || !inInstanceScope(context, programInstanceId)) throw new NotFoundError('program_instance', programInstanceId);
    const declared = this.adapters.get(instance.adapter.adapterId).manifest.operatorEvents;
    // Own properties only: an event type is a name the adapter declared, never one of Object.prototype's.
    const schema = Object.hasOwn(declared, event.type) ? declared[event.type] : undefined;
    if (schema === undefined) {
      const types = Object.keys(declared).join(', ') || 'none';
      throw new InputError(`Adapter '${instance.adapter.adapterId}' accepts no '${event.type}' events; it accepts: ${types}`, [
        { field: '/type', rule: 'enum', message: `must be one of: ${types}` },
      ]);
    }
    const issues = compileSchema(schema)(event.payload, '/payload');
    if (issues.length > 0) throw new InputError(`The event payload does not fit its schema: ${describeIssues(issues)}`, issues);
    return this.participations.applyOperatorEvent(context, programInstanceId, event.participationId, { type: event.type, payload: event.payload });
  }
}
