import { FlexrollError, InputError, NotFoundError } from '@flexroll/sdk';
import type { CallContext } from '../CallContext.js';

/**
 * The one rule of access scoped to program instances (ADR 0025): whether the caller may reach a record of this program
 * instance (`undefined`: a record of the workspace as a whole, such as a webhook endpoint filtered to no instance). A
 * caller without `programInstanceIds` reaches the whole workspace; a scoped one only records of its instances. Every
 * route and service asks this, and nothing else, so an instance-scoped key and an instance-scoped member meet one rule.
 */
export function inInstanceScope(context: Pick<CallContext, 'programInstanceIds'>, programInstanceId: string | undefined): boolean {
  if (context.programInstanceIds === undefined) return true;
  return programInstanceId !== undefined && context.programInstanceIds.includes(programInstanceId);
}

/**
 * {@link inInstanceScope} for a record the caller named: outside the scope it is the same NotFoundError an unknown id
 * gets (same status, code and message shape), so a partner cannot tell another instance's record from none.
 */
export function requireInInstanceScope(context: Pick<CallContext, 'programInstanceIds'>, programInstanceId: string | undefined, entity: string, id: string): void {
  if (!inInstanceScope(context, programInstanceId)) throw new NotFoundError(entity, id);
}

/** Whether the caller is limited to some program instances (and so may not act on the workspace as a whole). */
export function isInstanceScoped(context: Pick<CallContext, 'programInstanceIds'>): boolean {
  return context.programInstanceIds !== undefined;
}

/**
 * The one program instance a caller's new record is bound to (a webhook endpoint's filter): the one it named, or, for an
 * instance-scoped caller that named none, the one instance of its scope. A caller scoped to several instances must
 * name one, since the record holds one.
 * @throws InputError naming `field` when a caller scoped to several instances names none.
 */
export function scopedInstanceFilter(context: Pick<CallContext, 'programInstanceIds'>, named: string | undefined, field: string): string | undefined {
  const scope = context.programInstanceIds;
  if (named !== undefined || scope === undefined) return named;
  if (scope.length === 1) return scope[0];
  throw new InputError(`${field} is required: this key is scoped to several program instances, so it names the one this is for.`, [
    { field, rule: 'required_for_instance_scope', message: `must name one of the key's program instances` },
  ]);
}

/**
 * Refuses an act on the workspace as a whole (making a program instance, a customer, a lead) to an instance-scoped
 * caller: 403, since the route itself is beyond its reach, whatever the ids.
 * @throws FlexrollError `forbidden` / `instance_scope_exceeded` when the caller is limited to program instances.
 */
export function requireWorkspaceScope(context: Pick<CallContext, 'programInstanceIds'>, act: string): void {
  if (inInstanceScope(context, undefined)) return;
  throw new FlexrollError('forbidden', 'instance_scope_exceeded', `This key is limited to program instances, so it cannot ${act}.`, {
    details: [{ field: '/authorization', rule: 'instance_scope', message: 'requires a key for the whole workspace' }],
  });
}
