import { ApiKeyService, MemberService, ProgramService, WorkspaceService } from '@flexroll/core';
import type { Container } from 'inversify';

/** What a fresh embedded server hands its operator, printed once at start-up. */
export interface DemoCredentials {
  readonly workspaceId: string;
  readonly secretKey: string;
  readonly programId: string;
  /** An admin member of the workspace, invited: the token of its one-time link, for the console. */
  readonly adminEmail: string;
  readonly adminInvitationToken: string;
}

/**
 * Seeds an empty embedded store with a workspace, a secret key, an invited admin member and seed 001's Community
 * Powershare program, so that a fresh clone can make its first call, or sign in to the console, at once (another
 * process cannot reach this store to do it).
 */
export async function bootstrapDemo(container: Container): Promise<DemoCredentials> {
  const workspace = await container.get(WorkspaceService).create('Demo workspace');
  const { secret } = await container.get(ApiKeyService).create(workspace.id, { name: 'bootstrap', type: 'secret', mode: 'test' });
  const program = await container.get(ProgramService).create({
    name: 'Community Powershare',
    learnMoreUrl: 'https://leap.com/programmes/community-powershare',
    provider: { providerDisplayName: 'Leap', logoUrl: 'https://s.flatpeak.com/83b06a60e38c2.png' },
  });
  const adminEmail = 'admin@example.com';
  const { invitationToken } = await container.get(MemberService).add(workspace.id, { email: adminEmail, role: 'admin' });
  return { workspaceId: workspace.id, secretKey: secret, programId: program.id, adminEmail, adminInvitationToken: invitationToken! };
}
