import type { InsertResult } from './InsertResult.js';

/** What a repeated request with the same key gets back. */
export interface StoredResponse {
  readonly status: number;
  /** Absent for an empty response (204). */
  readonly body?: unknown;
  /** Response headers that belong to the answer itself (e.g. `Flexroll-Ignored-Fields`), replayed with it. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** One use of an idempotency key: reserved by a unique insert, completed with the response. */
export interface IdempotencyRecord {
  readonly workspaceId: string;
  readonly key: string;
  /** A hash of what was asked (method, path, body), so the same key with another request is refused. */
  readonly fingerprint: string;
  readonly createdAt: string;
  readonly response?: StoredResponse;
}

export interface IdempotencyRepository {
  reserve(record: IdempotencyRecord): Promise<InsertResult>;
  get(workspaceId: string, key: string): Promise<IdempotencyRecord | undefined>;
  complete(workspaceId: string, key: string, response: StoredResponse): Promise<void>;
  /** Forgets a reservation whose request failed before answering, so the key can be used again. */
  forget(workspaceId: string, key: string, fingerprint: string): Promise<void>;
}
