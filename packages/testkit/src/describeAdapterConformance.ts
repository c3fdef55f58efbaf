import type { OperatorAdapter } from '@flexroll/sdk';
import type { KitOptions } from './AdapterKit.js';
import { runScenario } from './scenarios/runScenario.js';
import { SCENARIOS } from './scenarios/scenarios.js';

/**
 * The test kit as mocha tests: one `it` per standard scenario, each failing with the expectation that was not met.
 * No real host is reachable while a scenario runs: give `operator` to answer the adapter's outbound calls.
 * @example
 * import adapter from '../index.js';
 * describeAdapterConformance(adapter, { config: { apiToken: 'test-token' } });
 */
export function describeAdapterConformance(adapter: OperatorAdapter, options: KitOptions = {}): void {
  describe(`adapter '${adapter.manifest?.id ?? '?'}' passes the Flexroll test kit`, function () {
    this.timeout(30_000);
    for (const scenario of SCENARIOS) {
      it(scenario.name, () => runScenario(scenario, adapter, options));
    }
  });
}
