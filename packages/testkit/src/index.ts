import 'reflect-metadata';

export { AdapterKit, type KitCustomer, type KitDevice, type KitOptions } from './AdapterKit.js';
export { adapterTestContext, type LoggedLine, type TestContext, type TestContextOptions } from './adapterTestContext.js';
export { describeAdapterConformance } from './describeAdapterConformance.js';
export { KitExpectationError } from './KitExpectationError.js';
export { KitHarness } from './KitHarness.js';
export { OperatorFake, type FakeAnswer, type FakeReply } from './operator/OperatorFake.js';
export type { FakeRequest } from './operator/FakeRequest.js';
export type { FakeTokenOptions } from './operator/FakeTokenIssuer.js';
export { withoutRealHosts } from './operator/withoutRealHosts.js';
export { runAdapterScenarios, type ScenarioReport } from './runAdapterScenarios.js';
export { SCENARIOS, type Scenario } from './scenarios/scenarios.js';
export { EVERY_STATE, reachState } from './reachState.js';
// The platform's records the kit hands back, so an adapter's specs can name them without depending on the core.
export type { AdapterOutboxItem, AdapterOutboxStatus, CallContext, Enrollment, Participation, ProgramInstance } from '@flexroll/core';
