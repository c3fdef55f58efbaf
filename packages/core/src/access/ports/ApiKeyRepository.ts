import type { ApiKey } from '../ApiKey.js';

export interface ApiKeyRepository {
  insert(key: ApiKey): Promise<void>;
  /**
   * The key whose secret hashes to this value. The only lookup that is not scoped by workspace, because
   * authenticating is how the workspace becomes known.
   */
  findBySecretHash(secretHash: string): Promise<ApiKey | undefined>;
  get(workspaceId: string, id: string): Promise<ApiKey | undefined>;
  list(workspaceId: string): Promise<readonly ApiKey[]>;
  markRevoked(workspaceId: string, id: string, revokedAt: string): Promise<void>;
  markUsed(workspaceId: string, id: string, usedAt: string): Promise<void>;
}
