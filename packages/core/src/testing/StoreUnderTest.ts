import type { ContainerModule } from 'inversify';
import type { OperatorAdapter } from '@flexroll/sdk';

/** A store given to the conformance suite: a module binding its ports (the same data every call), and a way to close it. */
export interface StoreUnderTest {
  module(): ContainerModule;
  /** The adapters the suite's program instances use: the reference adapter (plugins/manual), passed by the store's spec. */
  readonly adapters: readonly OperatorAdapter[];
  close(): Promise<void>;
}
