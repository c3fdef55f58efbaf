import { ContainerModule } from 'inversify';
import { ApiKeyService } from './ApiKeyService.js';
import { MemberService } from './MemberService.js';
import { PasswordHasher } from './PasswordHasher.js';
import { SessionService } from './SessionService.js';
import { WorkspaceService } from './WorkspaceService.js';

/** Workspaces, the API keys that open them, and the members who sign in to them. */
export function accessModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(WorkspaceService).toSelf().inSingletonScope();
    bind(ApiKeyService).toSelf().inSingletonScope();
    bind(PasswordHasher).toSelf().inSingletonScope();
    bind(MemberService).toSelf().inSingletonScope();
    bind(SessionService).toSelf().inSingletonScope();
  });
}
