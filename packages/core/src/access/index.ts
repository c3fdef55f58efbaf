/** The access capability's façade: what other capabilities, and other packages through @flexroll/core, may use. */

export { API_KEY_PERMISSIONS, type ApiKey, type ApiKeyMode, type ApiKeyPermission, type ApiKeyType, type IssuedApiKey } from './ApiKey.js';
export { ApiKeyService, type CreateApiKeyInput, hashSecret } from './ApiKeyService.js';
export type { ApiKeyRepository } from './ports/ApiKeyRepository.js';
export type { WorkspaceRepository } from './ports/WorkspaceRepository.js';
export type { Workspace } from './Workspace.js';
export { WorkspaceService } from './WorkspaceService.js';
export { accessModule } from './accessModule.js';
