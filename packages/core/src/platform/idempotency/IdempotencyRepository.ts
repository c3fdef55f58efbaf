import type { InsertResult } from '../InsertResult.js';

/** What a repeated request with the same key gets back. */
export interface StoredResponse {
  readonly status: number;
  /** Absent for an empty response (204). */
  readonly body?: unknown;
  /** Response headers that belong to the answer itself (e.g. `Flexroll-Ignored-Fields`), replayed with it. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * One attempt holding an idempotency key: reserved by a unique insert on `(workspaceId, key)`, then answered, freed,
 * or — if its process died — taken over once its lease has passed. Nothing in it is the client's own text or data:
 * the key and the request are hashed, and the answer is sealed.
 */
export interface IdempotencyRecord {
  /** This attempt's own id: an attempt answers or frees its own reservation only, never a later attempt's. */
  readonly id: string;
  /** The workspace (or `platform_admin`); with `key`, the unique index. */
  readonly workspaceId: string;
  /** A hash of the client's key and the API key that sent it: one API key's keys never meet another's. */
  readonly key: string;
  /** A hash of what was asked (method, path, canonical body), so the same key with another request is refused. */
  readonly fingerprint: string;
  /** What the request's records and events are named after; kept when an attempt takes over from a dead one. */
  readonly operation: string;
  readonly createdAt: string;
  /** Until then, the attempt holding the key is taken to be alive. */
  readonly lockedUntil: string;
  /** After it, the key is forgotten and may be used for a new request. */
  readonly expiresAt: string;
  /** The answer (status and body), sealed with the platform's secret key. */
  readonly response?: string;
}

export interface IdempotencyRepository {
  reserve(record: IdempotencyRecord): Promise<InsertResult>;
  get(workspaceId: string, key: string): Promise<IdempotencyRecord | undefined>;
  /** Sets fields of the attempt with this id, if it still holds the key; a later attempt's record is left alone. */
  update(workspaceId: string, key: string, id: string, changes: Partial<Pick<IdempotencyRecord, 'response' | 'lockedUntil'>>): Promise<void>;
  /** Removes the attempt with this id, if it still holds the key. */
  remove(workspaceId: string, key: string, id: string): Promise<void>;
  /** Removes every record that expired at or before `now`; how many. */
  removeExpired(now: string): Promise<number>;
}
