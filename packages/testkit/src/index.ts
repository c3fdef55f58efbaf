import 'reflect-metadata';

export { AdapterKit, type KitOptions } from './AdapterKit.js';
export { describeAdapterConformance } from './describeAdapterConformance.js';
export { KitExpectationError } from './KitExpectationError.js';
export { KitHarness } from './KitHarness.js';
export { runAdapterScenarios, type ScenarioReport } from './runAdapterScenarios.js';
export { SCENARIOS, type Scenario } from './scenarios/scenarios.js';
export { EVERY_STATE, reachState } from './reachState.js';
