import { inject, injectable } from 'inversify';
import type { CoreSettings } from '../CoreSettings.js';
import { IdempotencyService } from './IdempotencyService.js';
import { CORE_TOKENS } from '../tokens.js';
import type { BackgroundTask } from '../background/BackgroundTask.js';

/**
 * Removes idempotency records older than their retention (24 h by default). A key past it already counts as
 * forgotten whether or not its record is still there; this only keeps the store from growing. Safe to run in any
 * number of workers at once: each removal is idempotent.
 */
@injectable()
export class IdempotencyExpiry implements BackgroundTask {
  readonly name = 'idempotency-expiry';

  constructor(
    @inject(IdempotencyService) private readonly idempotency: IdempotencyService,
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
  ) {}

  get intervalMs(): number {
    return this.settings.idempotencyCleanupIntervalMs;
  }

  runOnce(): Promise<number> {
    return this.idempotency.removeExpired();
  }
}
