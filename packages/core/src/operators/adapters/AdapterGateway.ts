import { inject, injectable } from 'inversify';
import { type Clock, type CoreSettings, type CoreLogger, type CoreMetrics, CORE_TOKENS, guardedFetch, type ResolveAll, type SecretBox, tracedFetch } from '../../platform/index.js';
import type { ProgramInstance } from '../../programs/index.js';
import type { AdapterRegistry } from './AdapterRegistry.js';
import { AdapterTokenCaches } from './AdapterTokenCaches.js';
import { BoundAdapter } from './BoundAdapter.js';
import { openConfig } from './sealConfig.js';
import { OperatorReferenceService } from '../OperatorReferenceService.js';

/** Hands out each program instance's adapter, bound to its config, clock, time limit and declared services. */
@injectable()
export class AdapterGateway {
  constructor(
    @inject(CORE_TOKENS.adapters) private readonly registry: AdapterRegistry,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
    @inject(CORE_TOKENS.secretBox) private readonly secrets: SecretBox,
    @inject(OperatorReferenceService) private readonly references: OperatorReferenceService,
    @inject(CORE_TOKENS.logger) private readonly logger: CoreLogger,
    @inject(CORE_TOKENS.resolveHost) resolveHost: ResolveAll,
    @inject(CORE_TOKENS.metrics) private readonly metrics: CoreMetrics,
  ) {
    // Each call carries the trace of the request or task that made it (W3C traceparent), for the operator's own logs.
    this.#fetch = tracedFetch(guardedFetch({ allowPrivateNetworks: settings.adapterAllowPrivateNetworks, resolve: resolveHost }));
    this.#tokens = new AdapterTokenCaches(() => clock.now());
  }

  /** Every adapter's calls go out through this one fetch: the SSRF guard, after DNS resolution, and no redirects. */
  readonly #fetch: typeof fetch;

  /** The operators' tokens adapters' `http` services keep, owned here so they outlive each call's binding. */
  readonly #tokens: AdapterTokenCaches;

  /** The instance's adapter; its calls get the instance's config with its secrets opened (for the adapter's eyes only). */
  for(instance: ProgramInstance): BoundAdapter {
    const adapter = this.registry.get(instance.adapter.adapterId);
    const openConfigNow = () => openConfig(this.secrets, adapter.manifest.configSchema, instance.adapter.config);
    return new BoundAdapter(adapter, instance, {
      openConfig: openConfigNow,
      clock: this.clock,
      timeoutMs: this.settings.adapterTimeoutMs,
      references: this.references.bookFor(instance),
      logger: this.logger,
      metrics: this.metrics,
      fetch: this.#fetch,
      tokens: (config) => this.#tokens.for(adapter.manifest.id, instance.id, config),
    });
  }

  get adapters(): AdapterRegistry {
    return this.registry;
  }
}
