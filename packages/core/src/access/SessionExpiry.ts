import { inject, injectable } from 'inversify';
import { type CoreSettings, CORE_TOKENS } from '../platform/index.js';
import type { BackgroundTask } from '../platform/background/BackgroundTask.js';
import { SessionService } from './SessionService.js';

/**
 * Removes sessions past their absolute expiry. An expired session opens nothing whether or not it is still stored
 * (authentication checks both expiries, and removes an idle one when it is presented); this only keeps the store from
 * growing with sessions never presented again. Safe in any number of workers at once: each removal is idempotent.
 */
@injectable()
export class SessionExpiry implements BackgroundTask {
  readonly name = 'session-expiry';

  constructor(
    @inject(SessionService) private readonly sessions: SessionService,
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
  ) {}

  get intervalMs(): number {
    return this.settings.sessionCleanupIntervalMs;
  }

  runOnce(): Promise<number> {
    return this.sessions.removeExpired();
  }
}
