import { createHash, randomBytes } from 'node:crypto';
import { inject, injectable } from 'inversify';
import { InputError, NotFoundError } from '@flexroll/sdk';
import type { Clock } from '../clock/Clock.js';
import { newPrefixedId } from '../ids/ids.js';
import { API_KEY_PERMISSIONS, type ApiKey, type ApiKeyMode, type ApiKeyPermission, type ApiKeyType, type IssuedApiKey } from '../model/ApiKey.js';
import type { ApiKeyRepository } from '../ports/ApiKeyRepository.js';
import type { WorkspaceRepository } from '../ports/WorkspaceRepository.js';
import { CORE_TOKENS, STORE_TOKENS } from '../tokens.js';

export interface CreateApiKeyInput {
  readonly name: string;
  readonly type: ApiKeyType;
  readonly mode: ApiKeyMode;
  /** Required for scoped keys; a secret key holds every permission. */
  readonly permissions?: readonly ApiKeyPermission[];
}

/** How long last-used may lag: writing it on every request would turn each read into a write. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * API keys: `fr_<mode>_<sk|rk>_` followed by 32 random bytes in base64url (256 bits). Only the SHA-256 of the
 * secret is stored — a fast hash is enough for a secret with that much entropy, and it lets a key be found by
 * its hash in one indexed read. The secret is returned once, at creation.
 */
@injectable()
export class ApiKeyService {
  constructor(
    @inject(STORE_TOKENS.apiKeys) private readonly keys: ApiKeyRepository,
    @inject(STORE_TOKENS.workspaces) private readonly workspaces: WorkspaceRepository,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
  ) {}

  async create(workspaceId: string, input: CreateApiKeyInput): Promise<IssuedApiKey> {
    if ((await this.workspaces.get(workspaceId)) === undefined) throw new NotFoundError('workspace', workspaceId);
    const permissions = checkPermissions(input);
    const secret = `fr_${input.mode}_${input.type === 'secret' ? 'sk' : 'rk'}_${randomBytes(32).toString('base64url')}`;
    const key: ApiKey = {
      id: newPrefixedId('key'),
      workspaceId,
      name: input.name,
      type: input.type,
      mode: input.mode,
      permissions,
      displayPrefix: secret.slice(0, 15),
      secretHash: hashSecret(secret),
      createdAt: this.clock.now().toISOString(),
    };
    await this.keys.insert(key);
    return { key, secret };
  }

  /** The live key a secret belongs to, or undefined for an unknown or revoked one. Records its use. */
  async authenticate(secret: string): Promise<ApiKey | undefined> {
    const key = await this.keys.findBySecretHash(hashSecret(secret));
    if (key === undefined || key.revokedAt !== undefined) return undefined;
    const now = this.clock.now();
    if (key.lastUsedAt === undefined || now.getTime() - Date.parse(key.lastUsedAt) > LAST_USED_RESOLUTION_MS) {
      await this.keys.markUsed(key.workspaceId, key.id, now.toISOString());
    }
    return key;
  }

  list(workspaceId: string): Promise<readonly ApiKey[]> {
    return this.keys.list(workspaceId);
  }

  async revoke(workspaceId: string, id: string): Promise<ApiKey> {
    const key = await this.keys.get(workspaceId, id);
    if (key === undefined) throw new NotFoundError('api_key', id);
    if (key.revokedAt !== undefined) return key;
    const revokedAt = this.clock.now().toISOString();
    await this.keys.markRevoked(workspaceId, id, revokedAt);
    return { ...key, revokedAt };
  }
}

/** SHA-256 of a secret, hex. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function checkPermissions(input: CreateApiKeyInput): readonly ApiKeyPermission[] {
  if (input.type === 'secret') return [...API_KEY_PERMISSIONS];
  const permissions = input.permissions ?? [];
  const unknown = permissions.filter((permission) => !(API_KEY_PERMISSIONS as readonly string[]).includes(permission));
  if (permissions.length === 0 || unknown.length > 0) {
    throw new InputError(`A scoped key needs permissions from: ${API_KEY_PERMISSIONS.join(', ')}`, [
      { field: '/permissions', rule: 'enum', message: unknown.length > 0 ? `unknown: ${unknown.join(', ')}` : 'at least one is required' },
    ]);
  }
  return [...new Set(permissions)];
}
