import type { OperatorAdapter } from '@flexroll/sdk';
import type { KitOptions } from '../AdapterKit.js';
import { withoutRealHosts } from '../operator/withoutRealHosts.js';
import type { Scenario } from './scenarios.js';

/**
 * Runs one standard scenario with no real host reachable: the adapter's outbound calls reach only the operator
 * fake the options make (a fresh one per scenario, removed after it), or fail as an adapter failure would.
 */
export async function runScenario(scenario: Scenario, adapter: OperatorAdapter, options: KitOptions): Promise<void> {
  await withoutRealHosts(async () => {
    const operator = options.operator?.();
    try {
      await scenario.run(adapter, options);
    } finally {
      operator?.stop();
    }
  });
}
