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
export { EnrollmentLog, type Author, type ChangeResult, type Decision } from '../enrollments/EnrollmentLog.js';
export { storedKeyOf } from '../platform/idempotency/IdempotencyService.js';
export { EnrollmentChange } from '../enrollments/EnrollmentChange.js';
export { projectEnrollment } from '../enrollments/projectEnrollment.js';
export { ChangeRunner, type RuledDecision } from '../enrollments/ChangeRunner.js';
export { AdapterGateway } from '../operators/adapters/AdapterGateway.js';
export { AdapterRegistry } from '../operators/adapters/AdapterRegistry.js';
export { BoundAdapter } from '../operators/adapters/BoundAdapter.js';
export { checkManifest } from '../operators/adapters/checkManifest.js';
export { secretConfigFields, validateAdapterConfig } from '../operators/adapters/validateAdapterConfig.js';
export { toEnrollmentView, toParticipationView } from '../enrollments/views.js';
export { maskConfig } from '../operators/adapters/sealConfig.js';
export { newCuid, newEventId, newPrefixedId } from '../platform/ids.js';
