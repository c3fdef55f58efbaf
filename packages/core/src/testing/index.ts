export { CoreHarness, harnessOn, type HarnessOptions } from './CoreHarness.js';
export { describeStoreConformance } from './describeStoreConformance.js';
export * from '../seeds/seedExamples.js';
export type { StoreUnderTest } from './StoreUnderTest.js';
export { driveToActive } from './journeys.js';
