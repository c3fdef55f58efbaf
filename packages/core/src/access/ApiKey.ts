/** Permissions a scoped key may hold; a secret key holds them all. A member's role maps onto them (`permissionsOfRole`). */
export const API_KEY_PERMISSIONS = [
  'enrollments:read',
  'enrollments:write',
  'participations:read',
  'participations:write',
  'program_instances:read',
  'program_instances:write',
  'programs:read',
  'events:read',
  'webhooks:manage',
  'api_keys:manage',
  'operator_events:write',
  'members:manage',
] as const;
export type ApiKeyPermission = (typeof API_KEY_PERMISSIONS)[number];

export type ApiKeyType = 'secret' | 'scoped';
/** Live keys act on live data; test keys on test data (the participation's `live_mode`). */
export type ApiKeyMode = 'live' | 'test';

/** A stored API key: never the secret itself, only its SHA-256 hash and a short prefix to recognise it by. */
export interface ApiKey {
  readonly id: string;
  readonly workspaceId: string;
  readonly name: string;
  readonly type: ApiKeyType;
  readonly mode: ApiKeyMode;
  readonly permissions: readonly ApiKeyPermission[];
  /** The first characters of the secret, e.g. `fr_live_sk_3kq9`, shown in listings. */
  readonly displayPrefix: string;
  readonly secretHash: string;
  readonly createdAt: string;
  readonly revokedAt?: string;
  readonly lastUsedAt?: string;
}

/** What key creation returns: the record and, this once, the secret. */
export interface IssuedApiKey {
  readonly key: ApiKey;
  readonly secret: string;
}

/**
 * What a caller may grant, as the key rules see it ({@link checkGrant}): an API key, or a member's session seen as a
 * live scoped key holding its role's permissions.
 */
export type KeyGrantor = Pick<ApiKey, 'id' | 'type' | 'mode' | 'permissions'>;
