import { inject, injectable } from 'inversify';
import { ConflictError } from '@flexroll/sdk';
import type { Clock } from '../clock/Clock.js';
import type { CoreSettings } from '../CoreSettings.js';
import type { IdempotencyRepository, StoredResponse } from '../ports/IdempotencyRepository.js';
import { CORE_TOKENS, STORE_TOKENS } from '../tokens.js';

const POLL_MS = 25;

/**
 * `Idempotency-Key`: the first request with a key reserves it by a unique insert and runs; a repeat gets the
 * stored status and body, waiting while the first is still running. The same key with a different request is
 * a conflict. A request that throws frees its key, so a corrected retry can use it.
 */
@injectable()
export class IdempotencyService {
  constructor(
    @inject(STORE_TOKENS.idempotency) private readonly records: IdempotencyRepository,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
  ) {}

  async run(workspaceId: string, key: string, fingerprint: string, execute: () => Promise<StoredResponse>): Promise<StoredResponse & { replayed: boolean }> {
    const reserved = await this.records.reserve({ workspaceId, key, fingerprint, createdAt: this.clock.now().toISOString() });
    if (reserved === 'duplicate') return { ...(await this.awaitFirst(workspaceId, key, fingerprint)), replayed: true };
    let response: StoredResponse;
    try {
      response = await execute();
    } catch (error) {
      await this.records.forget(workspaceId, key, fingerprint);
      throw error;
    }
    await this.records.complete(workspaceId, key, response);
    return { ...response, replayed: false };
  }

  private async awaitFirst(workspaceId: string, key: string, fingerprint: string): Promise<StoredResponse> {
    const started = Date.now();
    for (;;) {
      const record = await this.records.get(workspaceId, key);
      if (record !== undefined && record.fingerprint !== fingerprint) {
        throw new ConflictError('idempotency_key_reused', `Idempotency-Key '${key}' was already used with a different request.`);
      }
      if (record?.response !== undefined) return record.response;
      if (record === undefined || Date.now() - started > this.settings.idempotencyPendingMs) {
        throw new ConflictError('idempotency_key_in_flight', `The request with Idempotency-Key '${key}' did not complete; retry it.`);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
