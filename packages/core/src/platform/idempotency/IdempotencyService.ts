import { createHash, randomBytes } from 'node:crypto';
import { inject, injectable } from 'inversify';
import { ConflictError, FlexrollError } from '@flexroll/sdk';
import type { Clock } from '../Clock.js';
import type { CoreSettings } from '../CoreSettings.js';
import { newPrefixedId } from '../ids.js';
import type { CoreLogger } from '../CoreLogger.js';
import type { Operation } from '../Operation.js';
import type { IdempotencyRecord, IdempotencyRepository, StoredResponse } from './IdempotencyRepository.js';
import type { SecretBox } from '../secrets/SecretBox.js';
import { SECRET_KEY_MISMATCH } from '../secrets/SecretKeyMismatchError.js';
import { CORE_TOKENS, STORE_TOKENS } from '../tokens.js';

const POLL_MS = 20;
const MAX_TAKEOVERS = 10;

/** One request carrying an `Idempotency-Key`. */
export interface IdempotentRequest {
  /** The workspace, or `platform_admin` for the platform administrator. */
  readonly workspaceId: string;
  /** Who sent it: an API key's id (keys are scoped to the API key that used them), or `platform_admin`. */
  readonly caller: string;
  readonly key: string;
  /** A hash of the request in canonical form: the same key with a different request is refused. */
  readonly fingerprint: string;
}

/**
 * `Idempotency-Key`, as the most trusted payment APIs do it: a key resolves to one outcome.
 *
 * - The first request with a key reserves it (a unique insert) and runs; its answer is stored, sealed, and replayed
 *   to every repeat for `idempotencyRetentionMs` (24 h), after which the key is forgotten.
 * - A repeat while the first still runs waits up to `contentionBudgetMs`, then gets 409 `idempotency_key_in_flight`
 *   with `Retry-After`. The same key with a different request is 409 `idempotency_key_reused`.
 * - A request refused by a rule (a 4xx) wrote nothing, so it frees its key for a corrected request. One that failed
 *   with an unknown outcome (the store went away), or that recovered a dead attempt, keeps its key but ends its
 *   lease, so the retry takes over at once.
 * - A reservation whose request died (no answer after `idempotencyLeaseMs`) is taken over by the next attempt, which
 *   inherits its operation: records are named after it and events carry a batch id derived from it, so whatever the
 *   dead attempt wrote is found and answered with, never written twice ({@link Operation}).
 */
@injectable()
export class IdempotencyService {
  constructor(
    @inject(STORE_TOKENS.idempotency) private readonly records: IdempotencyRepository,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
    @inject(CORE_TOKENS.secretBox) private readonly box: SecretBox,
    @inject(CORE_TOKENS.logger) private readonly logger: CoreLogger,
  ) {}

  /**
   * Runs `execute` once per key, or replays its stored answer. `forReplay` gives what may be stored of an answer
   * (a secret shown once is not).
   */
  async run(
    request: IdempotentRequest,
    execute: (operation: Operation) => Promise<StoredResponse>,
    forReplay: (response: StoredResponse) => StoredResponse = (response) => response,
  ): Promise<StoredResponse & { replayed: boolean }> {
    const key = storedKeyOf(request.caller, request.key);
    const deadline = Date.now() + this.settings.contentionBudgetMs;
    let inherited: string | undefined;
    for (let takeovers = 0; takeovers < MAX_TAKEOVERS; ) {
      const attempt = this.newAttempt(request, key, inherited);
      if ((await this.records.reserve(attempt)) === 'inserted') {
        return this.runAttempt(attempt, { id: attempt.operation, recovering: inherited !== undefined }, execute, forReplay);
      }
      const held = await this.records.get(request.workspaceId, key);
      if (held === undefined) {
        takeovers++; // freed in between: try again, a bounded number of times
        continue;
      }
      const now = this.clock.now().toISOString();
      // A record without an expiry was written before keys expired: it counts as expired.
      if (held.expiresAt === undefined || held.expiresAt <= now) {
        await this.records.remove(request.workspaceId, key, held.id);
        inherited = undefined;
        takeovers++;
      } else if (held.fingerprint !== request.fingerprint) {
        throw new ConflictError('idempotency_key_reused', `Idempotency-Key '${request.key}' was already used with a different request.`);
      } else if (held.response !== undefined) {
        return { ...this.storedAnswer(held.workspaceId, held.response), replayed: true };
      } else if (held.lockedUntil > now) {
        if (Date.now() >= deadline) throw inFlight(request.key, held.lockedUntil, now);
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      } else {
        // Its request died without answering: take over, keeping what it named its writes after.
        await this.records.remove(request.workspaceId, key, held.id);
        inherited = held.operation;
        takeovers++;
      }
    }
    throw inFlight(request.key, this.clock.now().toISOString(), this.clock.now().toISOString());
  }

  /**
   * The stored answer, opened. One sealed by a process with another FLEXROLL_SECRET_KEY cannot be: the client gets a
   * 503 naming the mismatch (the answer is intact, and a process with the right key still replays it), and the log
   * says what to fix — a misconfigured deployment, not a bug.
   */
  private storedAnswer(workspaceId: string, sealed: string): StoredResponse {
    try {
      return JSON.parse(this.box.open(sealed, 'The stored answer to this Idempotency-Key')) as StoredResponse;
    } catch (error) {
      if (FlexrollError.is(error) && error.code === SECRET_KEY_MISMATCH) {
        this.logger.error('FLEXROLL_SECRET_KEY differs between processes: a stored idempotent answer was sealed with another key', { workspaceId });
      }
      throw error;
    }
  }

  /** Removes the records whose retention has passed; a background task of every worker. */
  removeExpired(): Promise<number> {
    return this.records.removeExpired(this.clock.now().toISOString());
  }

  private async runAttempt(
    attempt: IdempotencyRecord,
    operation: Operation,
    execute: (operation: Operation) => Promise<StoredResponse>,
    forReplay: (response: StoredResponse) => StoredResponse,
  ): Promise<StoredResponse & { replayed: boolean }> {
    let response: StoredResponse;
    try {
      response = await execute(operation);
    } catch (error) {
      await this.settleFailure(attempt, operation, error);
      throw error;
    }
    try {
      await this.records.update(attempt.workspaceId, attempt.key, attempt.id, { response: this.box.seal(JSON.stringify(forReplay(response))) });
    } catch (error) {
      // The request did what it was asked; its answer still goes to the client. A retry recovers it after the lease.
      this.logger.warn('could not store an idempotent answer', { workspaceId: attempt.workspaceId, error: error instanceof Error ? error.message : String(error) });
    }
    return { ...response, replayed: false };
  }

  /**
   * A refusal wrote nothing and frees the key. Anything else may have written, and so may a dead attempt this one took
   * over: the key is kept with its operation, its lease ended, so that the next attempt recovers at once.
   */
  private async settleFailure(attempt: IdempotencyRecord, operation: Operation, error: unknown): Promise<void> {
    const refused = FlexrollError.is(error) && error.kind !== 'unavailable' && error.kind !== 'internal';
    try {
      if (refused && !operation.recovering) await this.records.remove(attempt.workspaceId, attempt.key, attempt.id);
      else await this.records.update(attempt.workspaceId, attempt.key, attempt.id, { lockedUntil: this.clock.now().toISOString() });
    } catch {
      // The store is away: the reservation stays until its lease ends, and the next attempt recovers then.
    }
  }

  private newAttempt(request: IdempotentRequest, key: string, operation: string | undefined): IdempotencyRecord {
    const now = this.clock.now();
    const at = (ms: number) => new Date(now.getTime() + ms).toISOString();
    return {
      id: newPrefixedId('idem'),
      workspaceId: request.workspaceId,
      key,
      fingerprint: request.fingerprint,
      operation: operation ?? `op_${randomBytes(16).toString('hex')}`,
      createdAt: now.toISOString(),
      lockedUntil: at(this.settings.idempotencyLeaseMs),
      expiresAt: at(this.settings.idempotencyRetentionMs),
    };
  }
}

/** The key as stored: a hash of the client's key and the API key that sent it. */
export function storedKeyOf(caller: string, key: string): string {
  return createHash('sha256').update(`${caller}\n${key}`).digest('hex');
}

/** The holder may still answer any moment, or be dead until its lease ends: retry within a few seconds either way. */
function inFlight(key: string, lockedUntil: string, now: string): ConflictError {
  const seconds = Math.min(5, Math.max(1, Math.ceil((Date.parse(lockedUntil) - Date.parse(now)) / 1000)));
  return new ConflictError(
    'idempotency_key_in_flight',
    `A request with Idempotency-Key '${key}' is still in progress; retry in ${seconds} s to get its answer.`,
    undefined,
    { retryAfterSeconds: seconds },
  );
}
