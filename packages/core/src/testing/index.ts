/**
 * @flexroll/core/testing — for the platform's own tests and benchmarks (never in a product build): a harness with a
 * manual clock, the store conformance suite, the seeds' examples, and the internals tests reach into.
 */
export { CoreHarness, harnessOn, type HarnessOptions } from './CoreHarness.js';
export { describeStoreConformance } from './describeStoreConformance.js';
export * from '../seeds/seedExamples.js';
export type { StoreUnderTest } from './StoreUnderTest.js';
export { driveToActive } from './journeys.js';
export { RecordingLogger, type LoggedLine } from './RecordingLogger.js';

// Internals
export { EnrollmentLog, type Author, type ChangeResult, type Decision } from '../enrollment/EnrollmentLog.js';
export { storedKeyOf } from '../services/IdempotencyService.js';
export { EnrollmentChange } from '../enrollment/EnrollmentChange.js';
export { projectEnrollment } from '../enrollment/projectEnrollment.js';
export { ChangeRunner, type RuledDecision } from '../enrollment/ChangeRunner.js';
export { AdapterGateway } from '../adapters/AdapterGateway.js';
export { AdapterRegistry } from '../adapters/AdapterRegistry.js';
export { BoundAdapter } from '../adapters/BoundAdapter.js';
export { checkManifest } from '../adapters/checkManifest.js';
export { secretConfigFields, validateAdapterConfig } from '../adapters/validateAdapterConfig.js';
export { toEnrollmentView, toParticipationView } from '../adapters/views.js';
export { maskConfig } from '../secrets/sealConfig.js';
export { newCuid, newEventId, newPrefixedId } from '../ids/ids.js';
