import { type ActiveSession, type Member, permissionsOfRole } from '@flexroll/core';

/** A member as the API shows it: without its workspace (the caller's own) and, by construction, without secrets. */
export function renderMember(member: Member): Record<string, unknown> {
  const { workspaceId: _workspace, ...visible } = member;
  return visible;
}

/** What the console learns of its session: the member, its role's permissions, the CSRF token and when it ends. */
export function renderSession(active: ActiveSession): Record<string, unknown> {
  return {
    member: renderMember(active.member),
    workspaceId: active.member.workspaceId,
    role: active.member.role,
    permissions: permissionsOfRole(active.member.role),
    csrfToken: active.csrfToken,
    expiresAt: active.session.expiresAt,
    idleExpiresAt: active.idleExpiresAt,
  };
}
