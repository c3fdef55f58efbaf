import { MemberService, type MemberRole } from '@flexroll/core';
import type { ApiResponse, TestServer } from './TestServer.js';

/** A password that meets the rules, for tests. */
export const GOOD_PASSWORD = 'correct horse battery staple';

/** A member signed in through the API: its cookie header and CSRF token, to send with requests. */
export interface SignedInMember {
  readonly memberId: string;
  readonly workspaceId: string;
  readonly email: string;
  readonly cookie: string;
  readonly csrfToken: string;
  /** Headers for a read (the cookie) and for a write (the cookie and the CSRF token). */
  readonly read: Record<string, string>;
  readonly write: Record<string, string>;
}

/** The `name=value` of the response's session cookie, as a browser sends it back. */
export function cookieOf(response: ApiResponse): string {
  const header = response.headers.get('set-cookie') ?? '';
  return header.split(';')[0]!;
}

/** Invites a member as the CLI does and accepts the invitation through the API; the member's id. */
export async function activeMember(server: TestServer, workspaceId: string, email: string, role: MemberRole, password = GOOD_PASSWORD, programInstanceIds?: readonly string[]): Promise<string> {
  const { member, invitationToken } = await server.container.get(MemberService).add(workspaceId, { email, role, ...(programInstanceIds === undefined ? {} : { programInstanceIds }) });
  const accepted = await server.post('/member-invitations/accept', { body: { token: invitationToken, password } });
  if (accepted.status !== 200) throw new Error(`accepting the invitation answered ${accepted.status}: ${JSON.stringify(accepted.body)}`);
  return member.id;
}

/** Signs a member in through `POST /sessions`. */
export async function signIn(server: TestServer, email: string, password = GOOD_PASSWORD, workspaceId?: string): Promise<SignedInMember> {
  const response = await server.post('/sessions', { body: { email, password, ...(workspaceId === undefined ? {} : { workspaceId }) } });
  if (response.status !== 201) throw new Error(`signing in answered ${response.status}: ${JSON.stringify(response.body)}`);
  const cookie = cookieOf(response);
  const csrfToken = response.body.csrfToken as string;
  return {
    memberId: response.body.member.id, workspaceId: response.body.workspaceId, email, cookie, csrfToken,
    read: { cookie }, write: { cookie, 'x-csrf-token': csrfToken },
  };
}

/** A new active member of the workspace (limited to `programInstanceIds` when given), signed in. */
export async function signedInMember(
  server: TestServer, workspaceId: string, role: MemberRole, email = `${role}.${Math.random().toString(36).slice(2, 10)}@example.com`, programInstanceIds?: readonly string[],
): Promise<SignedInMember> {
  await activeMember(server, workspaceId, email, role, GOOD_PASSWORD, programInstanceIds);
  return signIn(server, email);
}
