import { FlexrollError } from '@flexroll/sdk';
import type { KeyGrantor, MemberGrantor } from '@flexroll/core';
import { clearedSessionCookie, sessionCookie } from '../auth/sessionCookie.js';
import { ApiError } from '../http/ApiError.js';
import { renderMember, renderSession } from '../render/renderMembers.js';
import { IdParams, NoQuery, PrefixedId } from '../schemas/common.js';
import { AcceptInvitationBody, AddedMemberResponse, AddMemberBody, ChangePasswordBody, ChangeRoleBody, MemberList, MemberView, SessionView, SignInBody } from '../schemas/memberSchemas.js';
import { defineRoute, type RouteDefinition } from './RouteDefinition.js';

const TAG = 'Members and sessions';
const MemberParams = IdParams('memberId', PrefixedId('mem'));

/** The caller as a grantor of roles: the permissions it holds (a key's, or a member's role's) and the instances it reaches. */
function grantorOf(key: KeyGrantor | undefined): MemberGrantor | undefined {
  if (key === undefined) return undefined;
  return { permissions: key.permissions, ...(key.programInstanceIds === undefined ? {} : { programInstanceIds: key.programInstanceIds }) };
}

/** Workspace members signing in with a session cookie, and the admins who invite and manage them (issue 21). */
export const memberRoutes: readonly RouteDefinition[] = [
  defineRoute({
    method: 'post', path: '/sessions', operationId: 'signIn', tag: TAG,
    summary: 'Sign in with e-mail and password: answers the session and sets it as an HttpOnly, SameSite=Strict cookie (no credentials needed)',
    permission: 'public', query: NoQuery, body: SignInBody, services: ['sessions'], responses: { 201: SessionView },
    responseHeaders: { 'Set-Cookie': '`flexroll_session=…; HttpOnly; SameSite=Strict; Path=/`, and `Secure` when the request came over TLS' },
    async handle({ services, body, client }) {
      const admission = await client.signInThrottle.admit(client.address, body.email);
      if ('blockedForSeconds' in admission) {
        const wait = admission.blockedForSeconds;
        throw new ApiError(429, 'too_many_failed_attempts', `Too many failed sign-ins from this address or for this e-mail; retry in ${wait} s.`, [], { 'Retry-After': String(wait) });
      }
      let failed = false;
      try {
        const opened = await services.sessions.signIn(body);
        return { status: 201, body: renderSession(opened), headers: { 'Set-Cookie': sessionCookie(opened.token, client.secure) } };
      } catch (error) {
        failed = FlexrollError.is(error) && error.code === 'invalid_credentials';
        throw error;
      } finally {
        admission.admitted.settle(failed);
      }
    },
  }),
  defineRoute({
    method: 'get', path: '/sessions/current', operationId: 'getCurrentSession', tag: TAG, summary: 'The session the cookie opens: the member, its role and permissions, the CSRF token',
    permission: 'session', query: NoQuery, services: [], responses: { 200: SessionView },
    async handle({ session }) {
      return { status: 200, body: renderSession(session!) };
    },
  }),
  defineRoute({
    method: 'delete', path: '/sessions/current', operationId: 'signOut', tag: TAG, summary: 'Sign out: ends the session and clears its cookie',
    permission: 'session', query: NoQuery, services: ['sessions'], responses: { 204: null },
    responseHeaders: { 'Set-Cookie': 'the session cookie, cleared (`Max-Age=0`)' },
    async handle({ services, session, client }) {
      await services.sessions.end(session!.session);
      return { status: 204, headers: { 'Set-Cookie': clearedSessionCookie(client.secure) } };
    },
  }),
  defineRoute({
    method: 'post', path: '/sessions/current/password', operationId: 'changePassword', tag: TAG, summary: 'Change your own password; your other sessions end',
    permission: 'session', query: NoQuery, body: ChangePasswordBody, services: ['members'], responses: { 200: MemberView },
    async handle({ services, session, body }) {
      const { member, session: current } = session!;
      return { status: 200, body: renderMember(await services.members.changePassword(member.workspaceId, member.id, body, current.id)) };
    },
  }),
  defineRoute({
    method: 'post', path: '/member-invitations/accept', operationId: 'acceptInvitation', tag: TAG,
    summary: 'Accept an invitation: sets the password and activates the member; the token works once (no credentials needed)',
    permission: 'public', query: NoQuery, body: AcceptInvitationBody, services: ['members'], responses: { 200: MemberView },
    async handle({ services, body }) {
      return { status: 200, body: renderMember(await services.members.acceptInvitation(body.token, body.password)) };
    },
  }),
  defineRoute({
    method: 'get', path: '/members', operationId: 'listMembers', tag: TAG, summary: 'List the workspace’s members (a caller limited to program instances sees only members within its instances)',
    permission: 'members:manage', query: NoQuery, services: ['members'], responses: { 200: MemberList },
    async handle({ services, context, key }) {
      return { status: 200, body: { data: (await services.members.list(context.workspaceId, grantorOf(key))).map(renderMember) } };
    },
  }),
  defineRoute({
    method: 'post', path: '/members', operationId: 'inviteMember', tag: TAG,
    summary: 'Invite a member: answers a one-time link that sets the password, shown once (an e-mail still invited gets a fresh link)',
    permission: 'members:manage', query: NoQuery, body: AddMemberBody, services: ['members'], responses: { 201: AddedMemberResponse },
    async handle({ services, context, body, key, client }) {
      const added = await services.members.add(context.workspaceId, body, grantorOf(key), context.operation);
      const invitationUrl = added.invitationToken === undefined ? undefined : invitationLink(client.baseUrl, added.invitationToken);
      return { status: 201, body: { member: renderMember(added.member), ...(invitationUrl === undefined ? {} : { invitationUrl }) }, shownOnce: ['invitationUrl'] };
    },
  }),
  defineRoute({
    method: 'patch', path: '/members/{memberId}', operationId: 'changeMemberRole', tag: TAG, summary: 'Change a member’s role and/or program instances (never the last admin’s role: 409 last_admin)',
    permission: 'members:manage', params: MemberParams, query: NoQuery, body: ChangeRoleBody, services: ['members'], responses: { 200: MemberView },
    async handle({ services, context, params, body, key }) {
      return { status: 200, body: renderMember(await services.members.change(context.workspaceId, params.memberId, body, grantorOf(key))) };
    },
  }),
  defineRoute({
    method: 'delete', path: '/members/{memberId}', operationId: 'removeMember', tag: TAG, summary: 'Remove a member and end its sessions (never the last admin: 409 last_admin)',
    permission: 'members:manage', params: MemberParams, query: NoQuery, services: ['members'], responses: { 204: null },
    async handle({ services, context, params, key }) {
      await services.members.remove(context.workspaceId, params.memberId, grantorOf(key));
      return { status: 204 };
    },
  }),
];

/** The console's page that accepts an invitation; the token rides in the fragment, which browsers never send to a server. */
export function invitationLink(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/console/accept-invitation#token=${token}`;
}
