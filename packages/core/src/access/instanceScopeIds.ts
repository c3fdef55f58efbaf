import { InputError } from '@flexroll/sdk';
import type { ProgramInstanceRepository } from '../programs/index.js';

/** How many program instances one key or member may be limited to: its scope is read instance by instance on every list. */
export const MAX_SCOPE_INSTANCES = 100;

/**
 * The instances a key or a member is to be limited to (ADR 0025): each one of the workspace's, without repeats, 1 to
 * {@link MAX_SCOPE_INSTANCES}. Shared by keys and members so both refuse the same lists with the same details.
 * @throws InputError naming `/programInstanceIds/<i>` for an id that names no instance of the workspace.
 */
export async function checkScopeInstances(instances: ProgramInstanceRepository, workspaceId: string, ids: readonly string[] | undefined): Promise<readonly string[] | undefined> {
  if (ids === undefined) return undefined;
  const unique = [...new Set(ids)];
  if (unique.length === 0 || unique.length > MAX_SCOPE_INSTANCES) {
    throw new InputError(`programInstanceIds must name 1 to ${MAX_SCOPE_INSTANCES} program instances`, [
      { field: '/programInstanceIds', rule: unique.length === 0 ? 'min_items' : 'max_items', message: `must name 1 to ${MAX_SCOPE_INSTANCES} program instances` },
    ]);
  }
  const found = await Promise.all(unique.map((id) => instances.get(workspaceId, id)));
  const missing = unique.flatMap((id, index) => (found[index] === undefined ? [{ field: `/programInstanceIds/${ids.indexOf(id)}`, rule: 'exists', message: `no program instance '${id}' in this workspace` }] : []));
  if (missing.length > 0) throw new InputError('programInstanceIds names program instances this workspace does not have', missing);
  return unique;
}
