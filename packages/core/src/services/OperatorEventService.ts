import type { ValidateFunction } from 'ajv/dist/2020.js';
import { inject, injectable } from 'inversify';
import { adapterAjv as ajv } from '../adapters/adapterAjv.js';
import { InputError, NotFoundError, type JsonSchema } from '@flexroll/sdk';
import { AdapterGateway } from '../adapters/AdapterGateway.js';
import type { CallContext } from '../model/CallContext.js';
import type { Enrollment } from '../model/Enrollment.js';
import type { ProgramInstanceRepository } from '../ports/ProgramInstanceRepository.js';
import { STORE_TOKENS } from '../tokens.js';
import { ParticipationService } from './ParticipationService.js';

/** An operator's event about one participation in a program instance. */
export interface InboundOperatorEvent {
  readonly type: string;
  readonly participationId: string;
  readonly payload: unknown;
}

const compiled = new WeakMap<object, ValidateFunction>();

/**
 * Inbound operator events: checked against the schema the instance's adapter declares for the event's type,
 * mapped by the adapter, and applied to the participation under both machines' rules.
 */
@injectable()
export class OperatorEventService {
  constructor(
    @inject(STORE_TOKENS.programInstances) private readonly instances: ProgramInstanceRepository,
    @inject(AdapterGateway) private readonly gateway: AdapterGateway,
    @inject(ParticipationService) private readonly participations: ParticipationService,
  ) {}

  async receive(context: CallContext, programInstanceId: string, event: InboundOperatorEvent): Promise<Enrollment> {
    const instance = await this.instances.get(context.workspaceId, programInstanceId);
    if (instance === undefined) throw new NotFoundError('program_instance', programInstanceId);
    const declared = this.gateway.for(instance).adapter.manifest.operatorEvents;
    const schema = declared[event.type];
    if (schema === undefined) {
      const types = Object.keys(declared);
      throw new InputError(`Adapter '${instance.adapter.adapterId}' accepts no '${event.type}' events; it accepts: ${types.join(', ') || 'none'}`, [
        { field: '/type', rule: 'enum', message: `must be one of: ${types.join(', ') || 'none'}` },
      ]);
    }
    checkPayload(schema, event.payload);
    const enrollment = await this.participations.find(context, event.participationId);
    if (enrollment.programInstanceId !== programInstanceId) throw new NotFoundError('vpp_participation', event.participationId);
    return this.participations.applyOperatorEvent(context, event.participationId, { type: event.type, payload: event.payload });
  }
}

function checkPayload(schema: JsonSchema, payload: unknown): void {
  let validate = compiled.get(schema);
  if (validate === undefined) compiled.set(schema, (validate = ajv.compile(schema as object)));
  if (validate(payload)) return;
  const details = (validate.errors ?? []).map((error) => {
    const params = error.params as Record<string, unknown>;
    const extra = (params.missingProperty ?? params.additionalProperty) as string | undefined;
    return { field: `/payload${error.instancePath}${extra === undefined ? '' : `/${extra}`}`, rule: error.keyword, message: error.message ?? 'is invalid' };
  });
  throw new InputError(`The event payload does not fit its schema: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`, details);
}
