import { inject, injectable } from 'inversify';
import type { Clock } from '../clock/Clock.js';
import type { CoreSettings } from '../CoreSettings.js';
import type { ProgramInstance } from '../model/ProgramInstance.js';
import { CORE_TOKENS } from '../tokens.js';
import type { AdapterRegistry } from './AdapterRegistry.js';
import { BoundAdapter } from './BoundAdapter.js';

/** Hands out each program instance's adapter, bound to its config, clock and time limit. */
@injectable()
export class AdapterGateway {
  constructor(
    @inject(CORE_TOKENS.adapters) private readonly registry: AdapterRegistry,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
  ) {}

  for(instance: ProgramInstance): BoundAdapter {
    return new BoundAdapter(this.registry.get(instance.adapter.adapterId), instance, this.clock, this.settings.adapterTimeoutMs);
  }

  get adapters(): AdapterRegistry {
    return this.registry;
  }
}
