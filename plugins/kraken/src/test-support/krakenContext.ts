import { adapterTestContext, type TestContext } from '@flexroll/testkit';
import type { KrakenConfig } from '../config.js';
import adapter from '../index.js';
import { KRAKEN_TEST_CONFIG } from './krakenTestConfig.js';

/**
 * A context for calling the Kraken adapter's parts directly, as the platform makes it (the kit's): a program instance
 * of its own (so its token cache starts empty), the test config, and a reference map in memory. `now` is a fixed
 * time, or a clock the context's token cache reads (so a spec can move it).
 */
export function krakenContext(config: Partial<KrakenConfig> = {}, now: Date | { now(): Date } = new Date()): TestContext<KrakenConfig> {
  return adapterTestContext(adapter, { ...KRAKEN_TEST_CONFIG, ...config }, now instanceof Date ? { now } : { clock: now });
}
