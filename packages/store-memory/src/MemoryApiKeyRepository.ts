import type { ApiKey, ApiKeyRepository } from '@flexroll/core';
import { MemoryTable } from './MemoryTable.js';
import { byKeys } from './paginate.js';
import { expectInserted, scoped } from './memoryKeys.js';

/** The embedded store's ApiKeyRepository: rows in a {@link MemoryTable}, found by id or by secret hash. */
export class MemoryApiKeyRepository implements ApiKeyRepository {
  readonly #table = new MemoryTable<ApiKey>((row) => scoped(row.workspaceId, row.id), [(row) => row.secretHash]);
  async insert(key: ApiKey): Promise<void> {
    expectInserted(await this.#table.insert(key), `API key ${key.id}`);
  }
  async findBySecretHash(secretHash: string): Promise<ApiKey | undefined> {
    return this.#table.getByUnique(0, secretHash);
  }
  get(workspaceId: string, id: string): Promise<ApiKey | undefined> {
    return this.#table.get(scoped(workspaceId, id));
  }
  async list(workspaceId: string): Promise<readonly ApiKey[]> {
    return (await this.#table.find((row) => row.workspaceId === workspaceId)).sort(byKeys((row) => row.createdAt, (row) => row.id));
  }
  async markRevoked(workspaceId: string, id: string, revokedAt: string): Promise<void> {
    const key = await this.get(workspaceId, id);
    if (key !== undefined) await this.#table.put({ ...key, revokedAt });
  }
  async markUsed(workspaceId: string, id: string, usedAt: string): Promise<void> {
    const key = await this.get(workspaceId, id);
    if (key !== undefined) await this.#table.put({ ...key, lastUsedAt: usedAt });
  }
}
