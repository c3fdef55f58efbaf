import { ContainerModule } from 'inversify';
import { ApiKeyService } from './ApiKeyService.js';
import { WorkspaceService } from './WorkspaceService.js';

/** Workspaces and the API keys that open them. */
export function accessModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(WorkspaceService).toSelf().inSingletonScope();
    bind(ApiKeyService).toSelf().inSingletonScope();
  });
}
