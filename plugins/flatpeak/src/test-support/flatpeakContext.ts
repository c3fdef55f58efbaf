import { adapterTestContext, type TestContext, type TestContextOptions } from '@flexroll/testkit';
import type { FlatpeakConfig } from '../config.js';
import adapter from '../index.js';
import { FLATPEAK_TEST_CONFIG } from './flatpeakFixtures.js';

/** A context as the platform makes it (the kit's), of its own program instance (so its token cache starts empty). */
export function flatpeakContext(config: Partial<FlatpeakConfig> = {}, options: TestContextOptions = {}): TestContext<FlatpeakConfig> {
  return adapterTestContext(adapter, { ...FLATPEAK_TEST_CONFIG, ...config }, options);
}
