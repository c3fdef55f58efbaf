import { API_KEY_PERMISSIONS, type ApiKeyPermission } from './ApiKey.js';
import type { MemberRole } from './Member.js';

const READ = API_KEY_PERMISSIONS.filter((permission) => permission.endsWith(':read'));
const REVIEW: readonly ApiKeyPermission[] = [...READ, 'enrollments:write', 'participations:write'];
// Operator events are what an operator's systems report: no person types them in, so no role holds the permission.
const ADMIN = API_KEY_PERMISSIONS.filter((permission) => permission !== 'operator_events:write');

const BY_ROLE: Readonly<Record<MemberRole, readonly ApiKeyPermission[]>> = { viewer: READ, reviewer: REVIEW, admin: ADMIN };

/**
 * The API permissions a role holds: a viewer reads everything, a reviewer also moves enrollments and participations,
 * an admin holds every permission (members, keys, webhooks, instances) except sending operator events.
 */
export function permissionsOfRole(role: MemberRole): readonly ApiKeyPermission[] {
  return BY_ROLE[role];
}
