import { FlexrollError, type FieldIssue } from '@flexroll/sdk';
import type { ApiKeyPermission } from './ApiKey.js';
import type { MemberRole } from './Member.js';
import { permissionsOfRole } from './roles.js';

/**
 * Whether a caller holding `held` may give a member `role`, or act on (change, remove) a member holding it: only if
 * it holds every permission of that role itself, so that neither a member nor a scoped key with `members:manage`
 * can make someone stronger than itself. An admin holds every role's permissions; the CLI (operators) is not bound.
 */
export function checkMemberGrant(held: readonly ApiKeyPermission[], role: MemberRole, field: string): void {
  const missing = permissionsOfRole(role).filter((permission) => !held.includes(permission));
  if (missing.length === 0) return;
  const details: FieldIssue[] = [{ field, rule: 'held_by_caller', message: `the role ${role} holds ${missing.join(', ')}, which the caller does not` }];
  throw new FlexrollError('forbidden', 'permission_not_held', `The caller cannot grant or manage the role '${role}': it holds permissions the caller lacks.`, { details });
}
