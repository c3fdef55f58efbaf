import { createHash, randomBytes } from 'node:crypto';
import { inject, injectable } from 'inversify';
import { InputError, NotFoundError } from '@flexroll/sdk';
import { checkScopeInstances, MAX_SCOPE_INSTANCES } from './instanceScopeIds.js';
import { type Clock, type CoreSettings, prefixedIdFor, type Operation, CORE_TOKENS, STORE_TOKENS } from '../platform/index.js';
import { API_KEY_PERMISSIONS, type ApiKey, type ApiKeyMode, type ApiKeyPermission, type ApiKeyType, type IssuedApiKey, type KeyGrantor } from './ApiKey.js';
import type { ApiKeyRepository } from './ports/ApiKeyRepository.js';
import type { WorkspaceRepository } from './ports/WorkspaceRepository.js';
import type { ProgramInstanceRepository } from '../programs/index.js';
import { checkGrant, checkRevoke, scopeWithin } from './keyGrants.js';

export interface CreateApiKeyInput {
  readonly name: string;
  readonly type: ApiKeyType;
  readonly mode: ApiKeyMode;
  /** Required for scoped keys; a secret key holds every permission. */
  readonly permissions?: readonly ApiKeyPermission[];
  /** Limits the key to these program instances of the workspace (ADR 0025); absent: the whole workspace. */
  readonly programInstanceIds?: readonly string[];
}

/** How many program instances one key may be limited to. */
export const MAX_KEY_INSTANCES = MAX_SCOPE_INSTANCES;

/** How long last-used may lag: writing it on every request would turn each read into a write. */
const LAST_USED_RESOLUTION_MS = 60_000;
/** How many authenticated keys a process keeps at hand. */
const KEY_CACHE_CAPACITY = 10_000;

/**
 * API keys: `fr_<mode>_<sk|rk>_` followed by 32 random bytes in base64url (256 bits). Only the SHA-256 of the
 * secret is stored — a fast hash is enough for a secret with that much entropy, and it lets a key be found by
 * its hash in one indexed read. The secret is returned once, at creation.
 */
@injectable()
export class ApiKeyService {
  /** Keys authenticated in the last `apiKeyCacheMs`, by secret hash: a revocation elsewhere takes effect within that bound. */
  readonly #recent = new Map<string, { readonly key: ApiKey; readonly until: number }>();

  constructor(
    @inject(STORE_TOKENS.apiKeys) private readonly keys: ApiKeyRepository,
    @inject(STORE_TOKENS.workspaces) private readonly workspaces: WorkspaceRepository,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
    @inject(STORE_TOKENS.programInstances) private readonly instances: ProgramInstanceRepository,
  ) {}

  /**
   * Makes a key; through the API, `grantor` is the calling key, and it can grant no more than it holds
   * ({@link checkGrant}). Within an idempotent request the key's id is derived from it: a retry of a request that died
   * after making the key finds that key (without its secret, which was shown once or never) instead of making another.
   */
  create(workspaceId: string, input: CreateApiKeyInput): Promise<IssuedApiKey>;
  create(workspaceId: string, input: CreateApiKeyInput, grantor: KeyGrantor | undefined, operation?: Operation): Promise<IssuedApiKey | { key: ApiKey; secret?: undefined }>;
  async create(workspaceId: string, input: CreateApiKeyInput, grantor?: KeyGrantor, operation?: Operation): Promise<IssuedApiKey | { key: ApiKey; secret?: undefined }> {
    if ((await this.workspaces.get(workspaceId)) === undefined) throw new NotFoundError('workspace', workspaceId);
    const permissions = checkPermissions(input);
    const programInstanceIds = await checkScopeInstances(this.instances, workspaceId, input.programInstanceIds);
    if (grantor !== undefined) checkGrant(grantor, { ...input, permissions, ...(programInstanceIds === undefined ? {} : { programInstanceIds }) });
    const id = prefixedIdFor(operation, 'key');
    const earlier = operation === undefined ? undefined : await this.keys.get(workspaceId, id);
    if (earlier !== undefined) return { key: earlier };
    const secret = `fr_${input.mode}_${input.type === 'secret' ? 'sk' : 'rk'}_${randomBytes(32).toString('base64url')}`;
    const key: ApiKey = {
      id,
      workspaceId,
      name: input.name,
      type: input.type,
      mode: input.mode,
      permissions,
      ...(programInstanceIds === undefined ? {} : { programInstanceIds }),
      displayPrefix: secret.slice(0, 15),
      secretHash: hashSecret(secret),
      createdAt: this.clock.now().toISOString(),
    };
    await this.keys.insert(key);
    return { key, secret };
  }

  /**
   * The live key a secret belongs to, or undefined for an unknown or revoked one. Records its use. A key found is
   * trusted for `apiKeyCacheMs` without asking the store again, so a key revoked by another process stops working
   * within that bound (at once in the process that revoked it).
   */
  async authenticate(secret: string): Promise<ApiKey | undefined> {
    const hash = hashSecret(secret);
    const now = this.clock.now().getTime();
    const recent = this.#recent.get(hash);
    if (recent !== undefined && recent.until > now) return recent.key;
    this.#recent.delete(hash);
    let key = await this.keys.findBySecretHash(hash);
    if (key === undefined || key.revokedAt !== undefined) return undefined;
    if (key.lastUsedAt === undefined || now - Date.parse(key.lastUsedAt) > LAST_USED_RESOLUTION_MS) {
      key = { ...key, lastUsedAt: new Date(now).toISOString() };
      await this.keys.markUsed(key.workspaceId, key.id, key.lastUsedAt!);
    }
    if (this.settings.apiKeyCacheMs > 0) {
      this.#recent.set(hash, { key, until: now + this.settings.apiKeyCacheMs });
      if (this.#recent.size > KEY_CACHE_CAPACITY) this.#recent.delete(this.#recent.keys().next().value as string);
    }
    return key;
  }

  /** The workspace's keys; for a caller limited to program instances, only keys within its scope (ADR 0025). */
  async list(workspaceId: string, caller?: Pick<ApiKey, 'programInstanceIds'>): Promise<readonly ApiKey[]> {
    const keys = await this.keys.list(workspaceId);
    return caller === undefined ? keys : keys.filter((key) => scopeWithin(caller, key.programInstanceIds));
  }

  /** Revokes a key; through the API, `revoker` is the calling key, which can revoke only what it could make ({@link checkRevoke}). */
  async revoke(workspaceId: string, id: string, revoker?: KeyGrantor): Promise<ApiKey> {
    const key = await this.keys.get(workspaceId, id);
    // A key an instance-scoped caller cannot list is one it cannot name either (ADR 0025).
    if (key === undefined || (revoker !== undefined && !scopeWithin(revoker, key.programInstanceIds))) throw new NotFoundError('api_key', id);
    if (revoker !== undefined) checkRevoke(revoker, key);
    if (key.revokedAt !== undefined) return key;
    const revokedAt = this.clock.now().toISOString();
    await this.keys.markRevoked(workspaceId, id, revokedAt);
    this.#recent.delete(key.secretHash);
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
