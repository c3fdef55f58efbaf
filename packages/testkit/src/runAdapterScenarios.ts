import type { OperatorAdapter } from '@flexroll/sdk';
import type { KitOptions } from './AdapterKit.js';
import { runScenario } from './scenarios/runScenario.js';
import { SCENARIOS } from './scenarios/scenarios.js';

/** One scenario's outcome. */
export interface ScenarioReport {
  readonly scenario: string;
  readonly passed: boolean;
  /** Which expectation failed, and what happened instead. */
  readonly failure?: string;
}

/**
 * Runs an adapter through every standard scenario on the embedded store, without a test runner, and reports each.
 * @example const reports = await runAdapterScenarios(myAdapter); reports.filter((r) => !r.passed)
 */
export async function runAdapterScenarios(adapter: OperatorAdapter, options: KitOptions = {}): Promise<ScenarioReport[]> {
  const reports: ScenarioReport[] = [];
  for (const scenario of SCENARIOS) {
    try {
      await runScenario(scenario, adapter, options);
      reports.push({ scenario: scenario.name, passed: true });
    } catch (error) {
      reports.push({ scenario: scenario.name, passed: false, failure: (error as Error).message });
    }
  }
  return reports;
}
