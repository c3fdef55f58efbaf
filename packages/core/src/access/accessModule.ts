import { ContainerModule } from 'inversify';
import { CORE_TOKENS } from '../platform/index.js';
import { ApiKeyService } from './ApiKeyService.js';
import { MemberService } from './MemberService.js';
import { PasswordHasher } from './PasswordHasher.js';
import { SessionExpiry } from './SessionExpiry.js';
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
    bind(SessionExpiry).toSelf().inSingletonScope();
    bind(CORE_TOKENS.backgroundTasks).toService(SessionExpiry);
  });
}
