import { type CoreMetrics, NO_METRICS } from './metrics/CoreMetrics.js';
import { ContainerModule } from 'inversify';
import { SystemClock, type Clock } from './Clock.js';
import { SILENT_LOGGER, type CoreLogger } from './CoreLogger.js';
import { DEFAULT_CORE_SETTINGS, type CoreSettings } from './CoreSettings.js';
import { IdempotencyExpiry } from './idempotency/IdempotencyExpiry.js';
import { IdempotencyService } from './idempotency/IdempotencyService.js';
import { systemResolve, type ResolveAll } from './network/guardedLookup.js';
import { SecretBox } from './secrets/SecretBox.js';
import { CORE_TOKENS } from './tokens.js';

/** What the host hands the platform: each has a default fit for tests and the embedded store. */
export interface PlatformOptions {
  readonly clock?: Clock;
  /** Seals adapter secrets at rest; without one, a key for this process only (fine for the embedded store). */
  readonly secretBox?: SecretBox;
  readonly settings?: Partial<CoreSettings>;
  /** Where the core reports what it recovers from; the host's logger. Silent without one. */
  readonly logger?: CoreLogger;
  /** What the core reports for an operator to watch; nothing without one. */
  readonly metrics?: CoreMetrics;
  /** Resolves host names for the SSRF guard on adapters' calls; the system's resolver without one. */
  readonly resolveHost?: ResolveAll;
}

/** The shared kernel: the clock, settings, secret box and logger every capability injects, and request idempotency. */
export function platformModule(options: PlatformOptions = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(CORE_TOKENS.clock).toConstantValue(options.clock ?? new SystemClock());
    bind(CORE_TOKENS.settings).toConstantValue({ ...DEFAULT_CORE_SETTINGS, ...options.settings });
    bind(CORE_TOKENS.secretBox).toConstantValue(options.secretBox ?? SecretBox.ephemeral());
    bind(CORE_TOKENS.logger).toConstantValue(options.logger ?? SILENT_LOGGER);
    bind(CORE_TOKENS.metrics).toConstantValue(options.metrics ?? NO_METRICS);
    bind(CORE_TOKENS.resolveHost).toConstantValue(options.resolveHost ?? systemResolve);
    bind(IdempotencyService).toSelf().inSingletonScope();
    bind(IdempotencyExpiry).toSelf().inSingletonScope();
    bind(CORE_TOKENS.backgroundTasks).toService(IdempotencyExpiry);
  });
}
