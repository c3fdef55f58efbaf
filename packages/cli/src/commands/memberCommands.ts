import { MemberService, type MemberRole } from '@flexroll/core';
import { invitationLink } from '@flexroll/api';
import { readSettings } from '../settings/readSettings.js';
import { withStore } from './withStore.js';

/**
 * `flexroll member add`: how a workspace gets its first admin (the console invites the others). Prints the member and
 * the one-time link that sets its password; the token rides in the link's fragment, which no server log ever sees.
 */
export async function addMember(workspaceId: string, email: string, options: { readonly role: MemberRole }) {
  const settings = readSettings();
  return withStore(async ({ container }) => {
    const { member, invitationToken } = await container.get(MemberService).add(workspaceId, { email, role: options.role });
    const { workspaceId: _workspace, ...shown } = member;
    return { ...shown, invitationUrl: invitationLink(settings.publicUrl ?? settings.url, invitationToken!) };
  }, {}, settings);
}

/** `flexroll member list`: the workspace's members (never a password or invitation hash). */
export const listMembers = (workspaceId: string) =>
  withStore(async ({ container }) => (await container.get(MemberService).list(workspaceId)).map(({ workspaceId: _workspace, ...shown }) => shown));
